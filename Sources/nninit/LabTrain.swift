import ArgumentParser
import Foundation
import NNInit

/// `nninit lab train`: train the lab MLP on a data set and report loss and accuracy per epoch.
struct LabTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an MLP with a given init; per-epoch train loss and test accuracy; divergence detected.",
    discussion: """
      Example: nninit lab train --dataset digits --depth 20 --activation relu \\
                 --init "kaiming_uniform_(nonlinearity='relu')" --optimizer sgd --lr 0.01 --momentum 0.9 --epochs 20
      A CSV file: nninit lab train --data measurements.csv --target label
      """)

  @OptionGroup var data: DatasetOptions
  @Option(help: "Linear layers (≥ 1).") var depth = 5
  @Option(help: "Hidden width.") var width = 128
  @Option(help: "relu, leaky_relu, tanh or sigmoid.") var activation: LabActivation = .relu
  @Option(name: .customLong("init"), help: "Weight init: a torch.nn.init call, or `default` (PyTorch's).")
  var initCall = "kaiming_uniform_(nonlinearity='relu')"
  @Option(help: "Bias init (default: zeros_() with --init CALL, PyTorch's with --init default).") var biasInit: String?
  @OptionGroup var training: OptimizerOptions
  @OptionGroup var experiment: LabRunOptions
  @Flag(help: "Print JSON: {\"epochs\": [...], \"final\": {...}}.") var json = false

  func run() throws {
    experiment.parallelism.apply()
    try LabParsing.atLeast(depth, 1, "--depth")
    try LabParsing.atLeast(width, 1, "--width")
    let config = TrainConfig(
      depth: depth, width: width, activation: activation,
      initialization: try LabParsing.initialization(initCall, bias: biasInit), optimizer: training.optimizer,
      learningRate: training.lr, momentum: training.momentum, weightDecay: training.weightDecay, epochs: training.epochs,
      batchSize: training.batchSize, seed: experiment.seed, generator: experiment.generator)
    try reporting("--momentum/--weight-decay") { try config.validate() }
    let data = try data.load()
    let bar = json ? nil : ProgressBar(label: "train")
    let result = try reporting("train") {
      try runTrainingExperiment(config, on: data) { p in
        bar?.update(fraction: Double(p.step) / Double(p.totalSteps), detail: "epoch \(p.epoch)/\(config.epochs)  loss \(LabText.number(p.loss))")
      }
    }
    bar?.finish()
    if json {
      print(try LabParsing.json(result))
    } else {
      print(LabText.training(result, dataset: data))
    }
  }
}
