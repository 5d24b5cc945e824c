import Synchronization

/// PyTorch's CPU random generator, reproduced draw for draw.
///
/// Mirrors `at::CPUGeneratorImpl`: an ``MT19937`` engine, the cached double normal of the scalar
/// `normal_` path, and for every operation the exact sequence of 32-bit draws and floating-point steps
/// of PyTorch's CPU kernels, so that the same seed gives the same tensors bit for bit
/// (see the README's parity section). Thread-safe: like PyTorch's, every fill holds the generator's lock.
///
///     let g = TorchGenerator(seed: 42)        // torch.Generator().manual_seed(42)
///     TorchGenerator.default.manualSeed(42)   // torch.manual_seed(42)
public final class TorchGenerator: RandomGenerator {
  /// Which of PyTorch's compiled CPU kernels to reproduce.
  ///
  /// PyTorch's `uniform_` and `normal_` give different last bits depending on how its CPU kernels were
  /// compiled; the flavors are plain arithmetic, so any of them runs on any machine (see the README's
  /// parity section). Two choices make the difference — ``fusesMultiplyAdd`` and ``usesCephesNormal``:
  ///
  /// | flavor | PyTorch wheels | `x·(to − from) + from` | float32 `normal_` (≥ 16) |
  /// |---|---|---|---|
  /// | ``vectorized`` | x86-64 (AVX2, AVX-512) | fused | Cephes `log256_ps`/`sincos256_ps` |
  /// | ``scalar`` | x86-64 with `ATEN_CPU_CAPABILITY=default` | separate | libm `logf`/`sinf`/`cosf` |
  /// | ``arm64`` | Linux aarch64 (DEFAULT, SVE128, SVE256), macOS arm64 | fused | libm `logf`/`sinf`/`cosf` |
  public enum Flavor: String, Sendable, Codable, CaseIterable {
    /// The AVX2/AVX-512 kernels of the x86-64 wheels (what almost every user runs): fused
    /// multiply-add in `uniform_`, the Cephes polynomial log/sincos in float32 `normal_`.
    case vectorized
    /// The scalar kernels of the x86-64 wheels (`ATEN_CPU_CAPABILITY=default`): separate multiply and
    /// add, libm `logf`/`sinf`/`cosf`.
    case scalar
    /// The kernels of the arm64 wheels: fused multiply-add (GCC and clang contract `a·b + c` into one
    /// `fmadd`, an instruction every arm64 CPU has) and libm `logf`/`sinf`/`cosf` (`avx_mathfun.h` is
    /// x86-only; `normal_fill` has no NEON or SVE path).
    ///
    /// Checked bit for bit against the torch 2.15 aarch64 Linux wheel under qemu at every CPU
    /// capability it dispatches to (DEFAULT, SVE128, SVE256; `Tests/Fixtures/torch/aarch64/`).
    /// macOS arm64 wheels compile the same source with clang and call Apple's libm: the same
    /// operations, but Apple's `logf`/`sinf`/`cosf` are not verified to equal glibc's.
    case arm64

    /// The flavor of the PyTorch wheels built for this machine's architecture: ``arm64`` on arm64,
    /// ``vectorized`` elsewhere. The default of `TorchGenerator(seed:flavor:)` and of
    /// `nninit --torch-kernels`, so that NNInit matches the PyTorch its user runs on the same machine.
    public static var platformDefault: Flavor {
      #if arch(arm64)
        .arm64
      #else
        .vectorized
      #endif
    }

    /// Whether `a·b + c` is one fused multiply-add (`uniform_`'s `x·(to − from) + from`, the
    /// `v·std + mean` of `normal_`'s scalar path), as PyTorch's kernels compiled with FMA available.
    public var fusesMultiplyAdd: Bool { self != .scalar }

    /// Whether float32 `normal_` (≥ 16 contiguous elements) uses the Cephes polynomials of
    /// `avx_mathfun.h` (the AVX2 `NormalFill16`) instead of libm `logf`/`sinf`/`cosf`.
    public var usesCephesNormal: Bool { self == .vectorized }
  }

