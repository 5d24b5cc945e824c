import Foundation
import Initializers
import RandomModule
import TensorModule
import Training

extension LabDataset {
  /// Two interleaved spirals in the plane, two classes of `perClass` points; 80 % train, 20 % test.
  ///
  /// With `g = torch.Generator().manual_seed(seed)`, all in float64:
  ///
  ///     t = torch.empty(2n).uniform_(0, 1, generator=g)          # n = perClass; sample i has class i // n
  ///     e = torch.empty(2n, 2).normal_(0, 1, generator=g)
  ///     θ = 4π·t + π·class;  x = (2t·cos θ, 2t·sin θ) + 0.05·e   # then cast to float32
  ///     perm = torch.randperm(2n, generator=g)                   # perm[:1.6n] train, the rest test
  ///
  /// - Throws: ``LabError/invalidConfiguration(_:)`` if `perClass` < 1.
  public static func spirals(perClass: Int = 500, seed: Int = 0) throws -> LabDataset {
    guard perClass >= 1 else { throw LabError.invalidConfiguration("spirals: perClass must be at least 1, got \(perClass)") }
    let n = 2 * perClass
    let g = TorchGenerator(seed: seed)
    var t = try Tensor(zeros: [n], dtype: .float64), e = try Tensor(zeros: [n, 2], dtype: .float64)
    try t.uniform_(from: 0, to: 1, generator: g)
    try e.normal_(mean: 0, std: 1, generator: g)
    let ts = t.doubles, es = e.doubles
    var rows = [Float](repeating: 0, count: 2 * n), targets = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let label = i / perClass, theta = 4 * Double.pi * ts[i] + Double.pi * Double(label)
      rows[2 * i] = Float(2 * ts[i] * cos(theta) + 0.05 * es[2 * i])
      rows[2 * i + 1] = Float(2 * ts[i] * sin(theta) + 0.05 * es[2 * i + 1])
      targets[i] = Double(label)
    }
    let trainCount = n * 4 / 5
    let (train, test) = split(rows: rows, targets: targets, featureCount: 2, permutation: g.randperm(n), trainCount: trainCount)
    return LabDataset(
      name: "spirals",
      summary: "two interleaved spirals (2 features, 2 classes, noise std 0.05), \(trainCount) training and \(n - trainCount) test points (seed \(seed))",
      task: .classification, classCount: 2, classNames: ["0", "1"], train: train, test: test)
  }

  /// Teacher–student regression: targets are the output of a fixed random MLP (the teacher) on
  /// N(0, 1) inputs; 80 % train, 20 % test; targets standardized by the training split.
  ///
  /// With `torch.manual_seed(seed)` (one generator for everything, in this order): the teacher
  /// `Linear(16, 32), Tanh(), Linear(32, 32), Tanh(), Linear(32, 1)` is built, its weights redrawn with
  /// `kaiming_normal_(nonlinearity='tanh')` (biases keep PyTorch's default); then
  /// `x = torch.randn(samples, 16)`, `y = teacher(x)`, `perm = torch.randperm(samples)`.
  public static func teacherStudent(samples: Int = 2000, seed: Int = 0) throws -> LabDataset {
    let inputs = 16
    let g = TorchGenerator(seed: seed)
    let teacher = try MLPShape(inputs: inputs, width: 32, outputs: 1, depth: 3, activation: .tanh).makeModel(
      initialization: LabInit(name: "teacher", weight: .kaimingNormal(a: 0, mode: .fanIn, nonlinearity: .tanh), bias: nil),
      generator: g)
    var x = try Tensor(zeros: [samples, inputs])
    try x.normal_(generator: g)
    let tape = Tape(training: false, recordsGradients: false)
    let y = try teacher(tape.input(x)).value.doubles
    let trainCount = samples * 4 / 5
    let (train, test) = split(
      rows: x.floats!, targets: y, featureCount: inputs, permutation: g.randperm(samples), trainCount: trainCount)
    var data = LabDataset(
      name: "teacher",
      summary: "teacher–student regression: 16 N(0, 1) inputs, target = a fixed random tanh MLP 16→32→32→1 (standardized); "
        + "\(trainCount) training and \(samples - trainCount) test samples (seed \(seed))",
      task: .regression, classCount: 1, train: train, test: test)
    data.standardizeTargets()
    return data
  }
}
