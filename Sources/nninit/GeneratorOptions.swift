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
  @Option(help: "The seed, as `torch.manual_seed(N)` takes it (negative values wrap like PyTorch's).")
  var seed = 0

  @Option(help: "The generator: torch (PyTorch-parity) or philox (position-addressed).")
  var generator: GeneratorKind = .torch

  @Option(help: "PyTorch CPU kernels to match: vectorized (AVX2/AVX-512 wheels) or scalar (ATEN_CPU_CAPABILITY=default).")
  var torchKernels: TorchGenerator.Flavor = .vectorized

  @Option(help: "Parameter dtype: float32 or float64.")
  var dtype: DType = .float32

  func validate() throws {
    guard dtype.isFloatingPoint else { throw ValidationError("--dtype must be float32 or float64, got \(dtype.rawValue)") }
  }

  /// The generator construction draws from. For torch it is the default generator, seeded like
  /// `torch.manual_seed(seed)`, so `sparse_`'s permutations come from the same stream as in PyTorch.
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
