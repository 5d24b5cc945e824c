import Foundation
import Testing

/// `nninit lab …` end to end, as a user runs it (output not a terminal: no progress bars).
@Suite struct LabCommandTests {
  func json(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
  }

  @Test func signalJSON() throws {
    let r = try CommandRunner.run(["lab", "signal", "--depth", "3", "--width", "16", "--batch", "32", "--activation", "tanh", "--init", "xavier_normal_", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let layers = try json(r.stdout)["layers"] as! [[String: Any]]
    #expect(layers.count == 3)
    #expect(layers[0]["layer"] as? Int == 1)
    for key in ["linear_output_mean", "linear_output_std", "activation_std", "dead_fraction", "output_grad_std", "weight_grad_norm"] {
      #expect(layers[0][key] is Double, "\(key)")
    }
    #expect(layers[2]["activation_std"] is NSNull)  // no activation after the last Linear
  }

  @Test func signalText() throws {
    let r = try CommandRunner.run(["lab", "signal", "--depth", "4", "--width", "32", "--batch", "64"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Per-layer variance factor of the Linear outputs: expected s·½ = 2·½ = 1"))
  }

  @Test func trainJSON() throws {
    let r = try CommandRunner.run(["lab", "train", "--dataset", "spirals", "--depth", "2", "--width", "8", "--epochs", "2", "--batch-size", "200", "--init", "default", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let object = try json(r.stdout)
    let epochs = object["epochs"] as! [[String: Any]]
    #expect(epochs.map { $0["epoch"] as? Int } == [1, 2])
    #expect(epochs[1]["test_accuracy"] is Double && epochs[1]["train_loss"] is Double)
    let final = object["final"] as! [String: Any]
    #expect(final["diverged"] as? Bool == false)
  }

  @Test func trainReportsDivergence() throws {
    let r = try CommandRunner.run(["lab", "train", "--depth", "5", "--width", "32", "--lr", "2", "--epochs", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("diverged at step 7 (epoch 1): loss is"))
  }

  @Test func trainOnCSV() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let csv = directory.appendingPathComponent("points.csv")
    let rows = (0..<60).map { i in "\(Double(i) / 10),\(Double(i % 7)),\(i % 2)" }
    try Data(("x,y,label\n" + rows.joined(separator: "\n")).utf8).write(to: csv)
    let r = try CommandRunner.run(["lab", "train", "--data", csv.path, "--target", "label", "--depth", "2", "--width", "8", "--epochs", "1", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect((try json(r.stdout)["dataset"] as? String) == "points.csv")
  }

  @Test func compareWritesTheReport() throws {
    let directory = try CommandRunner.temporaryDirectory().appendingPathComponent("report")
    let r = try CommandRunner.run([
      "lab", "compare", "--activations", "relu,tanh", "--depths", "2", "--inits", "xavier_uniform_()", "default",
      "--width", "8", "--epochs", "1", "--batch-size", "200", "--dataset", "spirals", "--signal-batch", "16", "--output", directory.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty, "no progress bar when not a terminal")
    #expect(r.stdout.contains("Report: \(directory.path)/report.html"))
    for file in ["report.html", "report.md", "results.json", "signal-relu.svg", "loss-tanh.svg"] {
      #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
    }
  }

  struct BadCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var mentions: [String]
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let badCases: [BadCase] = [
    BadCase(arguments: ["lab", "signal", "--activation", "relu6"], mentions: ["--activation", "relu6", "'relu', 'leaky_relu', 'tanh' or 'sigmoid'"]),
    BadCase(arguments: ["lab", "signal", "--depth", "0"], mentions: ["--depth", "at least 1", "got 0"]),
    BadCase(arguments: ["lab", "signal", "--init", "kaiming_uniform_(mode='fan_avg')"], mentions: ["--init", "fan_avg"]),
    BadCase(arguments: ["lab", "train", "--depth", "0"], mentions: ["--depth", "got 0"]),
    BadCase(arguments: ["lab", "train", "--lr", "0"], mentions: ["--lr", "> 0", "got 0.0"]),
    BadCase(arguments: ["lab", "train", "--lr", "-0.5"], mentions: ["--lr", "> 0", "-0.5"]),
    BadCase(arguments: ["lab", "train", "--activation", "swish"], mentions: ["swish"]),
    BadCase(arguments: ["lab", "train", "--dataset", "mnist"], mentions: ["--dataset", "mnist"]),
    BadCase(arguments: ["lab", "train", "--optimizer", "rmsprop"], mentions: ["rmsprop", "--optimizer", "'sgd' and 'adam'"]),
    BadCase(arguments: ["lab", "train", "--data", "/nonexistent/file.csv"], mentions: ["--data", "/nonexistent/file.csv", "no such file"]),
    BadCase(arguments: ["lab", "compare", "--depths", "5,0"], mentions: ["--depths", "'0'"]),
    BadCase(arguments: ["lab", "compare", "--activations", "relu,cube"], mentions: ["--activations", "cube"]),
    BadCase(arguments: ["lab", "--lr", "-1"], mentions: ["--lr", "-1"]),
  ]

  @Test(arguments: badCases) func failsWithOneClearLine(_ c: BadCase) throws {
    let r = try CommandRunner.run(c.arguments)
    #expect(r.status != 0)
    #expect(r.status < 128, "crashed: \(r.stderr)")
    let message = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!message.contains("\n"), "one line: \(message)")
    for word in c.mentions { #expect(message.contains(word), "\(message)") }
  }

  @Test(arguments: [
    ("x,label\n1,0\n2,zero\n3,1\n4,0\n5,1\n", ["line 3", "column 'label'", "'zero' is not a number"]),
    ("x,y\n1,0\n2,1\n3,1\n4,0\n5,1\n", ["no column named 'label'"]),
    ("x,label\n1,0\n2,1,5\n3,1\n4,0\n5,1\n", ["line 3", "3 fields"]),
    ("", ["empty"]),
  ])
  func badCSV(_ text: String, _ mentions: [String]) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let csv = directory.appendingPathComponent("bad.csv")
    try Data(text.utf8).write(to: csv)
    let r = try CommandRunner.run(["lab", "train", "--data", csv.path, "--target", "label", "--epochs", "1"])
    #expect(r.status != 0 && r.status < 128)
    let message = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!message.contains("\n"), "\(message)")
    for word in mentions + [csv.path] { #expect(message.contains(word), "\(message)") }
  }
}