  struct State {
    var engine: MT19937
    var seed: UInt64
    var nextDoubleNormal: Double?
    var flavor: Flavor
  }

  /// The seed of a new `torch.Generator()` (`default_rng_seed_val`, 67280421310721).
  public static let defaultSeed: UInt64 = 67_280_421_310_721

  /// The process-wide default generator, as `torch.default_generator`.
  ///
  /// Unlike PyTorch's, it starts from ``defaultSeed`` rather than a non-deterministic seed, so
  /// programs are reproducible even without ``manualSeed(_:)``.
  public static let `default` = TorchGenerator()

  /// The kernels this generator reproduces; settable, e.g. to make ``default`` follow
  /// `ATEN_CPU_CAPABILITY=default`.
  public var flavor: Flavor {
    get { state.withLock { $0.flavor } }
    set { state.withLock { $0.flavor = newValue } }
  }
  let state: Mutex<State>

  /// A generator seeded like `torch.Generator().manual_seed(seed)`.
  public init(seed: UInt64 = TorchGenerator.defaultSeed, flavor: Flavor = .platformDefault) {
    state = Mutex(State(engine: MT19937(seed: seed), seed: seed, nextDoubleNormal: nil, flavor: flavor))
  }

  /// A generator seeded with a signed seed, reinterpreted as PyTorch does (`-1` → 2⁶⁴ − 1).
  public convenience init(seed: Int, flavor: Flavor = .platformDefault) {
    self.init(seed: UInt64(bitPattern: Int64(seed)), flavor: flavor)
  }

  /// Reseeds (`generator.manual_seed(seed)`): a fresh engine and no cached normal.
  ///
  /// Only the low 32 bits select the stream; the full seed is kept for ``initialSeed``.
  public func manualSeed(_ seed: UInt64) {
    state.withLock {
      $0.engine = MT19937(seed: seed)
      $0.seed = seed
      $0.nextDoubleNormal = nil
    }
  }

  /// Reseeds with a signed seed, reinterpreted as PyTorch does (`-1` → 2⁶⁴ − 1).
  public func manualSeed(_ seed: Int) { manualSeed(UInt64(bitPattern: Int64(seed))) }

  /// The seed last set (`generator.initial_seed()`).
  public var initialSeed: UInt64 { state.withLock { $0.seed } }

  /// The next raw 32-bit word (`generator.random()` on the engine).
  public func next32() -> UInt32 { state.withLock { $0.engine.next32() } }

  /// Itself: PyTorch's generator is one stream, whatever the parameter.
  public func generator(forParameter path: String) -> any RandomGenerator { self }

  /// Runs `body` on the engine and the flavor under the generator's lock: the hook the executable
  /// specification (`Tests/RandomSpecification`) draws through.
  @_spi(Testing) public func withEngine<R>(_ body: (inout MT19937, Flavor) -> R) -> R {
    state.withLock { s in body(&s.engine, s.flavor) }
  }

  /// `torch.randperm(n)` for `n < 2³²/20`: a Fisher–Yates shuffle drawing `random() % (n − i)`.
  ///
  /// Mirrors `randperm_cpu` in `aten/src/ATen/native/TensorFactories.cpp`; consumes n − 1 words.
  public func randperm(_ n: Int) -> [Int] {
    precondition(n >= 0, "randperm expects n >= 0, got \(n)")
    var result = Array(0..<n)
    guard n > 1 else { return result }
    state.withLock { s in
      for i in 0..<(n - 1) {
        let z = Int(UInt64(s.engine.next32()) % UInt64(n - i))
        result.swapAt(i, i + z)
      }
    }
    return result
  }
}

/// Seeds the default generator (`torch.manual_seed(seed)`).
///
/// Negative seeds are reinterpreted as PyTorch does (`-1` → 2⁶⁴ − 1); only the low 32 bits select
/// the stream.
public func manualSeed(_ seed: Int) { TorchGenerator.default.manualSeed(seed) }
