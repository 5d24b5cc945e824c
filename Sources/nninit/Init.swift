import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif
import NNInit

/// `nninit init`: build a model from SPEC as PyTorch would after `torch.manual_seed(N)`, optionally
/// re-initialize it, and write its state dict.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a model as PyTorch would after torch.manual_seed(N) and write its state dict.",
    discussion: """
      Example: nninit init --model 'Linear(10, 5), ReLU(), Linear(5, 1)' --seed 42 --print \\
                 --weight-init "kaiming_uniform_(nonlinearity='relu')" --bias-init 'zeros_()' --output model.safetensors
      """)

  @Option(help: "The model: PyTorch constructor syntax without `nn.`.")
  var model = "Linear(784, 256), ReLU(), Linear(256, 10)"

  @OptionGroup var options: GeneratorOptions

  @OptionGroup var hf: HFOptions

  @Option(help: "A torch.nn.init call applied to every module's `weight`, in model.apply order.")
  var weightInit: String?

  @Option(help: "A torch.nn.init call applied to every module's `bias`, after its weight.")
  var biasInit: String?

  @Option(help: "Where to write the state dict (.safetensors, loadable by load_state_dict).")
  var output: String?

  @Flag(name: .customLong("print"), help: "Print the model as PyTorch's print(model) does (the default without --output).")
  var printModel = false

  @Option(help: "With --generator philox: write only one shard of every parameter, cut along this dimension.")
  var shardDim: Int?

  @Option(help: "Which shard to write, 0 ..< --shard-count (torch.tensor_split: the first size % count shards get one more).")
  var shardIndex: Int?

  @Option(help: "How many shards each parameter is cut into.")
  var shardCount: Int?

  func run() throws {
    options.parallelism.apply()
    if hf.hfConfig != nil { return try runHF() }
    try hf.rejectWithoutConfig()
    let weightScheme = try weightInit.map { text in try reporting("--weight-init") { try InitCallBuilder.initializer(from: text) } }
    let biasScheme = try biasInit.map { text in try reporting("--bias-init") { try InitCallBuilder.initializer(from: text) } }
    let shard = try shardOption()
    if options.generator == .philox {
      return try runPositionAddressed(weightScheme: weightScheme, biasScheme: biasScheme, shard: shard)
    }
    let generator = options.makeGenerator()
    let module = try reporting("--model") {
      try ModelBuilder(dtype: options.tensorDType(), generator: generator).build(model)
    }
    try reporting("--weight-init/--bias-init") {
      try module.reinitialize(weight: weightScheme, bias: biasScheme, generator: generator)
    }
    if let output {
      try reporting("--output") {
        try SafeTensors.write(
          module.stateDict(), metadata: ["format": "pt"], to: URL(fileURLWithPath: output))
      }
    }
    if printModel || output == nil { print(module.description) }
  }

  /// The philox path: build the model as declarations only (nothing allocated, nothing drawn), record each
  /// parameter's final scheme, and stream the tensors (or one shard of them) into the file chunk by
  /// chunk, so memory stays bounded whatever the model's size. The values equal those of
  /// `resetAllParameters(generator:)` + `reinitialize(…)` + `stateDict()`, bit for bit.
  private func runPositionAddressed(weightScheme: Initializer?, biasScheme: Initializer?, shard: TensorShard?) throws {
    let generator = PhiloxGenerator(seed: options.seed)
    let module = try reporting("--model") {
      try Module.declarationsOnly { try ModelBuilder(dtype: options.tensorDType(), generator: generator).build(model) }
    }
    let plan = try reporting("--weight-init/--bias-init") {
      try module.materializationPlan(weightInit: weightScheme, biasInit: biasScheme)
    }
    let optionOf = { (error: any Error) -> String in
      guard let failed = error as? ParameterInitError else { return "--output" }
      return failed.scheme == weightScheme || failed.scheme == biasScheme ? "--weight-init/--bias-init" : "--model"
    }
    if let output {
      try write(plan, generator: generator, shard: shard, to: URL(fileURLWithPath: output), optionOf: optionOf)
    } else {
      do { try plan.validate() } catch { throw CLIError(option: optionOf(error), error) }
    }
    if printModel || output == nil { print(module.description) }
  }

  private func write(
    _ plan: MaterializationPlan, generator: PhiloxGenerator, shard: TensorShard?, to url: URL,
    optionOf: (any Error) -> String
  ) throws {
    var metadata = ["format": "pt"]
    if let shard {
      metadata["nninit_shard"] = "dim=\(shard.dimension) index=\(shard.index) count=\(shard.count) (torch.tensor_split)"
    }
    let header = try reporting("--output") {
      try SafeTensorsHeader(
        plan.entries.map { ($0.key, SafeTensorsDType($0.declaration.dtype), plan.shape(of: $0, in: shard)) }, metadata: metadata)
    }
    let writer = try reporting("--output") { try SafeTensorsWriter(header: header, to: url) }
    keepChunkBuffersInTheHeap()
    let progress = WriteProgress(totalBytes: plan.byteCount(in: shard), label: url.lastPathComponent)
    do {
      try plan.materialize(generator: generator, shard: shard) { entry, chunk in
        try writer.append(chunk)
        progress?.advance(byBytes: chunk.count * entry.declaration.dtype.byteCount)
      }
      try writer.finish()
      progress?.finish()
    } catch {
      writer.cancel()
      progress?.abandon()
      throw error as? CLIError ?? CLIError(option: optionOf(error), error)
    }
  }

  /// The shard the `--shard-*` options select, or `nil` when none is given.
  private func shardOption() throws -> TensorShard? {
    let given = [("--shard-dim", shardDim), ("--shard-index", shardIndex), ("--shard-count", shardCount)]
    guard given.contains(where: { $0.1 != nil }) else { return nil }
    guard options.generator == .philox else {
      throw CLIError(
        "--shard-* needs --generator philox (the torch generator draws one sequential stream, so a shard cannot be computed alone)")
    }
    let missing = given.filter { $0.1 == nil }.map(\.0)
    guard missing.isEmpty, let dimension = shardDim, let index = shardIndex, let count = shardCount else {
      throw CLIError("--shard-dim, --shard-index and --shard-count go together; missing \(missing.joined(separator: ", "))")
    }
    guard output != nil else { throw CLIError("--shard-*: a shard is written to a file; give --output FILE.safetensors") }
    do {
      return try TensorShard(dimension: dimension, index: index, count: count)
    } catch {
      let option: String
      switch error {
      case .invalidCount: option = "--shard-count"
      case .negativeDimension: option = "--shard-dim"
      default: option = "--shard-index"
      }
      throw CLIError(option: option, error)
    }
  }
}

/// Every chunk allocates and frees a few buffers of 16–32 MiB (the values, then the writer's
/// little-endian copies). glibc maps and unmaps blocks that large each time, so every chunk paid its page
/// faults again (2.1 M minor faults and 16 s of system time for a 4 GiB model); served from the heap,
/// which is not trimmed, the pages are reused (13 K faults, 6 s) and resident memory stays a few chunks.
/// `mallopt` is not in Swift's Glibc module, hence `dlsym`.
func keepChunkBuffersInTheHeap() {
  #if canImport(Glibc)
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
    _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD: glibc's maximum, 32 MiB
    _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
  #endif
}
