import ArgumentParser
import NNInit

extension GeneratorKind: ExpressibleByArgument {}

extension ShardStyle: ExpressibleByArgument {}

extension DType: ExpressibleByArgument {
  public static var allValueStrings: [String] { ["float32", "float64"] }
}

/// What `--dtype` accepts: the tensor dtypes, and the 16-bit storage types of `--hf-config` checkpoints.
enum DTypeName: String, ExpressibleByArgument, CaseIterable {
  case float32, float64, bfloat16, float16
}

extension TorchGenerator.Flavor: ExpressibleByArgument {}

/// `--threads N`, shared by every command that computes.
struct ThreadOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Threads for the fills and matrix kernels (default: every active core). The values never depend on it.")
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
  @Option(
    parsing: .unconditional, help: "The seed, as `torch.manual_seed(N)` takes it: -2^63 … 2^64-1 (negative values wrap like PyTorch's).",
    transform: SeedArgument.parse)
  var seed: UInt64 = 0

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

  @Option(
    name: .customLong("dtype"),
    help: "Parameter dtype: float32 or float64; with --hf-config float32, bfloat16 or float16 (default: the config's).")
  var dtypeName: DTypeName?

  @OptionGroup var parallelism: ThreadOptions

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
