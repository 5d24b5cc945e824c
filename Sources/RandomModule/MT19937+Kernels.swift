import Synchronization
import TensorModule
import _Kernels

extension MT19937 {
  /// Runs `body` with the engine as the C kernels take it: the 624 state words, `left` and `next`.
  ///
  /// The kernels (`nninit_mt19937_words`, `nninit_torch_uniform_f32`, …) advance the engine exactly
  /// as the same number of ``next32()`` calls would.
  @inline(__always)
  mutating func withKernelState<R>(
    _ body: (UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) -> R
  ) -> R {
    state.withUnsafeMutableBufferPointer { words in body(words.baseAddress!, &left, &next) }
  }

  /// Fills `buffer` with the next `buffer.count` words, as many ``next32()`` calls would (vectorized).
  @_spi(Testing) public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt32>) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    withKernelState { nninit_mt19937_words($0, $1, $2, base, buffer.count) }
  }

  /// Advances by `count` words without producing them: only the twists run (624 words each).
  @_spi(Testing) public mutating func skip(_ count: Int) {
    withKernelState { nninit_mt19937_skip($0, $1, $2, UInt64(count)) }
  }

  /// The fewest elements of a cheap fill (uniforms, Cephes normals) worth a thread of its own; fills
  /// with libm calls use 1/16 of it. A test hook: lower it to exercise the split on small tensors.
  @_spi(Testing) public static let parallelGrain = Atomic<Int>(1 << 18)

  /// Runs a fill of `count` elements, each drawing `wordsPerElement` words, on up to
  /// ``Parallel/threadCount`` threads, and leaves the engine where the sequential fill would.
  ///
  /// MT19937 is one sequential stream, but skipping ahead is cheap (``skip(_:)`` only twists), so each
  /// thread takes a range of whole `granule`s and its own copy of the engine advanced to the range's
  /// first word: every element still gets exactly the words it would get sequentially.
  /// `fill(&engine, range)` must draw `range.count · wordsPerElement` words; `slow` marks fills whose
  /// elements cost libm calls (worth splitting sooner).
  mutating func fillInParallel(
    count: Int, wordsPerElement: Int, granule: Int, slow: Bool = false,
    _ fill: @escaping (inout MT19937, Range<Int>) -> Void
  ) {
    let granules = count / granule
    let grain = max(1, MT19937.parallelGrain.load(ordering: .relaxed) / (slow ? 16 : 1))
    let parts = min(Parallel.threadCount, count / grain, granules)
    guard parts > 1 else { return fill(&self, 0..<count) }
    let start = self
    let finish = Mutex<MT19937?>(nil)
    nonisolated(unsafe) let fill = fill
    Parallel.forEachChunk(count: parts, minimumChunk: 1) { indices in
      for part in indices {
        let lower = granules * part / parts * granule
        let upper = part == parts - 1 ? count : granules * (part + 1) / parts * granule
        var engine = start
        engine.skip(lower * wordsPerElement)
        fill(&engine, lower..<upper)
        if part == parts - 1 { finish.withLock { $0 = engine } }
      }
    }
    self = finish.withLock { $0! }
  }
}
