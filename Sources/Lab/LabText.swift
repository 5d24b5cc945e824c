import Foundation

/// Plain-text renderings of lab results, as the `nninit lab` commands print them.
public enum LabText {
  /// A compact number (see the report's formatting): `0.5`, `1.41`, `1.4e-03`, `∞`.
  public static func number(_ x: Double) -> String { LabFormat.number(x) }

  /// Seconds as `42s` or `3m05s`.
  public static func duration(_ seconds: Double) -> String { LabFormat.duration(seconds) }

  /// The signal experiment as a table, theory beside measurement, and the per-layer factors.
  public static func signal(_ result: SignalResult) -> String {
    let c = result.config, t = result.theory
    func f(_ x: Double) -> String { LabFormat.number(x) }
    var lines = [
      "MLP: \(c.depth) × Linear(\(c.width), \(c.width)), \(c.activation.moduleName) between; init \(c.initialization.name)"
        + "; batch \(c.batch), seed \(c.seed), generator \(c.generator.rawValue)",
      "",
    ]
    var rows = [["layer", "linear mean", "linear std", "theory", "act std", c.activation.inactiveName, "theory", "grad std", "theory", "‖∂L/∂W‖"]]
    for (i, l) in result.layers.enumerated() {
      rows.append([
        "\(l.layer)", f(l.linearOutputMean), f(l.linearOutputStd), f(t.linearOutputStd[i]), l.activationStd.isNaN ? "—" : f(l.activationStd),
        l.deadFraction.isNaN ? "—" : String(format: "%.3f", l.deadFraction), t.inactiveFraction[i].isNaN ? "—" : String(format: "%.3f", t.inactiveFraction[i]),
        f(l.outputGradStd), f(t.outputGradStd[i]), f(l.weightGradNorm),
      ])
    }
    lines.append(table(rows, rightAligned: true))
    lines.append("")
    lines.append("Per-layer variance factor of the Linear outputs: expected \(t.forwardFactorFormula); measured \(result.measuredForwardFactor.map { f($0) } ?? "—").")
    lines.append("Per-layer variance factor of the gradients (backwards): expected \(t.backwardFactorFormula); measured \(result.measuredBackwardFactor.map { f($0) } ?? "—").")
    lines.append("Theory: \(t.note)")
    return lines.joined(separator: "\n")
  }

  /// A training run, one line per epoch and the outcome.
  public static func training(_ result: TrainResult, dataset: LabDataset? = nil) -> String {
    let c = result.config
    var lines: [String] = []
    if let dataset { lines.append("data: \(dataset.summary)") }
    lines.append(
      "MLP: depth \(c.depth), width \(c.width), \(c.activation.moduleName); init \(c.initialization.name); "
        + "\(c.optimizer.rawValue) lr \(LabFormat.setting(c.learningRate))"
        + (c.optimizer == .sgd ? " momentum \(LabFormat.setting(c.momentum))" : "")
        + (c.weightDecay > 0 ? " weight decay \(LabFormat.setting(c.weightDecay))" : "") + "; batch \(c.batchSize); seed \(c.seed)")
    var rows = [["epoch", "train loss", "test loss", result.task == .classification ? "test accuracy" : ""]]
    for e in result.epochs {
      rows.append(["\(e.epoch)", String(format: "%.4f", e.trainLoss), String(format: "%.4f", e.testLoss), e.testAccuracy.map(LabFormat.percent) ?? ""])
    }
    if rows.count > 1 { lines.append(table(rows, rightAligned: true)) }
    lines.append(outcome(result))
    return lines.joined(separator: "\n")
  }

  /// One sentence on how a run ended.
  public static func outcome(_ result: TrainResult) -> String {
    let fin = result.final
    let accuracy = fin.testAccuracy.map { "test accuracy \(LabFormat.percent($0))" } ?? "test loss \(LabFormat.number(fin.testLoss))"
    if fin.diverged {
      return "diverged at step \(fin.divergedAtStep ?? 0) (epoch \(fin.divergedAtEpoch ?? 0)): \(fin.divergence ?? "not finite"); "
        + "stopped there, \(accuracy) with the last finite weights"
    }
    return "final: train loss \(String(format: "%.4f", fin.trainLoss)), \(accuracy)"
  }

  /// The comparison's accuracy table (inits × activation/depth).
  public static func comparisonSummary(_ result: CompareResult) -> String {
    let c = result.config
    var header = ["init"]
    for a in c.activations { for d in c.depths { header.append("\(a) d\(d)") } }
    var rows = [header]
    for i in c.inits {
      var row = [i.shortName]
      for a in c.activations {
        for d in c.depths {
          guard let r = result.training(a, d, i) else { row.append("—"); continue }
          if r.final.diverged {
            row.append("diverged")
          } else {
            row.append(r.final.testAccuracy.map(LabFormat.percent) ?? String(format: "%.3f", r.final.testLoss))
          }
        }
      }
      rows.append(row)
    }
    return "final test \(result.dataset.task == .classification ? "accuracy" : "loss (MSE)") on \(result.dataset.name):\n" + table(rows, rightAligned: true)
  }

  /// Columns padded to their widest cell; the first column left-aligned.
  static func table(_ rows: [[String]], rightAligned: Bool) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return c == 0 || !rightAligned ? cell + pad : pad + cell
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }
}
