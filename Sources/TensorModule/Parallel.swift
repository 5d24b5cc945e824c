import Dispatch
import Synchronization

/// Splits work over threads. Kernels split by *position*, so results never depend on the thread count.
public enum Parallel {
  private static let configuredThreads = Mutex<Int?>(nil)

  /// Threads parallel kernels use: the number of active processors unless set (e.g. by `--threads`).
  public static var threadCount: Int {
    get { configuredThreads.withLock { $0 } ?? max(1, System.activeProcessorCount) }
    set { configuredThreads.withLock { $0 = max(1, newValue) } }
  }

  /// Calls `body` on consecutive sub-ranges of `0..<count`, in parallel on up to ``threadCount``
  /// threads, each at least `minimumChunk` long (except the last). Returns when all have run.
  public static func forEachChunk(count: Int, minimumChunk: Int = 1 << 16, _ body: @Sendable (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let chunks = min(threadCount, max(1, count / max(1, minimumChunk)))
    if chunks == 1 { return body(0..<count) }
    let size = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { index in
      let start = index * size
      if start < count { body(start..<min(count, start + size)) }
    }
  }
}

/// Facts about the machine.
enum System {
  static var activeProcessorCount: Int {
    #if canImport(Glibc)
      Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
      1
    #endif
  }
}

#if canImport(Glibc)
  import Glibc
#endif
