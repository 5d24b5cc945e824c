import Foundation
import Lab
import Testing

@Suite struct ReportTests {
  /// A small grid, fast enough for a debug build: 2 activations × 2 depths × 3 inits on spirals.
  static let result: CompareResult = {
    let config = CompareConfig(
      activations: [.relu, .tanh], depths: [2, 6],
      inits: [try! LabInit(parsing: "kaiming_uniform_(nonlinearity='relu')"), LabInit.tutorialDefaults[3], .pytorchDefault],
      width: 16, signalBatch: 32, epochs: 2, batchSize: 100)
    return try! runComparison(config, on: try! LabDataset.spirals())
  }()

  @Test func resultsCoverTheGrid() {
    let r = ReportTests.result
    #expect(r.signal.count == 12 && r.training.count == 12)
    for cell in r.config.cells {
      #expect(r.signal(cell.activation, cell.depth, cell.initialization)?.layers.count == cell.depth)
      #expect(r.training(cell.activation, cell.depth, cell.initialization) != nil)
    }
  }

  @Test func writesSelfContainedFiles() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-lab-report-\(UUID().uuidString)/nested")
    let files = try LabReport.write(ReportTests.result, to: directory)
    let html = try String(contentsOf: files.html, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.components(separatedBy: "<svg").count - 1 == 6)  // signal, gradients, loss × 2 activations
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=") && !html.contains("<link"))
    // The only URL is the SVG namespace.
    #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http") == false)
    #expect(html.contains("What this shows."))
    #expect(html.contains("Theory beside measurement"))
    let markdown = try String(contentsOf: files.markdown, encoding: .utf8)
    #expect(markdown.contains("![ReLU: std of each Linear layer's output](signal-relu.svg)"))
    #expect(files.charts.count == 6)
    for chart in files.charts { #expect(FileManager.default.fileExists(atPath: chart.path)) }
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: files.json)) as! [String: Any]
    #expect((json["signal"] as! [Any]).count == 12)
    let layer = ((json["signal"] as! [[String: Any]])[0]["layers"] as! [[String: Any]])[0]
    for key in ["layer", "linear_output_mean", "linear_output_std", "activation_std", "dead_fraction", "output_grad_std", "weight_grad_norm"] {
      #expect(layer.keys.contains(key), "\(key)")
    }
  }

  @Test func conclusionsComeFromTheNumbers() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-lab-report-\(UUID().uuidString)")
    let html = try String(contentsOf: LabReport.write(ReportTests.result, to: directory).html, encoding: .utf8)
    // constant_(0.5) with ReLU grows by c·fan_in = 8 per layer at width 16; the conclusion says it grew.
    #expect(html.contains("It grew under constant_(0.5)"))
    #expect(html.contains("kaiming_uniform_(relu) ("))
  }

  @Test func reportDirectoryErrors() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-lab-file-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    #expect(throws: LabError.self) { try LabReport.prepare(file) }
  }
}
