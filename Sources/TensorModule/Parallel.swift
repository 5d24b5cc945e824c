import _LibM
import Synchronization
import _Kernels

/// Splits work over threads. Kernels split by *position*, so results never depend on the thread count.
public enum Parallel {
  private static let configuredThreads = Mutex<Int?>(nil)

  /// Threads parallel kernels use: the number of active processors unless set (e.g. by `--threads`).
  public static var threadCount: Int {
    get {
      let threads = configuredThreads.withLock { $0 } ?? max(1, System.activeProcessorCount)
      threadCountObserver?(threads)
      return threads
    }
    set { configuredThreads.withLock { $0 = max(1, newValue) } }
  }

  /// Test hook: inside `Parallel.$threadCountObserver.withValue(observer) { … }`, every read of
  /// ``threadCount`` (by the fills, the GEMM and ``forEachChunk(count:minimumChunk:threads:_:)``) calls
  /// `observer` with the value read — how the command tests check that `--threads` reaches the kernels.
  @_spi(Testing) @TaskLocal public static var threadCountObserver: (@Sendable (Int) -> Void)? = nil

  /// Calls `body` on consecutive sub-ranges of `0..<count`, in parallel on up to `threads` threads
  /// (default ``threadCount``), each at least `minimumChunk` long (except the last). Returns when all
  /// have run. The chunks run on the calling thread and the kernels' pool of persistent workers
  /// (`nninit_pool_run`). The pool runs one job at a time: a call made while it is busy — from inside
  /// a chunk (a nested fill or GEMM) or from another thread — runs all its chunks on its own thread, one
  /// after another. The chunks are the same either way, so position-addressed results never change.
  public static func forEachChunk(
    count: Int, minimumChunk: Int = 1 << 16, threads: Int? = nil, _ body: @Sendable (Range<Int>) -> Void
  ) {
    guard count > 0 else { return }
    let chunks = min(max(1, threads ?? threadCount), max(1, count / max(1, minimumChunk)))
    if chunks == 1 { return body(0..<count) }
    let size = (count + chunks - 1) / chunks
    withoutActuallyEscaping(body) { body in
      let job = _ChunkJob(count: count, size: size, body: body)
      withUnsafePointer(to: job) { pointer in
        nninit_pool_run(Int32(chunks), chunks, { context, part in
          guard let job = context?.assumingMemoryBound(to: _ChunkJob.self).pointee else { return }
          let start = part * job.size
          if start < job.count { job.body(start..<min(job.count, start + job.size)) }
        }, pointer)
      }
    }
  }
}

/// One `forEachChunk` call, as the pool's workers see it.
private struct _ChunkJob {
  let count: Int
  let size: Int
  let body: @Sendable (Range<Int>) -> Void
}

/// Facts about the machine.
enum System {
  static var activeProcessorCount: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}

