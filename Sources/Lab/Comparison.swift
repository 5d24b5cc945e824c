import Foundation
import RandomModule
import Synchronization
import TensorModule

/// The grid of experiments `nninit lab compare` runs (bare `nninit lab`: the tutorial's defaults).
public struct CompareConfig: Sendable, Codable, Equatable {
  /// The activations between the Linear layers, one row of the grid each (default ReLU and tanh).
  public var activations: [LabActivation]
  /// The numbers of Linear layers (default 5 and 20).
  public var depths: [Int]
  /// The initializations compared in every (activation, depth) cell.
  public var inits: [LabInit]
  /// Hidden width of the trained MLPs, and width of the signal experiment's square layers.
  public var width: Int
  /// Inputs per signal experiment.
  public var signalBatch: Int
  /// The optimizer of the training runs (`torch.optim.SGD` by default).
  public var optimizer: LabOptimizer
  /// The optimizer's learning rate (`lr`).
  public var learningRate: Double
  /// SGD momentum (ignored by Adam).
  public var momentum: Double
  /// L2 penalty added by the optimizer (`weight_decay`).
  public var weightDecay: Double
  /// Passes over the training split.
  public var epochs: Int
  /// Samples per optimizer step.
  public var batchSize: Int
  /// The seed of every run's generator (`torch.manual_seed(seed)` for `GeneratorKind.torch`).
  public var seed: Int
  /// Which generator draws the initial weights and the synthetic inputs.
  public var generator: GeneratorKind

  /// The tutorial's comparison: uniform_(-0.1, 0.1), xavier_uniform_, kaiming_uniform_(relu),
  /// constant_(0.5) (biases zero) and PyTorch's default; ReLU and tanh; depths 5 and 20; width 128;
  /// SGD lr 0.01 momentum 0.9; 20 epochs of batches of 32.
  public init(
    activations: [LabActivation] = [.relu, .tanh], depths: [Int] = [5, 20], inits: [LabInit] = LabInit.tutorialDefaults,
    width: Int = 128, signalBatch: Int = 256, optimizer: LabOptimizer = .sgd, learningRate: Double = 0.01, momentum: Double = 0.9,
    weightDecay: Double = 0, epochs: Int = 20, batchSize: Int = 32, seed: Int = 0, generator: GeneratorKind = .torch
  ) {
    self.activations = activations
    self.depths = depths
    self.inits = inits
    self.width = width
    self.signalBatch = signalBatch
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.generator = generator
  }

  /// The training settings of one cell of the grid.
  public func trainConfig(activation: LabActivation, depth: Int, initialization: LabInit) -> TrainConfig {
    TrainConfig(
      depth: depth, width: width, activation: activation, initialization: initialization, optimizer: optimizer,
      learningRate: learningRate, momentum: momentum, weightDecay: weightDecay, epochs: epochs, batchSize: batchSize,
      seed: seed, generator: generator)
  }

  /// The signal settings of one cell of the grid.
  public func signalConfig(activation: LabActivation, depth: Int, initialization: LabInit) -> SignalConfig {
    SignalConfig(
      depth: depth, width: width, activation: activation, initialization: initialization, batch: signalBatch, seed: seed,
      generator: generator)
  }

  /// The cells in report order: activation, then depth, then init.
  public var cells: [(activation: LabActivation, depth: Int, initialization: LabInit)] {
    activations.flatMap { a in depths.flatMap { d in inits.map { (a, d, $0) } } }
  }

  /// Checks the grid is non-empty and every value in range.
  public func validate() throws {
    try _require(!activations.isEmpty, "no activations to compare")
    try _require(!depths.isEmpty, "no depths to compare")
    try _require(!inits.isEmpty, "no inits to compare")
    try _require(signalBatch >= 1, "signal batch must be at least 1, got \(signalBatch)")
    for depth in depths { try trainConfig(activation: .relu, depth: depth, initialization: .pytorchDefault).validate() }
  }
}

/// What a comparison found: every signal and training run, plus the data set it trained on.
public struct CompareResult: Sendable, Codable, Equatable {
  /// The data set's description.
  public struct DatasetInfo: Sendable, Codable, Equatable {
    /// The data set's ``LabDataset/name``, ``LabDataset/summary`` and ``LabDataset/task``.
    public var name: String, summary: String, task: LabDataset.Task
    /// Sample counts of the training and test splits, the number of input features, and the number
    /// of classes (1 for regression).
    public var trainSamples: Int, testSamples: Int, features: Int, classes: Int
    /// Accuracy of always answering the most common training class.
    public var chanceAccuracy: Double?
  }

  /// The grid that was run.
  public var config: CompareConfig
  /// The data set every training run used.
  public var dataset: DatasetInfo
  /// One per cell, in ``CompareConfig/cells`` order.
  public var signal: [SignalResult]
  /// One per cell, in ``CompareConfig/cells`` order.
  public var training: [TrainResult]
  /// Wall-clock seconds the whole comparison took.
  public var seconds: Double
  /// Threads the runs were spread over.
  public var threads: Int

