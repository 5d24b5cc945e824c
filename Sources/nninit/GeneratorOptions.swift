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

  @Option(help: "PyTorch CPU kernels to match: vectorized (AVX2/AVX-512 wheels) or scalar (ATEN_CPU_CAPABILITY=default).")
  var torchKernels: TorchGenerator.Flavor = .vectorized

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
