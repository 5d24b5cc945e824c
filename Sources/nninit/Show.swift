import ArgumentParser
import NNInit

/// `nninit show`: the model's repr and what PyTorch's default init gives each parameter.
struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the model and, per parameter, its default init scheme, fans and resulting std/bound.",
    discussion: "Example: nninit show --model 'Conv2d(3, 16, 3), ReLU(), Flatten(), Linear(16 * 30 * 30, 10)'")

  @Option(help: "The model: PyTorch constructor syntax without `nn.`.")
  var model: String?

  @Option(help: "A Hugging Face config.json: list its checkpoint's tensors instead of a SPEC's parameters.")
  var hfConfig: String?

  @Option(help: "Parameter dtype: float32 or float64; with --hf-config float32, bfloat16 or float16 (default: the config's).")
  var dtype: DTypeName?

  func run() throws {
    if let hfConfig {
      guard model == nil else { throw CLIError("give either --model or --hf-config, not both") }
      return try showHF(configPath: hfConfig)
    }
    guard let model else { throw CLIError("give --model SPEC or --hf-config config.json") }
    let dtype: DType
    switch self.dtype {
    case nil, .float32: dtype = .float32
    case .float64: dtype = .float64
    case let name?: throw CLIError("--dtype \(name.rawValue) is only for --hf-config; a SPEC's tensors are float32 or float64")
    }
    // Declarations only: nothing is allocated or drawn, whatever the model's size.
    let module = try reporting("--model") {
      try Module.declarationsOnly { try ModelBuilder(dtype: dtype, generator: TorchGenerator(seed: 0)).build(model) }
    }
    print(module.description)
    print()
    let plan = try reporting("--model") { try module.materializationPlan() }
    var rows: [[String]] = [["parameter", "shape", "count", "default init", "fan_in", "fan_out", "std", "bound"]]
    var total = 0
    var buffers: [[String]] = []
    for entry in plan.entries {
      let shape = entry.declaration.shape, count = entry.declaration.count
      let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
      guard let scheme = entry.scheme else {
        buffers.append([entry.key, shapeText, "\(count)", "buffer", "-", "-", "-", "-"])
        continue
      }
      total += count
      let stats = try? scheme.statistics(shape: shape, dtype: dtype)
      rows.append([
        entry.key, shapeText, "\(count)", scheme.description,
        stats?.fanIn.map(String.init) ?? "-", stats?.fanOut.map(String.init) ?? "-",
        stats.map { format($0.std) } ?? "-", stats?.bound.map(format) ?? "-",
      ])
    }
    rows += buffers
    print(table(rows))
    print("\ntotal parameters: \(total)")
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

import Foundation
