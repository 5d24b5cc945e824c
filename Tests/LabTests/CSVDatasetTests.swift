import Foundation
import Lab
import Testing

@Suite struct CSVDatasetTests {
  /// Writes `text` to a fresh temporary file.
  func file(_ text: String, name: String = "data.csv") throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-lab-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  func rows(_ count: Int, _ row: (Int) -> String) -> String { (0..<count).map(row).joined(separator: "\n") }

  @Test func classificationWithHeader() throws {
    let url = try file("a,b,label\n" + rows(20) { "\($0),\(Double($0) * 0.5),\($0 % 3 == 0 ? 7 : 2)" } + "\n\n")
    let data = try LabDataset.csv(contentsOf: url, target: "label")
    #expect(data.task == .classification)
    #expect(data.classCount == 2 && data.classNames == ["2", "7"])
    #expect(data.featureCount == 2)
    #expect(data.train.count == 16 && data.test.count == 4)
    // Standardized by the training split.
    let x = data.train.features.doubles
    let mean = stride(from: 0, to: x.count, by: 2).map { x[$0] }.reduce(0, +) / 16
    #expect(abs(mean) < 1e-5)
  }

  @Test func regressionAndDefaultTarget() throws {
    let url = try file(rows(10) { "\($0),\(Double($0) * 0.37 + 0.01)" })  // no header: columns 0, 1
    let data = try LabDataset.csv(contentsOf: url)
    #expect(data.task == .regression)
    #expect(data.outputCount == 1)
    let forced = try LabDataset.csv(contentsOf: url, target: "0", task: .classification)
    #expect(forced.classCount == 10)
  }

  @Test func quotedFieldsAndCRLF() throws {
    let url = try file("\"x\",\"y\"\r\n" + rows(6) { "\"\($0)\",\($0 % 2)" }.replacingOccurrences(of: "\n", with: "\r\n"))
    let data = try LabDataset.csv(contentsOf: url, target: "y")
    #expect(data.classCount == 2)
  }

  struct BadCase: Sendable, CustomTestStringConvertible {
    var text: String?
    var target: String?
    var mentions: [String]
    var testDescription: String { mentions.joined(separator: " / ") }
  }

  static let badCases: [BadCase] = [
    BadCase(text: nil, target: nil, mentions: ["no such file"]),
    BadCase(text: "", target: nil, mentions: ["empty"]),
    BadCase(text: "a,b\n", target: nil, mentions: ["no data rows"]),
    BadCase(text: "a,b\n1,2\n3,x\n5,6\n7,8\n9,1\n", target: nil, mentions: ["line 3", "column 'b'", "'x' is not a number"]),
    BadCase(text: "a,b\n1,2\n3,\n5,6\n7,8\n9,1\n", target: nil, mentions: ["line 3", "column 'b'", "empty"]),
    BadCase(text: "a,b\n1,2\n3,4,5\n5,6\n7,8\n9,1\n", target: nil, mentions: ["line 3", "3 fields", "expected 2"]),
    BadCase(text: "a,b\n1,2\n3,4\n5,6\n7,8\n9,1\n", target: "label", mentions: ["no column named 'label'", "a, b"]),
    BadCase(text: "a,b\n1,inf\n3,4\n5,6\n7,8\n9,1\n", target: nil, mentions: ["line 2", "not a finite number"]),
    BadCase(text: "a,b\n1,2\n3,4\n", target: nil, mentions: ["2 data rows", "at least 5"]),
    BadCase(text: "label\n1\n2\n3\n4\n5\n6\n", target: nil, mentions: ["1 column"]),
  ]

  @Test(arguments: badCases) func badFiles(_ c: BadCase) throws {
    let url = try c.text.map { try file($0) } ?? URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).csv")
    do {
      _ = try LabDataset.csv(contentsOf: url, target: c.target)
      Issue.record("expected an error")
    } catch let error as LabError {
      let message = error.description
      #expect(message.contains(url.path), "\(message)")
      for word in c.mentions { #expect(message.contains(word), "\(message)") }
      #expect(!message.contains("\n"))
    }
  }
}
