import ArgumentParser
import NNInit

/// Which generator draws the numbers.
enum GeneratorKind: String, ExpressibleByArgument, CaseIterable {
  /// PyTorch's CPU generator, bit for bit (`torch.manual_seed(seed)`).
  case torch
  /// Position-addressed Philox4x32-10: each value depends only on (seed, parameter key, index).
  case philox
}

extension DType: ExpressibleByArgument {
  public static var allValueStrings: [String] { ["float32", "float64"] }
}

extension TorchGenerator.Flavor: ExpressibleByArgument {}

/// The options every drawing command shares.
struct GeneratorOptions: ParsableArguments {
  @Option(
    parsing: .unconditional, help: "The seed, as `torch.manual_seed(N)` takes it: -2^63 … 2^64-1 (negative values wrap like PyTorch's).",
    transform: SeedArgument.parse)
  var seed: UInt64 = 0

  @Option(help: "The generator: torch (PyTorch-parity) or philox (position-addressed).")
  var generator: GeneratorKind = .torch

  @Option(help: "PyTorch CPU kernels to match: vectorized (AVX2/AVX-512 wheels) or scalar (ATEN_CPU_CAPABILITY=default).")
  var torchKernels: TorchGenerator.Flavor = .vectorized

  @Option(help: "Parameter dtype: float32 or float64.")
  var dtype: DType = .float32

  @Option(parsing: .unconditional, help: "Threads for the fills (default: every active core). The values never depend on it.")
  var threads: Int?

  func validate() throws {
    guard dtype.isFloatingPoint else { throw CLIError("--dtype must be float32 or float64, got \(dtype.rawValue)") }
    if let threads, threads < 1 { throw CLIError("--threads must be at least 1, got \(threads)") }
  }

  /// The generator construction draws from (and `--threads` applied to ``Parallel/threadCount``). For
  /// torch it is the default generator, seeded like `torch.manual_seed(seed)`, so `sparse_`'s
  /// permutations come from the same stream as in PyTorch.
  func makeGenerator() -> any RandomGenerator {
    if let threads { Parallel.threadCount = threads }
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
