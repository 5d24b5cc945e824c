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

  @Option(help: "The model: PyTorch constructor syntax without `nn.` (default: Linear(784, 256), ReLU(), Linear(256, 10)).")
  var model: String?

  @Option(help: "A file holding what print(model) printed; (name): Parameter(shape, init) lines add free parameters.")
  var modelFile: String?

  @OptionGroup var options: GeneratorOptions

  @Option(
    name: .customLong("parameter"),
    help: ArgumentHelp("A free nn.Parameter of a class in --model-file, added after construction (repeatable): KEY=SHAPE:CALL, e.g. 'cls_token=(1, 1, 768):zeros_()'.", valueName: "key=shape:call"))
  var freeParameters: [String] = []

  @OptionGroup var hf: HFOptions

  @OptionGroup var initPlan: InitPlanOptions

  @Option(help: "Where to write the state dict (.safetensors, loadable by load_state_dict).")
  var output: String?

  @Flag(name: .customLong("print"), help: "Print the model as PyTorch's print(model) does (the default without --output).")
  var printModel = false

  @Option(parsing: .unconditional, help: "With --generator philox: write only one shard of every parameter, cut along this dimension.")
  var shardDim: Int?

  @Option(parsing: .unconditional, help: "Which shard to write, 0 ..< --shard-count (rank index).")
  var shardIndex: Int?

  @Option(parsing: .unconditional, help: "How many shards each parameter is cut into.")
  var shardCount: Int?

  @Option(
    help: """
      How a dimension is cut: chunk (torch.chunk, DTensor Shard(d) and FSDP2: parts of ceil(L/count), trailing \
      ones smaller or empty) or tensor_split (the first L % count parts one longer).
      """)
  var shardStyle: ShardStyle?

  func run() throws {
    options.parallelism.apply()
    if hf.hfConfig != nil { return try runHF() }
    try hf.rejectWithoutConfig()
    let (plan, origins) = try initPlan.makePlan()
    let destination = try output.map { try stateDictOutput($0) }
    let shard = try shardOption()
    let source = ModelSource(spec: modelFile == nil ? model ?? Self.defaultModel : model, file: modelFile, parameters: freeParameters)
    if options.generator == .philox {
      return try runPositionAddressed(source: source, plan: plan, origins: origins, shard: shard, destination: destination)
    }
    let generator = options.makeGenerator()
    let module = try reporting(source.option, streamingHint: true) {
      try source.build(ModelBuilder(dtype: options.tensorDType(), generator: generator))
    }
    let resolution = plan.resolve(for: module)
    // Printed only once the command has succeeded, so that an error stays one line.
    let warnings = initPlan.warnings(resolution, plan, origins: origins)
    try reportingRules(origins, resolution) {
      try module.reinitialize(resolution.steps, generator: generator)
    }
    if let destination {
      try reporting("--output") {
        try SafeTensors.write(module.stateDict(), metadata: ["format": "pt"], to: destination.url)
      }
    }
    if printModel || output == nil { print(module.description) }
    warnings.forEach(warn)
    note(untouchedParameters(module.namedParameters().map(\.key)))
  }

  /// `--output` for a state dict: safetensors only (a `.npy` file holds one unnamed tensor), and not
  /// standard output together with `--print`.
  private func stateDictOutput(_ text: String) throws -> OutputPath {
    let destination = try OutputPath(text)
    guard destination.format == .safetensors else {
      throw CLIError(
        "--output: '\(text)' is a .npy file, which holds one unnamed tensor; a state dict needs named tensors: use .safetensors")
    }
    if printModel && destination.url.path == "/dev/stdout" {
      throw CLIError("--print and --output - both write to standard output; give --output a file")
    }
    return destination
  }

  /// The seed tutorial's loop sets each module's `weight` and `bias` only (PyTorch's `m.weight`); the
  /// note names the parameters no rule touched (LSTM's `weight_ih_l0`, attention's `in_proj_weight`, …),
  /// so that keeping their default init is never a surprise.
  private func untouchedParameters(_ keys: [String]) -> String? {
    guard initPlan.weightInit != nil || initPlan.biasInit != nil else { return nil }
    let untouched = keys.filter { key in
      let name = key.split(separator: ".").last.map(String.init) ?? key
      return name != "weight" && name != "bias"
    }
    guard !untouched.isEmpty else { return nil }
    let options = [initPlan.weightInit.map { _ in "--weight-init" }, initPlan.biasInit.map { _ in "--bias-init" }].compactMap { $0 }
    let shown = untouched.prefix(8).joined(separator: ", ") + (untouched.count > 8 ? ", and \(untouched.count - 8) more" : "")
    return "\(options.joined(separator: "/")) set each module's `weight`/`bias` as PyTorch's apply loop does; "
      + "\(untouched.count) parameter\(untouched.count == 1 ? " keeps its" : "s keep their") default init: \(shown)"
  }

  /// Writes `note: …` on standard error (after the command succeeded, so an error stays one line).
  private func note(_ text: String?) {
    if let text { FileHandle.standardError.write(Data("note: \(text)\n".utf8)) }
  }

  static let defaultModel = "Linear(784, 256), ReLU(), Linear(256, 10)"

  /// The philox path: build the model as declarations only (nothing allocated, nothing drawn), record each
  /// parameter's final scheme, and stream the tensors (or one shard of them) into the file chunk by
  /// chunk, so memory stays bounded whatever the model's size. The values equal those of
  /// `resetAllParameters(generator:)` + `reinitialize(…)` + `stateDict()`, bit for bit.
  private func runPositionAddressed(
    source: ModelSource, plan: InitPlan, origins: [String], shard: TensorShard?, destination: OutputPath?
  ) throws {
    let generator = PhiloxGenerator(seed: options.seed)
    let module = try Module.declarationsOnly { try source.build(ModelBuilder(dtype: options.tensorDType(), generator: generator)) }
    let resolution = plan.resolve(for: module)
    // Printed only once the command has succeeded, so that an error stays one line.
    let warnings = initPlan.warnings(resolution, plan, origins: origins)
    let materialization = try reportingRules(origins, resolution) { try module.materializationPlan(reinitializing: resolution.steps) }
    let replicated = try shard.map { try checkShardDimension($0, materialization) } ?? nil
    let optionOf = { (error: any Error) -> String in
      guard let failed = error as? ParameterInitError else { return "--output" }
      return resolution.ruleIndex[failed.parameter].map { origins[$0] } ?? source.option
    }
    if let destination {
      try write(materialization, generator: generator, shard: shard, to: destination.url, optionOf: optionOf)
    } else {
      do { try materialization.validate() } catch { throw CLIError(option: optionOf(error), error) }
    }
    if printModel || output == nil { print(module.description) }
    warnings.forEach(warn)
    note(untouchedParameters(materialization.entries.filter { !$0.isBuffer }.map(\.key)))
    note(replicated)
  }

  /// A shard along a dimension that no parameter has would write full copies under a shard's name: an
  /// error. Parameters of lower rank than the dimension (biases cut along dimension 1) are written whole
  /// in every shard, as tensor parallelism replicates them; the note returned lists them.
  private func checkShardDimension(_ shard: TensorShard, _ plan: MaterializationPlan) throws -> String? {
    let parameters = plan.entries.filter { !$0.isBuffer }
    let replicated = parameters.filter { !shard.cuts($0.declaration.shape) }.map(\.key)
    guard replicated.count < parameters.count || parameters.isEmpty else {
      let highest = parameters.map(\.declaration.shape.count).max() ?? 0
      throw CLIError(
        "--shard-dim: \(shard.dimension) is beyond the rank of every parameter (the highest is \(highest)-D); "
          + "dimensions count from 0, so use --shard-dim 0\(highest > 1 ? " … \(highest - 1)" : "")")
    }
    guard !replicated.isEmpty else { return nil }
    let shown = replicated.prefix(8).joined(separator: ", ") + (replicated.count > 8 ? ", and \(replicated.count - 8) more" : "")
    return "--shard-dim \(shard.dimension): \(replicated.count) parameter\(replicated.count == 1 ? " has" : "s have") "
      + "rank ≤ \(shard.dimension) and \(replicated.count == 1 ? "is" : "are") written whole (replicated) in every shard: \(shown)"
  }

  /// Runs `body`, naming the rule's option (`--init '…'`, `--plan rule 2`, `--weight-init`) when a
  /// scheme fails on a parameter the plan decided.
  private func reportingRules<T>(_ origins: [String], _ resolution: InitPlanResolution, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as ParameterInitError {
      throw CLIError(option: resolution.ruleIndex[error.parameter].map { origins[$0] } ?? "--model", error)
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError(option: "--init", error)
    }
  }

  private func write(
    _ plan: MaterializationPlan, generator: PhiloxGenerator, shard: TensorShard?, to url: URL,
    optionOf: (any Error) -> String
  ) throws {
    var metadata = ["format": "pt"]
    if let shard {
      metadata["nninit_shard"] = "dim=\(shard.dimension) index=\(shard.index) count=\(shard.count) style=\(shard.style.rawValue)"
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
    guard given.contains(where: { $0.1 != nil }) else {
      if shardStyle != nil { throw CLIError("--shard-style goes with --shard-dim, --shard-index and --shard-count") }
      return nil
    }
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
      return try TensorShard(dimension: dimension, index: index, count: count, style: shardStyle ?? .chunk)
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
