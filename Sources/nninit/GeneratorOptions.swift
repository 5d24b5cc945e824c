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

/// What `--dtype` accepts: the tensor dtypes, and the 16-bit storage types of `--hf-config` checkpoints.
enum DTypeName: String, ExpressibleByArgument, CaseIterable {
  case float32, float64, bfloat16, float16
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

  @Option(
    name: .customLong("dtype"),
    help: "Parameter dtype: float32 or float64; with --hf-config float32, bfloat16 or float16 (default: the config's).")
  var dtypeName: DTypeName?

  @Option(help: "Threads for the fills (default: every active core). The values never depend on it.")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw CLIError("--threads must be at least 1, got \(threads)") }
  }

  /// The dtype of the tensors a SPEC or a fill computes (`--dtype`, float32 when not given).
  ///
  /// - Throws: a ``CLIError`` for bfloat16/float16, which only `--hf-config` checkpoints store.
  func tensorDType() throws -> DType {
    switch dtypeName {
    case nil, .float32: return .float32
    case .float64: return .float64
    case let name?: throw CLIError("--dtype \(name.rawValue) is only for --hf-config checkpoints; tensors are float32 or float64")
    }
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
