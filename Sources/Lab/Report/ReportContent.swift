import Foundation

/// Everything a report shows, computed once from a ``CompareResult`` and rendered by ``HTMLReport``
/// and ``MarkdownReport``: charts, tables, and a conclusion for each, computed from the numbers.
struct ReportContent {
  struct Chart {
    var fileName: String
    var title: String
    var svg: String
    /// A one-line caption under the chart.
    var caption: String
  }

  struct Table {
    var header: [String]
    var rows: [[String]]
    /// Per column: right-aligned (numbers).
    var numeric: [Bool]
  }

  struct Section {
    var anchor: String
    var title: String
    var intro: String
    var charts: [Chart] = []
    var tables: [Table] = []
    /// Plain-language conclusions computed from the numbers, one paragraph each.
    var conclusions: [String]
  }

  let result: CompareResult
  var sections: [Section] = []
  /// The few sentences at the top of the report.
  var summary: [String] = []

  /// Okabe–Ito colours (distinguishable with colour-blindness), one per init.
  static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

  var config: CompareConfig { result.config }
  var deepest: Int { config.depths.max()! }

  func color(_ initialization: LabInit) -> String {
    ReportContent.palette[(config.inits.firstIndex(of: initialization) ?? 0) % ReportContent.palette.count]
  }

  init(_ result: CompareResult) {
    self.result = result
    sections = [signalSection(), theorySection(), gradientSection(), trainingSection(), accuracySection()]
    summary = summarySentences()
  }

  var charts: [Chart] { sections.flatMap(\.charts) }

  // MARK: Sections

  func signalSection() -> Section {
    let charts = config.activations.map { activation in
      chart(
        id: "signal-\(activation.rawValue)", title: "\(activation.moduleName): std of each Linear layer's output",
        xLabel: "layer", yLabel: "std of Linear output (log scale)", activation: activation,
        caption: "Solid: measured on \(config.signalBatch) inputs ~ N(0, 1) through square layers of width \(config.width). Dashed: theory.",
        measured: { r in r.layers.map { (Double($0.layer), $0.linearOutputStd) } },
        theory: { r in r.theory.linearOutputStd.enumerated().map { (Double($0.offset + 1), $0.element) } })
    }
    return Section(
      anchor: "signal", title: "Signal propagation at initialization",
      intro: "An MLP of L square Linear layers (width \(config.width)) with the activation between them, fed a batch of "
        + "\(config.signalBatch) inputs drawn from N(0, 1), before any training. A good init keeps the spread (std) of every "
        + "layer's output roughly constant with depth; a bad one lets it shrink towards zero or blow up.",
      charts: charts, conclusions: config.activations.map(signalConclusion))
  }

  func theorySection() -> Section {
    var rows: [[String]] = []
    for activation in config.activations {
      for initialization in config.inits {
        guard let r = result.signal(activation, deepest, initialization) else { continue }
        let t = r.theory, last = r.layers.last!
        func f(_ x: Double) -> String { LabFormat.number(x) }
        let measuredInactive = r.layers.dropLast().map(\.deadFraction).filter(\.isFinite)
        let theoryInactive = t.inactiveFraction.dropLast().filter(\.isFinite)
        func fraction(_ values: [Double]) -> String {
          values.isEmpty ? "—" : String(format: "%.2f", values.reduce(0, +) / Double(values.count))
        }
        rows.append([
          initialization.shortName, activation.rawValue, t.forwardFactorFormula, r.measuredForwardFactor.map { f($0) } ?? "—",
          "\(f(t.linearOutputStd.last ?? .nan)) / \(f(last.linearOutputStd))",
          "\(fraction(Array(theoryInactive))) / \(fraction(measuredInactive))",
        ])
      }
    }
    let table = Table(
      header: [
        "init", "activation", "expected per-layer variance factor (s = fan_in·Var(w))", "measured factor",
        "std at layer \(deepest): expected / measured", "dead or saturated: expected / measured",
      ],
      rows: rows, numeric: [false, false, false, true, true, true])
    return Section(
      anchor: "theory", title: "Theory beside measurement",
      intro: "For zero-mean i.i.d. weights, the variance of a Linear output is fan_in·Var(w)·E[φ(z)²] plus the bias variance "
        + "(mean-field theory). For ReLU, E[φ(z)²] = Var(z)/2, so the variance is multiplied by s/2 per layer, s = fan_in·Var(w): "
        + "1 for Kaiming, ½ for Xavier on square layers, 128·(0.01/3)·½ for U(±0.1) at width 128. For tanh the factor is s while "
        + "the signal is small (tanh′(0) = 1), less once it nears 1; sigmoid's mean of ½ feeds every layer, so its variance settles at a fixed "
        + "point instead. Constant weights make every unit of a layer identical: the layer acts like one unit scaled by c·fan_in. "
        + "The measured factor is the geometric mean of "
        + "Var(layer l+1)/Var(layer l) over all \(deepest) layers. Dead: a ReLU output of exactly 0; saturated: |tanh| > 0.99 or "
        + "a sigmoid outside [0.01, 0.99].",
      tables: [table], conclusions: [theoryConclusion()])
  }

