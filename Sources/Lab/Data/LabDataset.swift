import TensorModule

/// A supervised data set split into training and test samples, as the lab trains on it.
///
/// Features are `float32` rows (`[samples, features]`); targets are class indices (classification,
/// trained with `CrossEntropyLoss`) or one real value per sample (regression, `MSELoss`).
public struct LabDataset: Sendable {
  /// What the targets are.
  public enum Task: String, Sendable, Codable, CaseIterable {
    /// Class indices `0..<classCount`; the network has `classCount` outputs.
    case classification
    /// One real value per sample; the network has one output.
    case regression
  }

  /// One side of the split.
  public struct Split: Sendable {
    /// `[count, featureCount]`, `float32`.
    public var features: Tensor
    /// Class indices (as whole numbers) or regression values, one per sample.
    public var targets: [Double]
    /// The number of samples.
    public var count: Int { targets.count }

    /// A split of `targets.count` samples.
    ///
    /// - Precondition: `features` is `[targets.count, featureCount]`.
    public init(features: Tensor, targets: [Double]) {
      precondition(features.rank == 2 && features.shape[0] == targets.count, "features \(features.shape) vs \(targets.count) targets")
      self.features = features
      self.targets = targets
    }
  }

  /// A short name (`digits`, `spirals`, `teacher`, or the CSV file's name).
  public var name: String
  /// One sentence on where the data comes from and how it was prepared, for reports.
  public var summary: String
  /// Whether the targets are class indices or real values.
  public var task: Task
  /// The number of input features.
  public var featureCount: Int
  /// The number of classes (classification), or 1 (regression).
  public var classCount: Int
  /// The class names, in index order (classification only).
  public var classNames: [String]
  /// The samples the lab trains on.
  public var train: Split
  /// The held-out samples the lab evaluates on after every epoch.
  public var test: Split

  /// A data set from its two splits; ``featureCount`` is read from `train`'s features.
  public init(
    name: String, summary: String, task: Task, classCount: Int, classNames: [String] = [], train: Split, test: Split
  ) {
    self.name = name
    self.summary = summary
    self.task = task
    self.featureCount = train.features.shape[1]
    self.classCount = classCount
    self.classNames = classNames
    self.train = train
    self.test = test
  }

  /// The network outputs needed: the class count, or 1 for regression.
  public var outputCount: Int { task == .classification ? classCount : 1 }

  /// The accuracy of always predicting the most common training class (classification), else `nil`.
  public var chanceAccuracy: Double? {
    guard task == .classification, test.count > 0 else { return nil }
    var counts = [Int](repeating: 0, count: classCount)
    for t in train.targets { counts[Int(t)] += 1 }
    let majority = counts.indices.max { counts[$0] < counts[$1] } ?? 0
    return Double(test.targets.filter { Int($0) == majority }.count) / Double(test.count)
  }

  /// Splits `rows` (row-major, `featureCount` wide) by `permutation`: the first `trainCount` indices
  /// are the training set, the rest the test set, each in permutation order.
  static func split(
    rows: [Float], targets: [Double], featureCount: Int, permutation: [Int], trainCount: Int
  ) -> (train: Split, test: Split) {
    func take(_ indices: ArraySlice<Int>) -> Split {
      var features = [Float]()
      features.reserveCapacity(indices.count * featureCount)
      for i in indices { features.append(contentsOf: rows[(i * featureCount)..<((i + 1) * featureCount)]) }
      return Split(features: try! Tensor(shape: [indices.count, featureCount], scalars: features), targets: indices.map { targets[$0] })
    }
    return (take(permutation[..<trainCount]), take(permutation[trainCount...]))
  }
}

extension LabDataset {
  /// A built-in data set by name: `digits`, `spirals` or `teacher`.
  ///
  /// - Throws: ``LabError/unknownDataset(_:)``.
  public static func named(_ name: String) throws -> LabDataset {
    switch name.lowercased() {
    case "digits": return digits()
    case "spirals": return try spirals()
    case "teacher", "teacher-student", "teacher_student": return try teacherStudent()
    default: throw LabError.unknownDataset(name)
    }
  }

  /// Standardizes each feature column of both splits by the training split's mean and (population)
  /// standard deviation; a constant column is only centred.
  mutating func standardizeFeatures() {
    let n = train.count, d = featureCount
    guard n > 0, let x = train.features.floats else { return }
    var mean = [Double](repeating: 0, count: d), scale = [Double](repeating: 1, count: d)
    for r in 0..<n { for c in 0..<d { mean[c] += Double(x[r * d + c]) } }
    for c in 0..<d { mean[c] /= Double(n) }
    var variance = [Double](repeating: 0, count: d)
    for r in 0..<n { for c in 0..<d { let v = Double(x[r * d + c]) - mean[c]; variance[c] += v * v } }
    for c in 0..<d where variance[c] > 0 { scale[c] = (variance[c] / Double(n)).squareRoot() }
    func apply(_ split: inout Split) {
      guard let values = split.features.floats else { return }
      let out = values.indices.map { i in Float((Double(values[i]) - mean[i % d]) / scale[i % d]) }
      split.features = try! Tensor(shape: split.features.shape, scalars: out)
    }
    apply(&train)
    apply(&test)
  }

  /// Standardizes regression targets by the training split's mean and standard deviation, so that
  /// predicting the mean scores an MSE of 1.
  mutating func standardizeTargets() {
    guard task == .regression, train.count > 0 else { return }
    let mean = train.targets.reduce(0, +) / Double(train.count)
    let variance = train.targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(train.count)
    let scale = variance > 0 ? variance.squareRoot() : 1
    train.targets = train.targets.map { ($0 - mean) / scale }
    test.targets = test.targets.map { ($0 - mean) / scale }
  }
}
