import Foundation

/// The plain-language conclusions, each computed from the numbers of the result.
extension ReportContent {
  /// "a", "a and b", "a, b and c".
  static func list(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
  }

  static func n(_ x: Double) -> String { LabFormat.number(x) }

  /// How the Linear-output std of a signal run evolved with depth.
  enum SignalFate {
    case kept(first: Double, last: Double)
    case shrank(first: Double, last: Double)
    case grew(first: Double, last: Double)
    case overflowed(layer: Int)
  }

  static func fate(_ r: SignalResult) -> SignalFate {
    let stds = r.layers.map(\.linearOutputStd)
    if let bad = stds.firstIndex(where: { !$0.isFinite }) { return .overflowed(layer: bad + 1) }
    let first = stds.first!, last = stds.last!
    if stds.allSatisfy({ $0 >= first / 2 && $0 <= first * 2 }) { return .kept(first: first, last: last) }
    return last < first ? .shrank(first: first, last: last) : .grew(first: first, last: last)
  }

  func signalConclusion(_ activation: LabActivation) -> String {
    let runs = config.inits.compactMap { i in result.signal(activation, deepest, i).map { (i, $0) } }
    var kept: [String] = [], shrank: [String] = [], grew: [String] = [], overflowed: [String] = []
    for (i, r) in runs {
      switch ReportContent.fate(r) {
      case .kept(let a, let b): kept.append("\(i.shortName) (\(ReportContent.n(a)) → \(ReportContent.n(b)))")
      case .shrank(let a, let b):
        let perLayer = pow(b / a, 1 / Double(max(1, r.layers.count - 1)))
        shrank.append("\(i.shortName) (\(ReportContent.n(a)) → \(ReportContent.n(b)), ×\(ReportContent.n(perLayer)) per layer)")
      case .grew(let a, let b): grew.append("\(i.shortName) (\(ReportContent.n(a)) → \(ReportContent.n(b)))")
      case .overflowed(let layer): overflowed.append("\(i.shortName) (by layer \(layer))")
      }
    }
    var sentences: [String] = []
    let name = activation.moduleName
    if kept.isEmpty {
      sentences.append("With \(name) at depth \(deepest), no init kept the output std within 2× of the first layer's through all \(deepest) layers.")
    } else {
      sentences.append("With \(name) at depth \(deepest), \(ReportContent.list(kept)) kept the std of every layer's output within 2× of the first layer's.")
    }
    if !shrank.isEmpty { sentences.append("The signal faded under \(ReportContent.list(shrank)): deep layers see almost nothing of the input.") }
    if !grew.isEmpty { sentences.append("It grew under \(ReportContent.list(grew)).") }
    if !overflowed.isEmpty { sentences.append("It overflowed float32 (to ∞) under \(ReportContent.list(overflowed)).") }
    // Theory agreement at the last layer, for the inits with a prediction.
    var ratios: [(String, Double)] = []
    for (i, r) in runs {
      let predicted = r.theory.linearOutputStd.last ?? .nan, measured = r.layers.last!.linearOutputStd
      guard predicted.isFinite, predicted > 0, measured.isFinite, measured > 0 else { continue }
      ratios.append((i.shortName, max(measured / predicted, predicted / measured)))
    }
    if !ratios.isEmpty {
      let worst = ratios.max { $0.1 < $1.1 }!
      if worst.1 <= 1.5 {
        sentences.append("Theory predicted the last layer's std within \(String(format: "%.2f", worst.1))× for every init it covers.")
      } else {
        let off = ratios.filter { $0.1 > 1.5 }.map { "\($0.0) (\(String(format: "%.1f", $0.1))×)" }
        sentences.append("Theory predicted the last layer's std within 1.5× except for \(ReportContent.list(off)).")
      }
    }
    let inactive = runs.compactMap { (i, r) -> String? in
      let values = r.layers.dropLast().map(\.deadFraction).filter(\.isFinite)
      guard !values.isEmpty else { return nil }
      return "\(i.shortName) \(String(format: "%.2f", values.reduce(0, +) / Double(values.count)))"
    }
    if !inactive.isEmpty {
      let what = activation == .relu || activation == .leakyReLU ? "inactive (dead) units" : "saturated units"
      sentences.append("Average fraction of \(what) per layer: \(ReportContent.list(inactive)).")
    }
    return sentences.joined(separator: " ")
  }