  func gradientSection() -> Section {
    let charts = config.activations.map { activation in
      chart(
        id: "gradients-\(activation.rawValue)", title: "\(activation.moduleName): gradient norm of each layer's weight",
        xLabel: "layer", yLabel: "‖∂L/∂W‖ (log scale)", activation: activation,
        caption: "L = sum(y ⊙ g) with g ~ N(0, 1), back-propagated through the networks above. Dashed: theory.",
        measured: { r in r.layers.map { (Double($0.layer), $0.weightGradNorm) } },
        theory: { r in r.theory.weightGradNorm.enumerated().map { (Double($0.offset + 1), $0.element) } })
    }
    return Section(
      anchor: "gradients", title: "Gradient flow at initialization",
      intro: "The same networks, run backwards: the gradient reaching each layer's weights. Layers whose gradient is tiny "
        + "barely learn (vanishing gradients); huge gradients make training steps explode.",
      charts: charts, conclusions: config.activations.map(gradientConclusion))
  }

  func trainingSection() -> Section {
    let isClassification = result.dataset.task == .classification
    let charts = config.activations.map { activation -> Chart in
      var panels: [SVGChart.Panel] = []
      for depth in config.depths {
        var series: [SVGChart.Series] = []
        for initialization in config.inits {
          guard let r = result.training(activation, depth, initialization) else { continue }
          var s = SVGChart.Series(
            name: initialization.shortName, color: color(initialization), points: r.epochs.map { (Double($0.epoch), $0.trainLoss) })
          if r.final.diverged, let step = r.final.divergedAtStep {
            let x = max(0.2, Double(step) / Double(max(1, r.stepsPerEpoch)))
            let y = r.lastFiniteLoss ?? r.epochs.last?.trainLoss ?? (isClassification ? log(Double(result.dataset.classes)) : 1)
            s.crosses = [(x, y.isFinite ? y : 1e6, "diverged, step \(step)")]
          }
          series.append(s)
        }
        panels.append(SVGChart.Panel(title: "depth \(depth)", series: series, xRange: 0...Double(config.epochs)))
      }
      let svg = SVGChart(
        id: "loss-\(activation.rawValue)", panels: panels, xLabel: "epoch", yLabel: "training loss (log scale)", logY: true,
        legend: config.inits.map { SVGChart.LegendEntry(name: $0.shortName, color: color($0)) }
      ).render()
      return Chart(
        fileName: "loss-\(activation.rawValue).svg", title: "\(activation.moduleName): training loss per epoch", svg: svg,
        caption: "Mean \(isClassification ? "cross-entropy" : "squared error") over each epoch's training batches; ✕ marks a run stopped when its loss or gradient stopped being finite.")
    }
    return Section(
      anchor: "training", title: "Training on \(result.dataset.name)",
      intro: "Each network trained from its init: \(trainingSettings). The data: \(result.dataset.summary).",
      charts: charts, conclusions: config.activations.map(trainingConclusion))
  }