  /// The signal result of a cell.
  public func signal(_ activation: LabActivation, _ depth: Int, _ initialization: LabInit) -> SignalResult? {
    signal.first { $0.config.activation == activation && $0.config.depth == depth && $0.config.initialization == initialization }
  }

  /// The training result of a cell.
  public func training(_ activation: LabActivation, _ depth: Int, _ initialization: LabInit) -> TrainResult? {
    training.first { $0.config.activation == activation && $0.config.depth == depth && $0.config.initialization == initialization }
  }
}

/// Progress of a comparison.
public struct CompareProgress: Sendable {
  /// Work done and total, in Linear-layer training steps (a rough, monotone measure of time).
  public var done: Double, total: Double
  /// Runs finished and planned.
  public var runsDone: Int, runs: Int
  /// The run that last reported, e.g. `train relu depth 20 xavier_uniform_ epoch 3/20`.
  public var label: String
}

/// Runs the signal and training experiment of every cell of the grid.
///
/// Runs are independent (each has its own generators), so they are spread over
/// `Parallel.threadCount` threads; the results do not depend on the thread count. Progress is reported
/// from the worker threads, serialized.
public func runComparison(
  _ config: CompareConfig, on dataset: LabDataset, progress: (@Sendable (CompareProgress) -> Void)? = nil
) throws -> CompareResult {
  try config.validate()
  let start = Date()
  let cells = config.cells
  let stepsPerEpoch = (dataset.train.count + config.batchSize - 1) / config.batchSize
  // Work units: one training step of one Linear layer; a signal run counts as 8 steps per layer.
  let trainWork = cells.map { Double($0.depth * stepsPerEpoch * config.epochs) }
  let signalWork = cells.map { Double($0.depth * 8) }
  let total = trainWork.reduce(0, +) + signalWork.reduce(0, +)
  struct State {
    var done = 0.0, runsDone = 0
    var signal: [SignalResult?], training: [TrainResult?]
    var error: (any Error)?
    var lastReport = Date.distantPast
  }
  let state = Mutex(State(signal: Array(repeating: nil, count: cells.count), training: Array(repeating: nil, count: cells.count)))
  let runs = 2 * cells.count
  @Sendable func report(_ work: Double, finished: Bool, label: String) {
    let snapshot: CompareProgress? = state.withLock { s in
      s.done += work
      if finished { s.runsDone += 1 }
      let now = Date()
      guard finished || now.timeIntervalSince(s.lastReport) > 0.05 else { return nil }
      s.lastReport = now
      return CompareProgress(done: s.done, total: total, runsDone: s.runsDone, runs: runs, label: label)
    }
    if let snapshot { progress?(snapshot) }
  }

  // Jobs: the training runs first, longest first, then the signal runs.
  let jobs = cells.indices.sorted { trainWork[$0] > trainWork[$1] }.map { ($0, true) } + cells.indices.map { ($0, false) }
  let next = Atomic<Int>(0)
  let workers = max(1, min(Parallel.threadCount, jobs.count))
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while true {
      let j = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard j < jobs.count, state.withLock({ $0.error == nil }) else { return }
      let (index, isTraining) = jobs[j]
      let cell = cells[index]
      let name = "\(cell.activation) depth \(cell.depth) \(cell.initialization.shortName)"
      do {
        if isTraining {
          let train = config.trainConfig(activation: cell.activation, depth: cell.depth, initialization: cell.initialization)
          var reported = 0
          let result = try runTrainingExperiment(train, on: dataset) { p in
            let label = "train \(name) epoch \(p.epoch)/\(config.epochs)"
            report(Double((p.step - reported) * cell.depth), finished: false, label: label)
            reported = p.step
          }
          let remaining = trainWork[index] - Double(reported * cell.depth)
          state.withLock { $0.training[index] = result }
          report(remaining, finished: true, label: "train \(name) done")
        } else {
          let result = try runSignalExperiment(
            config.signalConfig(activation: cell.activation, depth: cell.depth, initialization: cell.initialization))
          state.withLock { $0.signal[index] = result }
          report(signalWork[index], finished: true, label: "signal \(name)")
        }
      } catch {
        state.withLock { if $0.error == nil { $0.error = error } }
      }
    }
  }
  let final = state.withLock { $0 }
  if let error = final.error { throw error }
  return CompareResult(
    config: config,
    dataset: .init(
      name: dataset.name, summary: dataset.summary, task: dataset.task, trainSamples: dataset.train.count,
      testSamples: dataset.test.count, features: dataset.featureCount, classes: dataset.outputCount,
      chanceAccuracy: dataset.chanceAccuracy),
    signal: final.signal.map { $0! }, training: final.training.map { $0! }, seconds: Date().timeIntervalSince(start),
    threads: workers)
}
