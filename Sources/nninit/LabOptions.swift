import ArgumentParser
import Foundation
import NNInit

extension LabActivation: ExpressibleByArgument {
  /// `relu`, `leaky_relu` (or `LeakyReLU`), `tanh`, `sigmoid`, as ``init(parsing:)`` reads them.
  public init?(argument: String) { try? self.init(parsing: argument) }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension LabOptimizer: ExpressibleByArgument {}

/// The data a lab command trains on: `--dataset`, `--data`, `--target`, `--task`.
struct DatasetOptions: ParsableArguments {
  @Option(help: "digits, spirals, teacher, or a CSV file.") var dataset = "digits"
  @Option(help: "A CSV file to train on (header row; numeric cells). Same as --dataset FILE.csv.") var data: String?
  @Option(help: "The CSV column to predict (default: the last column).") var target: String?
  @Option(help: "For CSV data: auto, classification or regression.") var task: String?

  /// The data set the options name.
  func load() throws -> LabDataset { try LabParsing.dataset(dataset, data: data, target: target, task: task) }
}

/// How a lab command trains: `--optimizer`, `--lr`, `--momentum`, `--weight-decay`, `--epochs`, `--batch-size`.
struct OptimizerOptions: ParsableArguments {
  @Option(help: "sgd or adam.") var optimizer: LabOptimizer = .sgd
  @Option(parsing: .unconditional, help: "Learning rate (> 0).") var lr = 0.01
  @Option(parsing: .unconditional, help: "SGD momentum.") var momentum = 0.9
  @Option(parsing: .unconditional, help: "Weight decay.") var weightDecay = 0.0
  @Option(help: "Epochs.") var epochs = 20
  @Option(help: "Samples per optimizer step.") var batchSize = 32

  func validate() throws {
    try LabParsing.atLeast(epochs, 1, "--epochs")
    try LabParsing.atLeast(batchSize, 1, "--batch-size")
    try LabParsing.learningRate(lr)
  }
}

/// The seed, generator and threads of a lab run: `--seed`, `--generator`, `--threads`.
struct LabRunOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Seed of the inits and inputs (torch.manual_seed); the batch order uses seed + 1.")
  var seed = 0
  @Option(help: "torch or philox: the generator of the initial weights.") var generator: GeneratorKind = .torch
  @OptionGroup var parallelism: ThreadOptions
}

/// Parsing shared by the `nninit lab` subcommands; every failure is one `CLIError` line naming the
/// option and the bad value.
enum LabParsing {
  static func activation(_ text: String, option: String = "--activation") throws -> LabActivation {
    try reporting(option) { try LabActivation(parsing: text) }
  }

  /// A comma- or space-separated list of activations.
  static func activations(_ texts: [String]) throws -> [LabActivation] {
    try texts.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }) }.map { try activation(String($0), option: "--activations") }
  }

  /// A comma- or space-separated list of depths.
  static func depths(_ texts: [String]) throws -> [Int] {
    try texts.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }) }.map { part in
      guard let depth = Int(part), depth >= 1 else {
        throw CLIError("--depths: '\(part)' is not a depth; expected whole numbers ≥ 1, e.g. --depths 5,20")
      }
      return depth
    }
  }

  /// Init CALLs: each argument is one CALL, or several separated by `;`.
  static func inits(_ texts: [String], bias: String?) throws -> [LabInit] {
    try texts.flatMap { $0.split(separator: ";") }.map { try initialization(String($0), bias: bias, option: "--inits") }
  }

  static func initialization(_ text: String, bias: String?, option: String = "--init") throws -> LabInit {
    try reporting(option) { try LabInit(parsing: text, bias: bias) }
  }

  static func task(_ text: String?) throws -> LabDataset.Task? {
    guard let text, text.lowercased() != "auto" else { return nil }
    guard let task = LabDataset.Task(rawValue: text.lowercased()) else {
      throw CLIError("--task: unknown task '\(text)'; expected auto, classification or regression")
    }
    return task
  }

  /// `digits`, `spirals`, `teacher`, or a CSV file (`--dataset FILE.csv` or `--data FILE.csv`).
  static func dataset(_ name: String, data: String?, target: String?, task: String?) throws -> LabDataset {
    let file = data ?? (name.lowercased().hasSuffix(".csv") || FileManager.default.fileExists(atPath: name) ? name : nil)
    if let file {
      let taskChoice = try LabParsing.task(task)
      return try reporting(data != nil ? "--data" : "--dataset") {
        try LabDataset.csv(contentsOf: URL(fileURLWithPath: file), target: target, task: taskChoice)
      }
    }
    if target != nil { throw CLIError("--target: only applies to a CSV file (--data FILE.csv)") }
    return try reporting("--dataset") { try LabDataset.named(name) }
  }

  /// Checks a learning rate: > 0 and finite.
  static func learningRate(_ lr: Double) throws {
    guard lr > 0, lr.isFinite else { throw CLIError("--lr: the learning rate must be > 0, got \(lr)") }
  }

  /// Checks a size option is at least `minimum`.
  static func atLeast(_ value: Int, _ minimum: Int, _ option: String) throws {
    guard value >= minimum else { throw CLIError("\(option) must be at least \(minimum), got \(value)") }
  }

  /// Pretty-printed, sorted JSON of a lab result (non-finite numbers as `null`).
  static func json<T: Encodable>(_ value: T) throws -> String {
    try reporting("--json") { try LabJSON.encode(value) }
  }
}
