import TensorModule
import _Kernels

/// How a ``PhiloxGenerator`` fill runs: the instruction-set path and the threads.
///
/// Neither changes a bit of the output — positions, never threads or vector widths, decide the
/// values — so generators run ``automatic`` unless a test pins a path and a thread count (per call, or
/// per generator with `PhiloxGenerator(seed:path:execution:)`) to check exactly that, without touching
/// process-wide settings that concurrently running suites also read.
@_spi(Testing) public struct PhiloxExecution: Sendable {
  /// The `nninit_isa` level (0 scalar; x86-64: 1 AVX2 + FMA, 2 AVX-512; arm64: 1 NEON), lowered to
  /// what the CPU supports;
  /// `nil` for `nninit_active_isa()` (the detected level, or `NNINIT_ISA` / `nninit_force_isa`).
  public var isa: Int?
  /// Threads to split over (through ``Parallel/forEachChunk(count:minimumChunk:threads:_:)``); `nil` for ``Parallel/threadCount``.
  public var threads: Int?
  /// The smallest chunk (in elements) worth a thread of its own.
  public var minimumChunk: Int

  public init(isa: Int? = nil, threads: Int? = nil, minimumChunk: Int = 1 << 16) {
    self.isa = isa
    self.threads = threads
    self.minimumChunk = minimumChunk
  }

  /// The detected ISA, `Parallel.threadCount` threads, chunks of at least 2¹⁶ elements.
  public static let automatic = PhiloxExecution()

  /// The kernels' view of `key`, `stream` and ``isa``.
  func source(key: SIMD2<UInt32>, stream: PhiloxGenerator.Stream) -> nninit_philox_source {
    nninit_philox_source(key0: key[0], key1: key[1], stream: stream.rawValue, isa: Int32(isa ?? -1))
  }

  /// Calls `kernel(firstElement, destination, count)` on consecutive chunks of `buffer`, which holds
  /// elements `offset ..< offset + buffer.count`, in parallel.
  func forEachChunk<T>(
    _ buffer: UnsafeMutableBufferPointer<T>, offset: Int,
    _ kernel: @Sendable (UInt64, UnsafeMutablePointer<T>, Int) -> Void
  ) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    let destination = _SendablePointer(base: base)
    Parallel.forEachChunk(count: buffer.count, minimumChunk: minimumChunk, threads: threads) { range in
      kernel(UInt64(offset + range.lowerBound), destination.base + range.lowerBound, range.count)
    }
  }
}

/// A destination shared by the chunks of one fill; each chunk writes only its own range.
private struct _SendablePointer<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
}