  func theoryConclusion() -> String {
    var matches: [String] = [], misses: [String] = []
    for activation in config.activations {
      for i in config.inits {
        guard let r = result.signal(activation, deepest, i), let expected = r.theory.forwardFactor, let measured = r.measuredForwardFactor,
          expected > 0, measured.isFinite, measured > 0, r.theory.model == "mean field", (r.theory.weightScale ?? 0) > 0
        else { continue }
        let label = "\(i.shortName)/\(activation.rawValue) (expected \(ReportContent.n(expected)), measured \(ReportContent.n(measured)))"
        if max(expected / measured, measured / expected) <= 1.25 { matches.append(label) } else { misses.append(label) }
      }
    }
    var s: [String] = []
    if !matches.isEmpty {
      s.append("The per-layer variance factor came out as theory says (within 25%) for \(ReportContent.list(matches)).")
    }
    if !misses.isEmpty {
      s.append("It differs for \(ReportContent.list(misses)): there the biases (PyTorch's default draws them from U(±1/√fan_in)) "
        + "or the tanh/sigmoid curvature at large std keep the variance from following a constant factor — the dashed mean-field "
        + "curves above include both effects.")
    }
    let exponent = String(deepest - 1).map { "⁰¹²³⁴⁵⁶⁷⁸⁹".map(String.init)[Int(String($0))!] }.joined()
    s.append("The factor compounds: a factor of ½ per layer is (½)\(exponent) ≈ \(ReportContent.n(pow(0.5, Double(deepest - 1)))) in variance after \(deepest) layers, which is why depth makes the choice of init matter.")
    return s.joined(separator: " ")
  }

  func gradientConclusion(_ activation: LabActivation) -> String {
    var kept: [String] = [], shrank: [String] = [], grew: [String] = [], levels: [(String, Double)] = [], starved: [String] = []
    for i in config.inits {
      guard let r = result.signal(activation, deepest, i), let firstLayer = r.layers.first, let lastLayer = r.layers.last else { continue }
      let back = firstLayer.outputGradStd / lastLayer.outputGradStd
      if back.isFinite && back > 0 {
        let text = "\(i.shortName) (×\(ReportContent.n(back)))"
        if back < 0.5 { shrank.append(text) } else if back > 2 { grew.append(text) } else { kept.append(text) }
      }
      let norms = r.layers.map(\.weightGradNorm).filter { $0.isFinite }.sorted()
      if !norms.isEmpty { levels.append((i.shortName, norms[norms.count / 2])) }
      let weightRatio = firstLayer.weightGradNorm / lastLayer.weightGradNorm
      if weightRatio.isFinite && weightRatio < 0.01 { starved.append("\(i.shortName) (×\(ReportContent.n(weightRatio)))") }
    }
    var s: [String] = []
    var parts: [String] = []
    if !kept.isEmpty { parts.append("kept its size (within 2×) under \(ReportContent.list(kept))") }
    if !shrank.isEmpty { parts.append("shrank under \(ReportContent.list(shrank))") }
    if !grew.isEmpty { parts.append("grew under \(ReportContent.list(grew))") }
    if !parts.isEmpty {
      s.append("At depth \(deepest) with \(activation.moduleName), the gradient signal ∂L/∂z travelling back from the last layer to the first "
        + parts.joined(separator: "; ") + " (first layer ÷ last layer).")
    }
    if !starved.isEmpty {
      s.append("The first layer's weight gradient is tiny next to the last layer's under \(ReportContent.list(starved)): the early layers barely move.")
    }
    if levels.count > 1 {
      let sorted = levels.sorted { $0.1 > $1.1 }
      s.append("Weight-gradient lines can stay flat while ∂L/∂z shrinks, because each layer's gradient also scales with its input, "
        + "which is larger nearer the input by the same factor. Their level differs, though: the typical ‖∂L/∂W‖ is " + ReportContent.list(sorted.map { "\(ReportContent.n($0.1)) under \($0.0)" })
        + ", so one learning rate cannot suit them all.")
    }
    return s.joined(separator: " ")
  }

  /// Whether a run learned: its final training loss is below 90% of the loss of an uninformed guess
  /// (ln C for C classes; 1 for standardized regression).
  func learned(_ r: TrainResult) -> Bool {
    guard !r.final.diverged, r.final.trainLoss.isFinite else { return false }
    return r.final.trainLoss < 0.9 * baselineLoss
  }

  var baselineLoss: Double { result.dataset.task == .classification ? log(Double(max(2, result.dataset.classes))) : 1 }

