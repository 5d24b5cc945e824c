import ArgumentParser
import NNInit

/// `nninit show`: the model's repr and what PyTorch's default init gives each parameter.
struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the model and, per parameter, its default init scheme, fans and resulting std/bound.",
    discussion: "Example: nninit show --model 'Conv2d(3, 16, 3), ReLU(), Flatten(), Linear(16 * 30 * 30, 10)'")

  @Option(help: "The model: PyTorch constructor syntax without `nn.`.")
  var model: String

  @Option(help: "Parameter dtype: float32 or float64.")
  var dtype: DType = .float32

  func run() throws {
    // Declarations only: nothing is allocated or drawn, whatever the model's size.
    let module = try reporting("--model") {
      try Module.declarationsOnly { try ModelBuilder(dtype: dtype, generator: TorchGenerator(seed: 0)).build(model) }
    }
    print(module.description)
    print()
    let plan = try reporting("--model") { try module.materializationPlan() }
    var rows: [[String]] = [["parameter", "shape", "count", "default init", "fan_in", "fan_out", "std", "bound"]]
    var total = 0, totalOverflowed = false  // each count fits in an Int; their sum may not
    var buffers: [[String]] = []
    for entry in plan.entries {
      let shape = entry.declaration.shape, count = entry.declaration.count
      let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
      guard let scheme = entry.scheme else {
        buffers.append([entry.key, shapeText, "\(count)", "buffer", "-", "-", "-", "-"])
        continue
      }
      let (sum, overflow) = total.addingReportingOverflow(count)
      (total, totalOverflowed) = overflow ? (total, true) : (sum, totalOverflowed)
      let stats = try? scheme.statistics(shape: shape, dtype: dtype)
      rows.append([
        entry.key, shapeText, "\(count)", scheme.description,
        stats?.fanIn.map(String.init) ?? "-", stats?.fanOut.map(String.init) ?? "-",
        stats.map { format($0.std) } ?? "-", stats?.bound.map(format) ?? "-",
      ])
    }
    rows += buffers
    print(table(rows))
    if totalOverflowed {
      let approximate = plan.entries.filter { $0.scheme != nil }.reduce(0.0) { $0 + Double($1.declaration.count) }
      print("\ntotal parameters: about " + String(format: "%.4g", approximate) + " (more than 2^63 - 1)")
    } else {
      print("\ntotal parameters: \(total)")
    }
  }

  private func format(_ x: Double) -> String { String(format: "%.4g", x) }

  private func table(_ rows: [[String]]) -> String {
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }
}

import Foundation
