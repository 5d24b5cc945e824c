import Foundation
import Layers
import RandomModule
import TensorModule
import Training

/// The optimizer a lab training run uses.
public enum LabOptimizer: String, Sendable, Codable, CaseIterable {
  /// `torch.optim.SGD(lr, momentum, weight_decay)`.
  case sgd
  /// `torch.optim.Adam(lr, weight_decay)` with PyTorch's default betas (0.9, 0.999) and eps 1e-8.
  case adam
}

/// A training run's settings (`nninit lab train`).
public struct TrainConfig: Sendable, Codable, Equatable {
  /// Linear layers of the MLP (at least 1).
  public var depth: Int
  /// Hidden width: the features between consecutive Linear layers.
  public var width: Int
  /// The activation between the Linear layers.
  public var activation: LabActivation
  /// How the Linear layers are initialized.
  public var initialization: LabInit
  /// `torch.optim.SGD` or `torch.optim.Adam`.
  public var optimizer: LabOptimizer
  /// The optimizer's learning rate (`lr`), greater than 0.
  public var learningRate: Double
  /// SGD momentum (ignored by Adam).
  public var momentum: Double
  /// L2 penalty added by the optimizer (`weight_decay`), at least 0.
  public var weightDecay: Double
  /// Passes over the training split, at least 1.
  public var epochs: Int
  /// Samples per optimizer step, at least 1 (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// Seeds the initialization (`torch.manual_seed(seed)`) and the shuffling (`seed + 1`).
  public var seed: Int
  /// Which generator draws the initial weights.
  public var generator: GeneratorKind

  /// A training run; the defaults are the tutorial's (5 ReLU layers of width 128, SGD lr 0.01 momentum 0.9,
  /// 20 epochs of batches of 32, seed 0, PyTorch's generator).
  public init(
    depth: Int = 5, width: Int = 128, activation: LabActivation = .relu, initialization: LabInit,
    optimizer: LabOptimizer = .sgd, learningRate: Double = 0.01, momentum: Double = 0.9, weightDecay: Double = 0,
    epochs: Int = 20, batchSize: Int = 32, seed: Int = 0, generator: GeneratorKind = .torch
  ) {
    self.depth = depth
    self.width = width
    self.activation = activation
    self.initialization = initialization
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.generator = generator
  }