  func trainingConclusion(_ activation: LabActivation) -> String {
    var sentences: [String] = []
    for depth in config.depths {
      let runs = config.inits.compactMap { i in result.training(activation, depth, i).map { (i, $0) } }
      let learnedRuns = runs.filter { learned($0.1) }.sorted { $0.1.final.trainLoss < $1.1.final.trainLoss }
      let stuck = runs.filter { !learned($0.1) && !$0.1.final.diverged }
      let diverged = runs.filter { $0.1.final.diverged }
      var parts: [String] = []
      if !learnedRuns.isEmpty {
        parts.append("\(ReportContent.list(learnedRuns.map { "\($0.0.shortName) (\(ReportContent.n($0.1.final.trainLoss)))" })) learned")
      }
      if !stuck.isEmpty {
        parts.append("\(ReportContent.list(stuck.map { "\($0.0.shortName) (\(ReportContent.n($0.1.final.trainLoss)))" })) stayed near the loss of a blind guess (\(ReportContent.n(baselineLoss)))")
      }
      if !diverged.isEmpty {
        parts.append("\(ReportContent.list(diverged.map { "\($0.0.shortName) (step \($0.1.final.divergedAtStep ?? 0))" })) diverged and stopped")
      }
      sentences.append("\(activation.moduleName), depth \(depth), final training loss: " + parts.joined(separator: "; ") + ".")
    }
    if let best = config.depths.max(), let shallow = config.depths.min(), best != shallow {
      let deepLearned = config.inits.filter { i in result.training(activation, best, i).map(learned) ?? false }
      let shallowLearned = config.inits.filter { i in result.training(activation, shallow, i).map(learned) ?? false }
      let lost = shallowLearned.filter { !deepLearned.contains($0) }
      if !lost.isEmpty {
        sentences.append("Depth is what separates them: \(ReportContent.list(lost.map(\.shortName))) learned at depth \(shallow) but not at depth \(best).")
      }
    }
    return sentences.joined(separator: " ")
  }

  func accuracyConclusion() -> String {
    guard result.dataset.task == .classification else {
      let best = result.training.filter { !$0.final.diverged }.min { $0.final.testLoss < $1.final.testLoss }
      return best.map { "The lowest test loss was \(ReportContent.n($0.final.testLoss)) (\($0.config.initialization.shortName), \($0.config.activation.moduleName), depth \($0.config.depth)); 1 is the loss of always predicting the mean." } ?? "Every run diverged."
    }
    let chance = result.dataset.chanceAccuracy ?? 0
    var sentences: [String] = []
    for activation in config.activations {
      for depth in config.depths {
        let runs = config.inits.compactMap { i in result.training(activation, depth, i).map { (i, $0) } }
        guard let best = runs.max(by: { ($0.1.final.testAccuracy ?? 0) < ($1.1.final.testAccuracy ?? 0) }) else { continue }
        let nearChance = runs.filter { !$0.1.final.diverged && ($0.1.final.testAccuracy ?? 0) <= chance + 0.1 }
        let diverged = runs.filter { $0.1.final.diverged }
        var s = "\(activation.moduleName), depth \(depth): best \(best.0.shortName) at \(LabFormat.percent(best.1.final.testAccuracy ?? 0))"
        let others = runs.filter { $0.0 != best.0 && !$0.1.final.diverged && ($0.1.final.testAccuracy ?? 0) > chance + 0.1 }
        if !others.isEmpty {
          s += ", then " + ReportContent.list(others.sorted { ($0.1.final.testAccuracy ?? 0) > ($1.1.final.testAccuracy ?? 0) }.map { "\($0.0.shortName) \(LabFormat.percent($0.1.final.testAccuracy ?? 0))" })
        }
        if !nearChance.isEmpty { s += "; near chance (\(LabFormat.percent(chance))): " + ReportContent.list(nearChance.map(\.0.shortName)) }
        if !diverged.isEmpty { s += "; diverged: " + ReportContent.list(diverged.map(\.0.shortName)) }
        sentences.append(s + ".")
      }
    }
    return sentences.joined(separator: " ")
  }

  /// The report's opening sentences: the headline of each experiment at the deepest depth.
  func summarySentences() -> [String] {
    var s: [String] = []
    for activation in config.activations {
      let runs = config.inits.compactMap { i in result.training(activation, deepest, i).map { (i, $0) } }
      let kept = config.inits.filter { i in
        result.signal(activation, deepest, i).map { if case .kept = ReportContent.fate($0) { true } else { false } } ?? false
      }
      var sentence = "\(activation.moduleName), depth \(deepest): "
      sentence += kept.isEmpty
        ? "no init kept the signal's scale through all layers"
        : "\(ReportContent.list(kept.map(\.shortName))) kept the signal's scale through all layers"
      if result.dataset.task == .classification {
        let learnedRuns = runs.filter { learned($0.1) }.sorted { ($0.1.final.testAccuracy ?? 0) > ($1.1.final.testAccuracy ?? 0) }
        if !learnedRuns.isEmpty {
          sentence += "; test accuracy " + ReportContent.list(learnedRuns.map { "\($0.0.shortName) \(LabFormat.percent($0.1.final.testAccuracy ?? 0))" })
        }
        let failed = runs.filter { !learned($0.1) }.map { $0.1.final.diverged ? "\($0.0.shortName) (diverged)" : $0.0.shortName }
        if !failed.isEmpty {
          sentence += "; \(ReportContent.list(failed)) did not learn"
          if let chance = result.dataset.chanceAccuracy { sentence += " (chance: \(LabFormat.percent(chance)))" }
        }
      }
      s.append(sentence + ".")
    }
    return s
  }
}
