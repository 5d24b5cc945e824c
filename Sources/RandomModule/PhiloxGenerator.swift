/// A counter-based generator: every value is a pure function of (seed, parameter path, element index).
///
/// Built on ``Philox4x32`` (Philox4x32-10). The 64-bit Philox key is derived from the seed and a
/// parameter path (a state-dict key such as `0.weight`, empty for a standalone tensor) by
/// ``key(seed:path:)``; the counter of block `b` in stream `s` is `(b mod 2³², b >> 32, s, 0)`.
/// A fill of `count` elements writes the elements `[offset, offset + count)` of a conceptual tensor,
/// so any shard computed alone equals the same slice of the whole tensor, and the values never depend
/// on how many fills ran before: the generator has no mutable state (hence trivially `Sendable`), and
/// filling the same tensor twice gives the same values. The exact algorithms are in `Docs/Philox.md`.
///
///     let g = PhiloxGenerator(seed: 42)
///     let w = g.generator(forParameter: "0.weight")   // keyed by (42, "0.weight")
///
/// Its values differ from PyTorch's (use ``TorchGenerator`` for parity); what it guarantees instead
/// is reproducibility independent of visiting order, sharding, thread count and instruction set.
public final class PhiloxGenerator: RandomGenerator {
  /// The counter streams (counter word 2) that keep separate kinds of draws disjoint.
  public enum Stream: UInt32, Sendable, CaseIterable {
    /// `uniform_`: float32 element i uses word i; float64 element i uses words 2i, 2i+1.
    case uniform = 0
    /// `normal_`: float32 elements 4k…4k+3 come from block k (two binary32 Box–Muller pairs); float64
    /// elements 2k and 2k+1 share block k (one binary64 pair, cosine and sine).
    case normal = 1
    /// `trunc_normal_`: element i uses words 2i, 2i+1 (one 53-bit uniform, inverse CDF).
    case truncatedNormal = 2
    /// `randperm`: index i's 64-bit sort key is words 2i, 2i+1.
    case permutation = 3
  }

  /// The seed shared by every parameter's generator.
  public let seed: UInt64
  /// The parameter path that selected ``key`` (empty for a standalone tensor).
  public let path: String
  /// The Philox key `(k0, k1)`: the low and high halves of ``key(seed:path:)``.
  public let key: SIMD2<UInt32>
  /// How the fills run (ISA path, threads): ``PhiloxExecution/automatic`` except in tests, which pin
  /// it to check that it never changes a value. Inherited by ``generator(forParameter:)``.
  @_spi(Testing) public let execution: PhiloxExecution

  /// A generator keyed by `(seed, path)`.
  public convenience init(seed: UInt64, path: String = "") {
    self.init(seed: seed, path: path, execution: .automatic)
  }

  /// A generator keyed by `(seed, path)` whose fills run as `execution` says.
  @_spi(Testing) public init(seed: UInt64, path: String = "", execution: PhiloxExecution) {
    self.seed = seed
    self.path = path
    self.execution = execution
    let k = PhiloxGenerator.key(seed: seed, path: path)
    key = SIMD2(UInt32(truncatingIfNeeded: k), UInt32(truncatingIfNeeded: k >> 32))
  }

  /// A generator keyed by `(seed, path)`, a negative seed reinterpreted as PyTorch does (`-1` → 2⁶⁴ − 1).
  public convenience init(seed: Int, path: String = "") {
    self.init(seed: UInt64(bitPattern: Int64(seed)), path: path)
  }

  /// The 64-bit Philox key of `(seed, path)`: `splitMix64(splitMix64(seed) ^ fnv1a64(utf8(path)))`.
  ///
  /// `fnv1a64` is FNV-1a 64 (offset basis 0xCBF29CE484222325, prime 0x100000001B3) over the UTF-8
  /// bytes; `splitMix64(z)` is SplitMix64's output function applied to `z + 0x9E3779B97F4A7C15`.
  public static func key(seed: UInt64, path: String) -> UInt64 {
    splitMix64(splitMix64(seed) ^ fnv1a64(path))
  }

  /// FNV-1a 64 of the UTF-8 bytes of `string`.
  static func fnv1a64(_ string: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in string.utf8 {
      h ^= UInt64(byte)
      h &*= 0x0000_0100_0000_01B3
    }
    return h
  }

  /// SplitMix64's step and output function: `z += 0x9E3779B97F4A7C15`, then the two xor-shift-multiplies.
  static func splitMix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The four words of block `index` in `stream`: Philox4x32-10 of counter `(index lo, index hi, stream, 0)`.
  public func block(_ index: UInt64, stream: Stream) -> SIMD4<UInt32> {
    Philox4x32.block(
      counter: SIMD4(UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32), stream.rawValue, 0),
      key: key)
  }

  /// A generator with the same seed keyed by `path` (absolute: this generator's own path is ignored).
  public func generator(forParameter path: String) -> any RandomGenerator {
    positionAddressedGenerator(forParameter: path)
  }

  /// A random permutation of `0..<n`: the indices sorted by their 64-bit keys.
  ///
  /// Index i's key is `w[2i] << 32 | w[2i+1]` (words of the ``Stream/permutation`` stream); ties, which
  /// have probability ~n²/2⁶⁵, are broken by the smaller index. Plays the role of `torch.randperm(n)`.
  public func randperm(_ n: Int) -> [Int] {
    precondition(n >= 0, "randperm expects n >= 0, got \(n)")
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.permutation.rawValue)
    var keyed = [(key: UInt64, index: Int)]()
    keyed.reserveCapacity(n)
    for i in 0..<n {
      let j = UInt64(i) &* 2
      keyed.append((UInt64(cursor.word(j)) << 32 | UInt64(cursor.word(j + 1)), i))
    }
    keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
    return keyed.map(\.index)
  }
}

/// Reads consecutive 32-bit words of one stream, computing each Philox block once.
@_spi(Testing) public struct _WordCursor {
  let key: (UInt32, UInt32)
  let stream: UInt32
  private var blockIndex = UInt64.max
  private var words: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)

  /// A cursor over `stream` of the Philox key `key`.
  public init(key: (UInt32, UInt32), stream: UInt32) {
    self.key = key
    self.stream = stream
  }

  /// The whole block `index` (words 4·index … 4·index + 3).
  @inline(__always)
  public mutating func block(_ index: UInt64) -> (UInt32, UInt32, UInt32, UInt32) {
    if index != blockIndex {
      words = Philox4x32._block(
        UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32), stream, 0, key: key)
      blockIndex = index
    }
    return words
  }

  /// Word `j` of the stream: lane `j mod 4` of block `j / 4`.
  @inline(__always)
  public mutating func word(_ j: UInt64) -> UInt32 {
    let w = block(j >> 2)
    switch j & 3 {
    case 0: return w.0
    case 1: return w.1
    case 2: return w.2
    default: return w.3
    }
  }

  /// The 53-bit integer of words `j`, `j + 1`: `(w[j] << 32 | w[j+1]) >> 11`.
  @inline(__always)
  public mutating func bits53(_ j: UInt64) -> UInt64 {
    (UInt64(word(j)) << 32 | UInt64(word(j + 1))) >> 11
  }
}
