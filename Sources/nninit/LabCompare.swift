import ArgumentParser
import Foundation
import NNInit

/// `nninit lab compare` (and bare `nninit lab`): the grid of signal and training experiments over inits
/// × activations × depths, written as report.html, report.md and results.json.
struct LabCompare: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare inits × activations × depths: signal propagation, gradients, training; write a report.",
    discussion: """
      Inits are torch.nn.init calls (one per argument, or separated by ';'); `default` is PyTorch's own init.
      Example: nninit lab compare --activations relu,tanh --depths 5,20 \\
                 --inits "xavier_uniform_()" "kaiming_uniform_(nonlinearity='relu')" default --output lab-report
      """)

  @Option(parsing: .upToNextOption, help: "Activations, e.g. relu,tanh (relu, leaky_relu, tanh, sigmoid).")
  var activations: [String] = ["relu", "tanh"]
  @Option(parsing: .upToNextOption, help: "Depths (Linear layers), e.g. 5,20.")
  var depths: [String] = ["5", "20"]
  @Option(parsing: .upToNextOption, help: "Weight inits: torch.nn.init calls or `default` (default: the tutorial's five).")
  var inits: [String] = []
  @Option(help: "Bias init for every CALL init (default: zeros_()).") var biasInit: String?
  @OptionGroup var data: DatasetOptions
  @Option(help: "Hidden width (and the signal experiment's width).") var width = 128
  @OptionGroup var training: OptimizerOptions
  @Option(help: "Inputs per signal experiment.") var signalBatch = 256
  @OptionGroup var experiment: LabRunOptions
  @Option(help: "Directory for report.html, report.md and results.json.") var output = "nninit-lab-report"
  @Flag(help: "Print results.json to standard output (the report files are still written).") var json = false

  func run() throws {
    experiment.parallelism.apply()
    try LabParsing.atLeast(width, 1, "--width")
    try LabParsing.atLeast(signalBatch, 1, "--signal-batch")
    let config = CompareConfig(
      activations: try LabParsing.activations(activations), depths: try LabParsing.depths(depths),
      inits: inits.isEmpty
        ? (biasInit == nil ? LabInit.tutorialDefaults : try LabParsing.inits(LabInit.tutorialDefaults.map(\.name), bias: biasInit))
        : try LabParsing.inits(inits, bias: biasInit),
      width: width, signalBatch: signalBatch, optimizer: training.optimizer, learningRate: training.lr,
      momentum: training.momentum, weightDecay: training.weightDecay, epochs: training.epochs,
      batchSize: training.batchSize, seed: experiment.seed, generator: experiment.generator)
    try reporting("compare") { try config.validate() }
    let data = try data.load()
    let directory = URL(fileURLWithPath: output)
    try reporting("--output") { try LabReport.prepare(directory) }

    let bar = json ? nil : ProgressBar(label: "lab")
    let result = try reporting("compare") {
      try runComparison(config, on: data) { p in
        bar?.update(fraction: p.done / max(p.total, 1), detail: "\(p.runsDone)/\(p.runs) runs  \(p.label)")
      }
    }
    bar?.finish()
    let files = try reporting("--output") { try LabReport.write(result, to: directory) }
    if json {
      print(try LabParsing.json(result))
    } else {
      print(LabText.comparisonSummary(result))
      print("")
      print("\(result.config.cells.count * 2) runs in \(LabText.duration(result.seconds)) on \(result.threads) thread\(result.threads == 1 ? "" : "s").")
      print("Report: \(files.html.path)")
      print("Also: \(files.markdown.path), \(files.json.path)")
    }
  }
}
