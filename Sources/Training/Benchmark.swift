import Layers
import RandomModule
import TensorModule

/// Step times of ``benchmarkTrainingStep(depth:width:batch:steps:warmup:threads:seed:)``.
public struct TrainingStepTiming: Sendable, CustomStringConvertible {
  /// Linear layers, their width, and the batch size.
  public var depth: Int, width: Int, batch: Int
  /// The thread count kernels used (`Parallel.threadCount`).
  public var threads: Int
  /// Seconds of each timed step, in order.
  public var seconds: [Double]

  /// The median step time in seconds.
  public var median: Double {
    let s = seconds.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
  /// The fastest step in seconds.
  public var minimum: Double { seconds.min() ?? .nan }

  /// `MLP depth 20 width 256 batch 256, 2 thread(s): median … ms, min … ms over 20 steps`.
  public var description: String {
    let ms = { (s: Double) in (s * 1e5).rounded() / 100 }
    return "MLP depth \(depth) width \(width) batch \(batch), \(threads) thread(s): median \(ms(median)) ms, min \(ms(minimum)) ms over \(seconds.count) steps"
  }
}

/// Times one SGD training step of an MLP, the benchmark of the speed target (≤ 2× PyTorch).
///
/// The model is `depth` `Linear(width, width)` layers with `ReLU` between them (PyTorch's default init,
/// `TorchGenerator(seed:)`), the input a `batch × width` float32 N(0, 1) batch, the targets class
/// indices `i mod width`. One step — what is timed — is exactly the PyTorch loop
///
///     optimizer.zero_grad(); loss = CrossEntropyLoss()(model(x), y); loss.backward(); optimizer.step()
///
/// with `SGD(lr=0.01, momentum=0.9)`: in Swift, a new ``Tape``, the forward, the loss,
/// ``Variable/backward(gradient:)`` and ``SGD/step(_:)``.
///
/// - Parameters:
///   - depth: the number of `Linear(width, width)` layers.
///   - width: the features of every layer, and the number of classes.
///   - batch: the samples per step.
///   - steps: timed steps (after `warmup` untimed ones).
///   - warmup: untimed steps run first.
///   - threads: `Parallel.threadCount` during the run (restored afterwards); `nil` keeps the current one.
///   - seed: the seed of the `TorchGenerator` that initializes the model and draws the batch.
/// - Returns: every timed step's duration; report ``TrainingStepTiming/median``.
public func benchmarkTrainingStep(
  depth: Int = 20, width: Int = 256, batch: Int = 256, steps: Int = 20, warmup: Int = 3, threads: Int? = nil, seed: Int = 0
) throws -> TrainingStepTiming {
  let previousThreads = Parallel.threadCount
  if let threads { Parallel.threadCount = threads }
  defer { Parallel.threadCount = previousThreads }

  let generator = TorchGenerator(seed: seed)
  var layers: [Module] = []
  for i in 0..<depth {
    if i > 0 { layers.append(ReLU()) }
    layers.append(try Linear(width, width, generator: generator))
  }
  let model = Sequential(layers)
  var x = try Tensor(zeros: [batch, width])
  try x.normal_(generator: generator)
  let labels = (0..<batch).map { $0 % width }
  let optimizer = try SGD(model.parameters(), lr: 0.01, momentum: 0.9)
  let loss = CrossEntropyLoss()

  var seconds: [Double] = []
  let clock = ContinuousClock()
  for step in 0..<(warmup + steps) {
    let start = clock.now
    let tape = Tape()
    let value = try loss(try model(tape.input(x)), labels)
    try optimizer.step(try value.backward())
    let elapsed = clock.now - start
    if step >= warmup {
      seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
  }
  return TrainingStepTiming(depth: depth, width: width, batch: batch, threads: Parallel.threadCount, seconds: seconds)
}
