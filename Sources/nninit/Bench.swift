import ArgumentParser
import Foundation
import NNInit

/// `nninit bench`: throughput of the fills and initializers, and an end-to-end ~1B-parameter init.
///
/// Each case runs once to warm up, then ``repetitions`` times; the best time counts. Throughput is
/// elements per second (`melem_per_s`, millions). `Scripts/bench_torch.py` runs the same operations in
/// PyTorch and numpy and prints the ratios; `Docs/Benchmarks.md` says what each case measures.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure fills, initializers and an end-to-end 1B-parameter init (use a release build).",
    discussion: "Example: swift run -c release nninit bench --threads 2 --json")

  @Flag(help: "Print the results as JSON: [{\"name\", \"shape\", \"threads\", \"melem_per_s\", \"seconds\", …}].")
  var json = false

  @OptionGroup var parallelism: ThreadOptions

  @Flag(help: "Skip the end-to-end model.1b case (about 4 GiB written to a temporary directory).")
  var quick = false

  @Option(help: "Timed repetitions per case, after one warm-up run; the best counts.")
  var repetitions = 5

  @Option(help: "Only the cases whose name contains this text, e.g. 'torch.' or 'model.1b'.")
  var filter: String?

  func validate() throws {
    if repetitions < 1 { throw CLIError("--repetitions must be at least 1, got \(repetitions)") }
  }

  func run() throws {
    parallelism.apply()
    let threadCount = Parallel.threadCount
    var results: [BenchResult] = []
    for benchCase in BenchCase.all where filter.map({ benchCase.name.contains($0) }) ?? true {
      let result = try benchCase.measure(repetitions: repetitions, threads: threadCount)
      if !json { print(result.line) }
      results.append(result)
    }
    if filter.map({ "train.step".contains($0) }) ?? true {
      // One SGD step of an MLP (depth 20, width 256, batch 256, ReLU); melem/s counts parameters.
      let timing = try benchmarkTrainingStep(threads: threadCount)
      let parameters = 20 * (256 * 256 + 256)
      let result = BenchResult(
        name: "train.step", shape: [20, 256, 256], threads: threadCount,
        melemPerS: Double(parameters) / timing.median / 1e6, seconds: timing.median,
        detail: "median SGD step, MLP depth 20 width 256 batch 256 ReLU (min \(timing.minimum) s)")
      if !json { print(result.line) }
      results.append(result)
    }
    if !quick && filter.map({ "model.1b".contains($0) }) ?? true {
      let result = try ModelBenchmark.measure(threads: threadCount)
      if !json { print(result.line) }
      results.append(result)
    }
    if json { print("[\n" + results.map { "  " + $0.json }.joined(separator: ",\n") + "\n]") }
  }
}

/// One measured case.
struct BenchResult {
  var name: String
  var shape: [Int]
  var threads: Int
  /// Millions of elements (parameters for model.1b) per second.
  var melemPerS: Double
  /// The best time of one run.
  var seconds: Double
  /// model.1b only: the child process's peak resident set.
  var peakRSSBytes: Int?
  /// What ran, when the name alone does not say it.
  var detail: String?

  /// One JSON object, keys in a fixed order: name, shape, threads, melem_per_s, seconds,
  /// peak_rss_bytes (model.1b), detail.
  var json: String {
    func quoted(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    var fields = [
      "\"name\": \(quoted(name))", "\"shape\": [\(shape.map(String.init).joined(separator: ", "))]", "\"threads\": \(threads)",
      "\"melem_per_s\": \(melemPerS)", "\"seconds\": \(seconds)",
    ]
    if let peakRSSBytes { fields.append("\"peak_rss_bytes\": \(peakRSSBytes)") }
    if let detail { fields.append("\"detail\": \(quoted(detail))") }
    return "{" + fields.joined(separator: ", ") + "}"
  }

  /// A human-readable line: `torch.normal   4096x4096   2 threads   1234.5 M elem/s   13.60 ms`.
  var line: String {
    let shapeText = shape.map(String.init).joined(separator: "x")
    var text = "\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(shapeText.padding(toLength: 12, withPad: " ", startingAt: 0))"
    text += " \(threads) threads  \(String(format: "%9.1f", melemPerS)) M elem/s  \(String(format: "%9.2f", seconds * 1000)) ms"
    if let peakRSSBytes { text += String(format: "  peak RSS %.0f MiB", Double(peakRSSBytes) / 1_048_576) }
    return text
  }
}