  /// Checks every value is in range, naming the offending one.
  public func validate() throws {
    try _require(depth >= 1, "depth must be at least 1, got \(depth)")
    try _require(width >= 1, "width must be at least 1, got \(width)")
    try _require(learningRate > 0 && learningRate.isFinite, "learning rate must be > 0, got \(LabFormat.number(learningRate, digits: 6))")
    try _require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got \(LabFormat.number(momentum, digits: 6))")
    try _require(weightDecay >= 0, "weight decay must be ≥ 0, got \(LabFormat.number(weightDecay, digits: 6))")
    try _require(epochs >= 1, "epochs must be at least 1, got \(epochs)")
    try _require(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
  }
}

/// One epoch's numbers.
public struct EpochRecord: Sendable, Codable, Equatable {
  /// 1-based.
  public var epoch: Int
  /// The mean training loss over the epoch's samples (each batch's loss weighted by its size), as the
  /// network was while it trained on them.
  public var trainLoss: Double
  /// The loss on the test split after the epoch.
  public var testLoss: Double
  /// Test accuracy after the epoch (classification; `nil` for regression).
  public var testAccuracy: Double?
}

/// How a training run ended.
public struct TrainFinal: Sendable, Codable, Equatable {
  /// The last completed epoch's training loss (NaN if no epoch completed).
  public var trainLoss: Double
  /// Test accuracy of the final parameters (for a diverged run: the last finite ones).
  public var testAccuracy: Double?
  /// Test loss of the final parameters (for a diverged run: the last finite ones).
  public var testLoss: Double
  /// Whether a loss or a gradient stopped being finite during the run.
  public var diverged: Bool
  /// The 1-based optimizer step whose loss or gradient was not finite, when diverged.
  public var divergedAtStep: Int?
  /// The epoch of that step.
  public var divergedAtEpoch: Int?
  /// What was not finite, e.g. `loss is nan`.
  public var divergence: String?
}

/// A training run's record.
public struct TrainResult: Sendable, Codable, Equatable {
  /// The settings that were run.
  public var config: TrainConfig
  /// The data set's name and task.
  public var dataset: String
  /// Whether the data set is a classification or a regression.
  public var task: LabDataset.Task
  /// Optimizer steps per epoch (`⌈train samples / batch size⌉`).
  public var stepsPerEpoch: Int
  /// One record per completed epoch, first epoch first.
  public var epochs: [EpochRecord]
  /// How the run ended.
  public var final: TrainFinal
  /// The last finite step loss before a divergence (for charts), else `nil`.
  public var lastFiniteLoss: Double?
}

/// Progress of a training run, reported after every optimizer step.
public struct TrainProgress: Sendable {
  /// Steps done and the total planned.
  public var step: Int, totalSteps: Int
  /// The 1-based epoch the step belongs to.
  public var epoch: Int
  /// The step's loss.
  public var loss: Double
}

/// Trains the lab MLP on `dataset`, as `Scripts/lab_torch_reference.py` does in PyTorch:
///
///     torch.manual_seed(seed); model = mlp(...); (init)        # see MLPShape.makeModel
///     shuffle = torch.Generator().manual_seed(seed + 1)
///     for epoch in 1...epochs:
///         perm = torch.randperm(n_train, generator=shuffle)
///         for batch in perm.split(batch_size):                  # the last batch may be smaller
///             loss = criterion(model(x[batch]), y[batch]); loss.backward(); optimizer.step()
///         evaluate on the test split
///
/// The criterion is `CrossEntropyLoss` (classification) or `MSELoss` (regression). A loss or gradient
/// that is not finite stops the run before the optimizer step; the result says at which step.
///
/// - Throws: ``LabError`` for a bad configuration or init; training errors should not occur.
public func runTrainingExperiment(
  _ config: TrainConfig, on dataset: LabDataset, progress: ((TrainProgress) -> Void)? = nil
) throws -> TrainResult {
  try config.validate()
  try _require(dataset.train.count > 0 && dataset.test.count > 0, "the dataset needs training and test samples")
  let shape = MLPShape(
    inputs: dataset.featureCount, width: config.width, outputs: dataset.outputCount, depth: config.depth, activation: config.activation)
  let generator = config.generator.make(seed: config.seed)
  let model = try shape.makeModel(initialization: config.initialization, generator: generator)
  let parameters = model.parameters()
  let optimizer: any Optimizer
  switch config.optimizer {
  case .sgd: optimizer = try SGD(parameters, lr: config.learningRate, momentum: config.momentum, weightDecay: config.weightDecay)
  case .adam: optimizer = try Adam(parameters, lr: config.learningRate, weightDecay: config.weightDecay)
  }
  let shuffle = TorchGenerator(seed: config.seed &+ 1)
  let n = dataset.train.count, stepsPerEpoch = (n + config.batchSize - 1) / config.batchSize
  let totalSteps = stepsPerEpoch * config.epochs
  var epochs: [EpochRecord] = [], step = 0, lastLoss: Double?
  var divergence: (step: Int, epoch: Int, what: String)?

  training: for epoch in 1...config.epochs {
    let permutation = shuffle.randperm(n)
    var lossSum = 0.0
    for start in stride(from: 0, to: n, by: config.batchSize) {
      let indices = Array(permutation[start..<min(n, start + config.batchSize)])
      step += 1
      let tape = Tape(training: true, recordsGradients: true, generator: generator)
      let output = try model(tape.input(_rows(dataset.train.features, indices)))
      let loss = try _loss(output, targets: indices.map { dataset.train.targets[$0] }, task: dataset.task)
      let value = loss.item
      guard value.isFinite else {
        divergence = (step, epoch, "loss is \(value.isNaN ? "NaN" : "infinite")")
        break training
      }
      let gradients = try loss.backward()
      guard gradients.isFinite else {
        divergence = (step, epoch, "a gradient is not finite (\(gradients.nonFiniteParameters.first.map { "\($0)" } ?? "?"))")
        lastLoss = value
        break training
      }
      try optimizer.step(gradients)
      lastLoss = value
      lossSum += value * Double(indices.count)
      progress?(TrainProgress(step: step, totalSteps: totalSteps, epoch: epoch, loss: value))
    }
    let test = try _evaluate(model, on: dataset.test, task: dataset.task)
    epochs.append(EpochRecord(epoch: epoch, trainLoss: lossSum / Double(n), testLoss: test.loss, testAccuracy: test.accuracy))
  }

  let final: TrainFinal
  if let divergence {
    let test = try _evaluate(model, on: dataset.test, task: dataset.task)
    final = TrainFinal(
      trainLoss: epochs.last?.trainLoss ?? .nan, testAccuracy: test.accuracy, testLoss: test.loss, diverged: true,
      divergedAtStep: divergence.step, divergedAtEpoch: divergence.epoch, divergence: divergence.what)
  } else {
    let last = epochs.last!
    final = TrainFinal(
      trainLoss: last.trainLoss, testAccuracy: last.testAccuracy, testLoss: last.testLoss, diverged: false,
      divergedAtStep: nil, divergedAtEpoch: nil, divergence: nil)
  }
  return TrainResult(
    config: config, dataset: dataset.name, task: dataset.task, stepsPerEpoch: stepsPerEpoch, epochs: epochs, final: final,
    lastFiniteLoss: divergence == nil ? nil : lastLoss)
}

/// The rows `indices` of a 2-D float32 tensor.
func _rows(_ features: Tensor, _ indices: [Int]) -> Tensor {
  let d = features.shape[1], x = features.floats!
  var out = [Float](repeating: 0, count: indices.count * d)
  out.withUnsafeMutableBufferPointer { o in
    x.withUnsafeBufferPointer { x in
      for (r, i) in indices.enumerated() {
        for c in 0..<d { o[r * d + c] = x[i * d + c] }
      }
    }
  }
  return try! Tensor(shape: [indices.count, d], scalars: out)
}

/// Cross-entropy against class indices, or MSE against values (network output `[b, 1]`).
func _loss(_ output: Variable, targets: [Double], task: LabDataset.Task) throws -> Variable {
  switch task {
  case .classification: return try CrossEntropyLoss()(output, targets.map { Int($0) })
  case .regression: return try MSELoss()(output, Tensor(shape: [targets.count, 1], scalars: targets.map { Float($0) }))
  }
}

/// Loss and accuracy on a split, in evaluation mode without gradients. Rows whose outputs are not
/// finite count as wrong.
func _evaluate(_ model: Sequential, on split: LabDataset.Split, task: LabDataset.Task) throws -> (loss: Double, accuracy: Double?) {
  let tape = Tape(training: false, recordsGradients: false)
  let output = try model(tape.input(split.features))
  let loss = try _loss(output, targets: split.targets, task: task).item
  guard task == .classification else { return (loss, nil) }
  let classes = output.shape[1], logits = output.value.floats!
  var correct = 0
  for r in 0..<split.count {
    var best = 0, bestValue = -Float.infinity, finite = true
    for c in 0..<classes {
      let v = logits[r * classes + c]
      finite = finite && v.isFinite
      if v > bestValue { best = c; bestValue = v }
    }
    if finite && best == Int(split.targets[r]) { correct += 1 }
  }
  return (loss, Double(correct) / Double(split.count))
}

// Optional numbers are written as `null` rather than left out, so every record has every key.
extension EpochRecord {
  enum CodingKeys: String, CodingKey { case epoch, trainLoss, testLoss, testAccuracy }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(epoch, forKey: .epoch)
    try c.encode(trainLoss, forKey: .trainLoss)
    try c.encode(testLoss, forKey: .testLoss)
    try c.encode(testAccuracy, forKey: .testAccuracy)
  }
}

extension TrainFinal {
  enum CodingKeys: String, CodingKey {
    case trainLoss, testAccuracy, testLoss, diverged, divergedAtStep, divergedAtEpoch, divergence
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(trainLoss, forKey: .trainLoss)
    try c.encode(testAccuracy, forKey: .testAccuracy)
    try c.encode(testLoss, forKey: .testLoss)
    try c.encode(diverged, forKey: .diverged)
    try c.encode(divergedAtStep, forKey: .divergedAtStep)
    try c.encode(divergedAtEpoch, forKey: .divergedAtEpoch)
    try c.encode(divergence, forKey: .divergence)
  }
}
