import ArgumentParser
import Foundation
import NNInit

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

  static func generator(_ text: String) throws -> LabGenerator {
    guard let g = LabGenerator(rawValue: text.lowercased()) else {
      throw CLIError("--generator: unknown generator '\(text)'; expected torch or philox")
    }
    return g
  }

  static func optimizer(_ text: String) throws -> LabOptimizer {
    guard let o = LabOptimizer(rawValue: text.lowercased()) else {
      throw CLIError("--optimizer: unknown optimizer '\(text)'; expected sgd or adam")
    }
    return o
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
