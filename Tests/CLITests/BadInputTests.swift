import Foundation
import Testing

/// Bad input as a new user would type it: a non-zero exit, one line naming the bad token or value,
/// no crash and no file left behind.
@Suite struct BadInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var mentions: [String]
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(arguments: ["init", "--model", "Linaer(10, 5)", "--seed", "0"], mentions: ["Linaer", "column 1"]),
    Case(arguments: ["init", "--model", "Linear(10)", "--seed", "0"], mentions: ["out_features"]),
    Case(arguments: ["init", "--model", "Linear(10, 5, True, 3)", "--seed", "0"], mentions: ["Linear()", "positional"]),
    Case(arguments: ["init", "--model", "Linear('ten', 5)", "--seed", "0"], mentions: ["in_features", "ten"]),
    Case(arguments: ["init", "--model", "Linear(10, 5", "--seed", "0"], mentions: ["column"]),
    Case(arguments: ["init", "--model", "Linear(-1, 3)", "--seed", "0"], mentions: ["negative dimension -1"]),
    Case(arguments: ["init", "--model", "Conv2d(3, 16, 3, groups=2)", "--seed", "0"], mentions: ["divisible by groups"]),
    Case(arguments: ["init", "--model", "GroupNorm(3, 8)", "--seed", "0"], mentions: ["divisible"]),
    Case(arguments: ["init", "--model", "LSTM(4, 8, proj_size=8)", "--seed", "0"], mentions: ["proj_size"]),
    Case(arguments: ["init", "--model", "Dropout(1.5)", "--seed", "0"], mentions: ["1.5"]),
    Case(arguments: ["init", "--model", "Linear(4, 4)", "--seed", "0", "--weight-init", "kaiming_uniform_(mode='fan_avg')"], mentions: ["fan_avg"]),
    Case(arguments: ["init", "--model", "Linear(4, 4)", "--seed", "0", "--weight-init", "kaiming_uniform_(nonlinearity='relu6')"], mentions: ["relu6"]),
    Case(arguments: ["init", "--model", "Linear(4, 4)", "--seed", "zero"], mentions: ["zero"]),
    Case(arguments: ["fill", "kaiming_uniform_()", "--shape", "5", "--seed", "0"], mentions: ["fewer than 2 dimensions", "[5]"]),
    Case(arguments: ["fill", "normal_(std=-1)", "--shape", "5,5", "--seed", "0"], mentions: ["std", "-1"]),
    Case(arguments: ["fill", "sparse_(sparsity=1.5)", "--shape", "5,5", "--seed", "0"], mentions: ["sparsity", "1.5"]),
    Case(arguments: ["fill", "sparse_(-0.1)", "--shape", "5,5", "--seed", "0"], mentions: ["-0.1"]),
    Case(arguments: ["fill", "uniform_(1, 0)", "--shape", "5", "--seed", "0"], mentions: ["from=1 > to=0"]),
    Case(arguments: ["fill", "eye_()", "--shape", "2,2,2", "--seed", "0"], mentions: ["2 dimensions"]),
    Case(arguments: ["fill", "unknown_()", "--shape", "3", "--seed", "0"], mentions: ["unknown_"]),
    Case(arguments: ["fill", "uniform_()", "--shape", "3,x", "--seed", "0"], mentions: ["'x'"]),
    Case(arguments: ["fill", "xavier_normal_(gain=5/0)", "--shape", "3,3", "--seed", "0"], mentions: ["division by zero"]),
    Case(arguments: ["init", "--model", "Linear(4, 4)", "--dtype", "int64"], mentions: ["--dtype", "int64"]),
    Case(arguments: ["fill", "uniform_()", "--shape", "3", "--threads", "0"], mentions: ["--threads", "got 0"]),
    Case(arguments: ["bench", "--repetitions", "0"], mentions: ["--repetitions", "got 0"]),
  ]

  @Test(arguments: cases) func failsWithOneClearLine(_ c: Case) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("out.safetensors")
    let result = try CommandRunner.run(c.arguments + ["--output", output.path])
    #expect(result.status != 0)
    #expect(result.status < 128, "crashed with signal: \(result.stderr)")
    let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    for word in c.mentions { #expect(message.contains(word), "\(message)") }
    #expect(!FileManager.default.fileExists(atPath: output.path), "a file was left behind")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  @Test func unwritableOutputLeavesNothing() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("missing/dir/model.safetensors")
    let result = try CommandRunner.run(["init", "--model", "Linear(4, 4)", "--seed", "0", "--output", output.path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("missing/dir"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }
}
