import ArgumentParser
import Foundation
import NNInit

/// `nninit show`: the model's repr and, per parameter, the init that sets it and the rule it came from.
struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the model and, per parameter, its init scheme (and the plan rule that set it), fans and resulting std/bound.",
    discussion: """
      Example: nninit show --model 'Conv2d(3, 16, 3), ReLU(), Flatten(), Linear(16 * 30 * 30, 10)'
               nninit show --model-file resnet18.txt --init "Conv2d.weight=kaiming_normal_(mode='fan_out', nonlinearity='relu')"
      """)

  @Option(help: "The model: PyTorch constructor syntax without `nn.`.")
  var model: String?

  @Option(help: "A file holding what print(model) printed.")
  var modelFile: String?

  @Option(
    name: .customLong("parameter"),
    help: ArgumentHelp("A free nn.Parameter of a class in --model-file, added after construction (repeatable): KEY=SHAPE:CALL, e.g. 'cls_token=(1, 1, 768):zeros_()'.", valueName: "key=shape:call"))
  var freeParameters: [String] = []

  @OptionGroup var initPlan: InitPlanOptions

  @Option(help: "A Hugging Face config.json: list its checkpoint's tensors instead of a SPEC's parameters.")
  var hfConfig: String?

  @Option(help: "Parameter dtype: float32 or float64; with --hf-config float32, bfloat16 or float16 (default: the config's).")
  var dtype: DTypeName?

  func validate() throws {
    if model == nil && modelFile == nil && hfConfig == nil {
      throw CLIError("give --model SPEC, --model-file FILE or --hf-config config.json")
    }
  }

  func run() throws {
    if let hfConfig {
      guard model == nil, modelFile == nil, initPlan.isEmpty else {
        throw CLIError("give either --hf-config or --model/--model-file (with --init/--plan), not both")
      }
      return try showHF(configPath: hfConfig)
    }
    let dtype: DType
    switch self.dtype {
    case nil, .float32: dtype = .float32
    case .float64: dtype = .float64
    case let name?: throw CLIError("--dtype \(name.rawValue) is only for --hf-config; a SPEC's tensors are float32 or float64")
    }
    let (plan, origins) = try initPlan.makePlan()
    let source = ModelSource(spec: model, file: modelFile, parameters: freeParameters)
    // Declarations only: nothing is allocated or drawn, whatever the model's size.
    let module = try Module.declarationsOnly { try source.build(ModelBuilder(dtype: dtype, generator: TorchGenerator(seed: 0))) }
    let resolution = plan.resolve(for: module)
    // Printed only once the table is out, so that an error stays one line.
    let warnings = initPlan.warnings(resolution, plan, origins: origins)
    print(module.description)
    print()
    let materialization = try reporting(source.option) { try module.materializationPlan(reinitializing: resolution.steps) }
    var rows: [[String]] = [["parameter", "shape", "count", "init", "set by", "fan_in", "fan_out", "std", "bound"]]
    var total = 0, totalOverflowed = false  // each count fits in an Int; their sum may not
    func add(_ count: Int) {
      let (sum, overflow) = total.addingReportingOverflow(count)
      (total, totalOverflowed) = overflow ? (total, true) : (sum, totalOverflowed)
    }
    var buffers: [[String]] = []
    for entry in materialization.entries {
      let shape = entry.declaration.shape, count = entry.declaration.count
      let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
      guard let scheme = entry.scheme else {
        guard entry.isBuffer else {
          add(count)
          rows.append([entry.key, shapeText, "\(count)", "constant \(pythonRepr(entry.declaration.fill))", setBy(entry.key, resolution), "-", "-", "-", "-"])
          continue
        }
        buffers.append([entry.key, shapeText, "\(count)", "buffer", "-", "-", "-", "-", "-"])
        continue
      }
      add(count)
      do { _ = try scheme.fill(for: shape, dtype: dtype) } catch { warn("\(scheme) on '\(entry.key)' (\(setBy(entry.key, resolution))): \(error)") }
      let stats = try? scheme.statistics(shape: shape, dtype: dtype)
      rows.append([
        entry.key, shapeText, "\(count)", scheme.description, setBy(entry.key, resolution),
        stats?.fanIn.map(String.init) ?? "-", stats?.fanOut.map(String.init) ?? "-",
        stats.map { format($0.std) } ?? "-", stats?.bound.map(format) ?? "-",
      ])
    }
    rows += buffers
    print(table(rows))
    if totalOverflowed {
      let approximate = materialization.entries.filter { !$0.isBuffer }.reduce(0.0) { $0 + Double($1.declaration.count) }
      print("\ntotal parameters: about " + String(format: "%.4g", approximate) + " (more than 2^63 - 1)")
    } else {
      print("\ntotal parameters: \(total)")
    }
    if !plan.isEmpty {
      print("\ninit plan (order: \(plan.order.rawValue), first matching rule wins):")
      for (i, rule) in plan.rules.enumerated() {
        let used = resolution.ruleIndex.values.filter { $0 == i }.count
        print("  \(i + 1). \(rule.pattern)=\(rule.actionText)  [\(origins[i])]  decides \(used) parameter\(used == 1 ? "" : "s")")
      }
      for warning in warnings { print("warning: " + warning) }
    }
    warnings.forEach(warn)
  }

  /// The rule that decided `key` (`rule 2`, listed under the table), or `default` (the module's default init).
  private func setBy(_ key: String, _ resolution: InitPlanResolution) -> String {
    resolution.ruleIndex[key].map { "rule \($0 + 1)" } ?? "default"
  }

  private func format(_ x: Double) -> String { String(format: "%.4g", x) }

  func table(_ rows: [[String]]) -> String {
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }
}
