import ArgumentParser
import NNInit

extension GeneratorKind: ExpressibleByArgument {}

extension DType: ExpressibleByArgument {
  public static var allValueStrings: [String] { ["float32", "float64"] }
}

extension TorchGenerator.Flavor: ExpressibleByArgument {}

/// `--threads N`, shared by every command that computes.
struct ThreadOptions: ParsableArguments {
  @Option(help: "Threads for the fills and matrix kernels (default: every active core). The values never depend on it.")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw CLIError("--threads must be at least 1, got \(threads)") }
  }

  /// Sets ``Parallel/threadCount`` for the rest of the process; every command calls it first in `run()`.
  func apply() {
    if let threads { Parallel.threadCount = threads }
  }
}

/// The options every drawing command shares.
struct GeneratorOptions: ParsableArguments {
  @Option(help: "The seed, as `torch.manual_seed(N)` takes it (negative values wrap like PyTorch's).")
  var seed = 0

  @Option(help: "The generator: torch (PyTorch-parity) or philox (position-addressed).")
  var generator: GeneratorKind = .torch

  /// Defaults to the flavor of the PyTorch wheels for this machine's architecture
  /// (``TorchGenerator/Flavor/platformDefault``: `arm64` on arm64, `vectorized` elsewhere), so that the
  /// same command gives the same bytes as PyTorch on the same machine.
  @Option(
    help: """
      PyTorch CPU kernels to match: vectorized (x86-64 wheels, AVX2/AVX-512), scalar (x86-64 with \
      ATEN_CPU_CAPABILITY=default) or arm64 (aarch64 Linux and macOS arm64 wheels); the default is \
      this machine's.
      """)
  var torchKernels: TorchGenerator.Flavor = .platformDefault

  @Option(help: "Parameter dtype: float32 or float64.")
  var dtype: DType = .float32

  @OptionGroup var parallelism: ThreadOptions

  func validate() throws {
    guard dtype.isFloatingPoint else { throw CLIError("--dtype must be float32 or float64, got \(dtype.rawValue)") }
  }

  /// The generator construction draws from. For torch it is the default
  /// generator, seeded like `torch.manual_seed(seed)`, so `sparse_`'s permutations come from the same
  /// stream as in PyTorch.
  func makeGenerator() -> any RandomGenerator {
    switch generator {
    case .torch:
      TorchGenerator.default.flavor = torchKernels
      TorchGenerator.default.manualSeed(seed)
      return TorchGenerator.default
    case .philox:
      return PhiloxGenerator(seed: seed)
    }
  }
}
