import Foundation
import TestSupport
import Testing

/// `nninit init|show --hf-config`: bad configs and options fail with one line naming the field or
/// option, leaving no output directory; good ones write or list the checkpoint.
@Suite struct HFCommandTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var config: String
    var mentions: [String]
    var testDescription: String { config }
  }

  static let sizes = #""vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 1, "intermediate_size": 8"#

  static let badConfigs: [Case] = [
    Case(config: "{\"model_type\": \"t5\", \(sizes), \"num_attention_heads\": 2}", mentions: ["'model_type'", "t5", "llama, gpt2, mistral"]),
    Case(config: "{\"model_type\": \"llama\", \(sizes)}", mentions: ["'num_attention_heads'", "missing"]),
    Case(config: "{\"model_type\": \"llama\", \(sizes), \"num_attention_heads\": 3}", mentions: ["'num_attention_heads' (3)", "'hidden_size' (16)"]),
    Case(config: "{\"model_type\": \"qwen2\", \(sizes), \"num_attention_heads\": 2, \"num_key_value_heads\": -2}", mentions: ["'num_key_value_heads'", "-2"]),
    Case(config: "{\"model_type\": \"gpt_neox\", \"vocab_size\": 32, \"hidden_size\": 16, \"num_hidden_layers\": -1}", mentions: ["'num_hidden_layers'", "-1"]),
    Case(config: "model_type: llama", mentions: ["not a JSON object"]),
  ]

  /// Runs `arguments` with a config file holding `config` in a fresh directory; returns the result and
  /// the directory.
  static func run(config: String, _ arguments: [String]) throws -> (CommandRunner.Result, URL) {
    let directory = try CommandRunner.temporaryDirectory()
    let path = directory.appendingPathComponent("config.json")
    try Data(config.utf8).write(to: path)
    let result = try CommandRunner.run(arguments.map { $0 == "CONFIG" ? path.path : $0.replacingOccurrences(of: "DIR", with: directory.path) })
    return (result, directory)
  }

  static func expectOneLineFailure(_ result: CommandRunner.Result, mentions: [String]) {
    #expect(result.status != 0 && result.status < 128, "status \(result.status): \(result.stderr)")
    let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!message.isEmpty && !message.contains("\n"), "\(message)")
    for word in mentions { #expect(message.contains(word), "\(message)") }
  }

  @Test(arguments: badConfigs) func badConfigLeavesNoDirectory(_ c: Case) throws {
    let (result, directory) = try Self.run(
      config: c.config, ["init", "--hf-config", "CONFIG", "--generator", "philox", "--output-dir", "DIR/out"])
    Self.expectOneLineFailure(result, mentions: ["--hf-config"] + c.mentions)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["config.json"])
  }

  @Test(arguments: badConfigs) func showRejectsBadConfig(_ c: Case) throws {
    let (result, _) = try Self.run(config: c.config, ["show", "--hf-config", "CONFIG"])
    Self.expectOneLineFailure(result, mentions: c.mentions)
  }

  static let good = "{\"model_type\": \"llama\", \(sizes), \"num_attention_heads\": 2}"

  @Test(arguments: [
    (["--output-dir", "DIR/out"], ["--generator philox"]),
    (["--generator", "philox"], ["--output-dir"]),
    (["--generator", "philox", "--output-dir", "DIR/out", "--dtype", "float64"], ["--dtype float64"]),
    (["--generator", "philox", "--output-dir", "DIR/out", "--max-shard-size", "5GiB"], ["--max-shard-size", "5GiB"]),
    (["--generator", "philox", "--output-dir", "DIR/out", "--weight-init", "zeros_()"], ["--weight-init"]),
    (["--generator", "philox", "--output-dir", "DIR/missing/out"], ["--output-dir", "missing"]),
  ])
  func badOptionsLeaveNoDirectory(_ options: [String], _ mentions: [String]) throws {
    let (result, directory) = try Self.run(config: Self.good, ["init", "--hf-config", "CONFIG"] + options)
    Self.expectOneLineFailure(result, mentions: mentions)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["config.json"])
  }

  @Test func existingDirectoryIsNotClobbered() throws {
    let (result, directory) = try Self.run(config: Self.good, ["init", "--hf-config", "CONFIG", "--generator", "philox", "--output-dir", "DIR"])
    Self.expectOneLineFailure(result, mentions: ["--output-dir", "already exists"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["config.json"])
    #expect(try String(contentsOf: directory.appendingPathComponent("config.json"), encoding: .utf8) == Self.good)
  }

  @Test func halfDTypeNeedsHFConfig() throws {
    let result = try CommandRunner.run(["init", "--model", "Linear(2, 2)", "--dtype", "bfloat16"])
    Self.expectOneLineFailure(result, mentions: ["--dtype bfloat16", "--hf-config"])
  }

  @Test func writesAShardedCheckpoint() throws {
    let (result, directory) = try Self.run(
      config: Self.good,
      ["init", "--hf-config", "CONFIG", "--generator", "philox", "--output-dir", "DIR/out", "--max-shard-size", "2KB", "--dtype", "bfloat16"])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path).sorted()
    #expect(files.contains("config.json") && files.contains("model.safetensors.index.json"))
    let shards = files.filter { $0.hasPrefix("model-") && $0.hasSuffix(".safetensors") }
    #expect(shards.count > 1 && shards.allSatisfy { $0.contains("-of-0000\(shards.count)") }, "\(files)")
    #expect(result.stdout.contains("LlamaForCausalLM") && result.stdout.contains("bfloat16"))
  }

  @Test func showListsEveryTensorAndTheTotal() throws {
    let result = try CommandRunner.run(["show", "--hf-config", Fixtures.url("hf/tiny/gpt2.json").path])
    #expect(result.status == 0, "\(result.stderr)")
    let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("transformer.h.1.mlp.c_proj.weight ") }
    #expect(line?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
      == "transformer.h.1.mlp.c_proj.weight (256, 64) F32 normal_(mean=0.0, std=0.01)")
    #expect(result.stdout.contains("total parameters: 110336"))
  }
}
