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

  @Option(help: "digits, spirals, teacher, or a CSV file.")
  var dataset = "digits"
  @Option(help: "A CSV file to train on (header row; numeric cells). Same as --dataset FILE.csv.")
  var data: String?
  @Option(help: "The CSV column to predict (default: the last column).")
  var target: String?
  @Option(help: "For CSV data: auto, classification or regression.")
  var task: String?
  @Option(parsing: .unconditional, help: "Linear layers (≥ 1).") var depth = 5
  @Option(parsing: .unconditional, help: "Hidden width.") var width = 128
  @Option(help: "relu, leaky_relu, tanh or sigmoid.") var activation = "relu"
  @Option(name: .customLong("init"), help: "Weight init: a torch.nn.init call, or `default` (PyTorch's).")
  var initCall = "kaiming_uniform_(nonlinearity='relu')"
  @Option(help: "Bias init (default: zeros_() with --init CALL, PyTorch's with --init default).") var biasInit: String?
  @Option(help: "sgd or adam.") var optimizer = "sgd"
  @Option(parsing: .unconditional, help: "Learning rate (> 0).") var lr = 0.01
  @Option(parsing: .unconditional, help: "SGD momentum.") var momentum = 0.9
  @Option(parsing: .unconditional, help: "Weight decay.") var weightDecay = 0.0
  @Option(parsing: .unconditional, help: "Epochs.") var epochs = 20
  @Option(parsing: .unconditional, help: "Samples per optimizer step.") var batchSize = 32
  @Option(parsing: .unconditional, help: "Seed of the init (torch.manual_seed) and of the batch order (seed + 1).") var seed = 0
  @Option(help: "torch or philox: the generator of the initial weights.") var generator = "torch"
  @Option(parsing: .unconditional, help: "Threads for the matrix kernels (default: all cores).") var threads: Int?
  @Flag(help: "Print JSON: {\"epochs\": [...], \"final\": {...}}.") var json = false

  func run() throws {
    try LabParsing.atLeast(depth, 1, "--depth")
    try LabParsing.atLeast(width, 1, "--width")
    try LabParsing.atLeast(epochs, 1, "--epochs")
    try LabParsing.atLeast(batchSize, 1, "--batch-size")
    try LabParsing.learningRate(lr)
    let config = TrainConfig(
      depth: depth, width: width, activation: try LabParsing.activation(activation),
      initialization: try LabParsing.initialization(initCall, bias: biasInit), optimizer: try LabParsing.optimizer(optimizer),
      learningRate: lr, momentum: momentum, weightDecay: weightDecay, epochs: epochs, batchSize: batchSize, seed: seed,
      generator: try LabParsing.generator(generator))
    try reporting("--momentum/--weight-decay") { try config.validate() }
    if let threads { Parallel.threadCount = threads }
    let data = try LabParsing.dataset(dataset, data: data, target: target, task: task)
    let bar = json ? nil : LabProgressBar(label: "train")
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