  func accuracySection() -> Section {
    let isClassification = result.dataset.task == .classification
    var header = ["init"], numeric = [false]
    for a in config.activations {
      for d in config.depths {
        header.append("\(a.moduleName), depth \(d)")
        numeric.append(true)
      }
    }
    var rows: [[String]] = []
    for initialization in config.inits {
      var row = [initialization.shortName]
      for a in config.activations {
        for d in config.depths {
          guard let r = result.training(a, d, initialization) else { row.append("—"); continue }
          let value = isClassification ? r.final.testAccuracy.map(LabFormat.percent) ?? "—" : LabFormat.number(r.final.testLoss)
          row.append(r.final.diverged ? "diverged (step \(r.final.divergedAtStep ?? 0)); \(value)" : value)
        }
      }
      rows.append(row)
    }
    if isClassification, let chance = result.dataset.chanceAccuracy {
      rows.append(["(chance: most common class)"] + Array(repeating: LabFormat.percent(chance), count: header.count - 1))
    }
    return Section(
      anchor: "accuracy", title: isClassification ? "Test accuracy" : "Test loss",
      intro: isClassification
        ? "Accuracy on the \(result.dataset.testSamples) held-out test samples after the last epoch (for a diverged run: with its last finite weights)."
        : "Mean squared error on the \(result.dataset.testSamples) held-out test samples after the last epoch (targets standardized: 1 = predicting the mean).",
      tables: [Table(header: header, rows: rows, numeric: numeric)], conclusions: [accuracyConclusion()])
  }

  var trainingSettings: String {
    let c = config
    let optimizer = c.optimizer == .sgd
      ? "SGD, learning rate \(LabFormat.setting(c.learningRate)), momentum \(LabFormat.setting(c.momentum))"
      : "Adam, learning rate \(LabFormat.setting(c.learningRate))"
    return "\(optimizer)\(c.weightDecay > 0 ? ", weight decay \(LabFormat.setting(c.weightDecay))" : ""), "
      + "\(c.epochs) epochs of batches of \(c.batchSize), hidden width \(c.width), seed \(c.seed)"
  }

  // MARK: Charts

  /// A per-layer chart of one activation: a panel per depth, a solid line per init (measured) and a
  /// dashed one (theory).
  func chart(
    id: String, title: String, xLabel: String, yLabel: String, activation: LabActivation, caption: String,
    measured: (SignalResult) -> [(Double, Double)], theory: (SignalResult) -> [(Double, Double)]
  ) -> Chart {
    var panels: [SVGChart.Panel] = []
    var offScale: [LabInit: Double] = [:]
    for depth in config.depths {
      var series: [SVGChart.Series] = []
      for initialization in config.inits {
        guard let r = result.signal(activation, depth, initialization) else { continue }
        let points = measured(r).map { (x: $0.0, y: $0.1) }
        series.append(SVGChart.Series(name: initialization.shortName, color: color(initialization), points: points))
        let predicted = theory(r).map { (x: $0.0, y: $0.1) }
        if predicted.contains(where: { $0.y.isFinite }) {
          series.append(SVGChart.Series(name: initialization.shortName + " theory", color: color(initialization), points: predicted, dashed: true, markers: false))
        }
      }
      panels.append(SVGChart.Panel(title: "depth \(depth)", series: series, xRange: 1...Double(max(depth, 2))))
    }
    var svgChart = SVGChart(id: id, panels: panels, xLabel: xLabel, yLabel: yLabel, logY: true, legend: [])
    let range = svgChart.resolvedYRange
    for panel in panels {
      for s in panel.series where !s.dashed {
        let extreme = s.points.map(\.y).filter { $0.isFinite && $0 > 0 && !range.contains($0) }
        if let worst = extreme.max(by: { abs(log10($0)) < abs(log10($1)) }),
          let initialization = config.inits.first(where: { $0.shortName == s.name })
        {
          offScale[initialization] = worst
        }
      }
    }
    svgChart.legend = config.inits.map { i in
      let broken = panels.contains { p in p.series.contains { $0.name == i.shortName && $0.points.contains { !$0.y.isFinite } } }
      let note = broken ? "overflows to ∞" : offScale[i].map { "off scale: \(LabFormat.number($0))" }
      return SVGChart.LegendEntry(name: i.shortName, color: color(i), note: note)
    } + [SVGChart.LegendEntry(name: "theory (mean field)", color: "#666", dashed: true)]
    return Chart(fileName: "\(id).svg", title: title, svg: svgChart.render(), caption: caption)
  }
}
