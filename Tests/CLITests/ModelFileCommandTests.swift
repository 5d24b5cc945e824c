import Foundation
import NNInit
import TestSupport
import Testing

/// `nninit init/show --model-file` with `--plan`/`--init`, run as a user would, against the PyTorch
/// fixtures of `Scripts/make_model_text_fixtures.py`.
@Suite struct ModelFileCommandTests {
  static let directory = Fixtures.url("modeltext")
  static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  static func reference(_ name: String) throws -> [String: Any] {
    let json = try #require(try Fixtures.json("modeltext/cases.json") as? [String: Any])
    return try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
  }

  /// The fixture's hex form of ``fnv1a64(_:)``.
  static func hash(_ tensor: Tensor) -> String { String(format: "%016llx", fnv1a64(tensor)) }

  /// The acceptance case: print(torchvision.models.resnet18()) + torchvision's init loop as a plan.
  @Test func resnet18FromItsPrintTextEqualsTorchvision() throws {
    let output = try CommandRunner.temporaryDirectory().appendingPathComponent("resnet18.safetensors")
    let reference = try Self.reference("resnet18")
    let result = try CommandRunner.run([
      "init", "--model-file", Self.path("resnet18.txt"), "--plan", Self.path("resnet18.plan.json"), "--seed", "7", "--print",
      "--output", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout == (reference["repr"] as? String ?? "") + "\n")
    let written = try SafeTensors.read(contentsOf: output)
    let entries = try #require(reference["state"] as? [[String: Any]])
    #expect(written.names == entries.map { $0["key"] as? String ?? "" })
    for entry in entries {
      let key = try #require(entry["key"] as? String)
      #expect(Self.hash(try written.tensor(named: key)) == entry["fnv1a64"] as? String, "\(key)")
    }
  }

  @Test func customGPTWithInitRulesEqualsPyTorch() throws {
    let output = try CommandRunner.temporaryDirectory().appendingPathComponent("gpt.safetensors")
    let result = try CommandRunner.run([
      "init", "--model-file", Self.path("gpt.txt"), "--seed", "7", "--output", output.path,
      "--init", "Linear.weight=normal_(std=0.02)", "--init", "Linear.bias=zeros_()", "--init", "Embedding.weight=normal_(mean=0.0, std=0.02)",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let written = try SafeTensors.read(contentsOf: output)
    let expected = try Fixtures.safetensors("modeltext/gpt.safetensors")
    #expect(written.names == (try Self.reference("gpt_nanogpt")["state"] as? [[String: Any]])?.map { $0["key"] as? String ?? "" })
    #expect(Set(written.names) == Set(expected.names.filter { $0.hasPrefix("gpt_nanogpt/") }.map { String($0.dropFirst("gpt_nanogpt/".count)) }))
    for name in written.names {
      #expect(bits(try written.tensor(named: name)) == bits(try expected.tensor(named: "gpt_nanogpt/\(name)")), "\(name)")
    }
  }

  @Test func philoxPathReadsTheSameModelAndPlan() throws {
    let output = try CommandRunner.temporaryDirectory().appendingPathComponent("gpt.safetensors")
    let result = try CommandRunner.run([
      "init", "--model-file", Self.path("gpt.txt"), "--plan", Self.path("gpt_nanogpt.plan.json"), "--generator", "philox",
      "--output", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let written = try SafeTensors.read(contentsOf: output)
    #expect(written.names == (try Self.reference("gpt_nanogpt")["state"] as? [[String: Any]])?.map { $0["key"] as? String ?? "" })
    #expect(try written.tensor(named: "h.0.attn.c_attn.bias").doubles.allSatisfy { $0 == 0 })
    #expect(try written.tensor(named: "h.0.ln_1.weight").doubles.allSatisfy { $0 == 1 })
  }

  @Test func ruleThatMatchesNothingWarns() throws {
    let result = try CommandRunner.run([
      "init", "--model", "Linear(2, 3), ReLU()", "--init", "Conv2d.weight=zeros_()", "--init", "*.bias=zeros_()", "--init",
      "0.bias=ones_()",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == """
      warning: init rule 1 'Conv2d.weight' matched no parameter
      warning: init rule 3 '0.bias' is never used: every parameter it matches is decided by an earlier rule

      """)
  }

  @Test func showListsTheRuleThatSetEachParameter() throws {
    let result = try CommandRunner.run([
      "show", "--model-file", Self.path("resnet18.txt"), "--plan", Self.path("resnet18.plan.json"), "--init", "GroupNorm.weight=ones_()",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == "warning: init rule 4 'GroupNorm.weight' matched no parameter\n")
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    let conv = try #require(rows.first { $0.first == "layer1.0.conv1.weight" })
    #expect(conv.contains("kaiming_normal_(a=0.0,") && conv.contains("1") && conv.joined(separator: " ").contains("rule 1"))
    let bias = try #require(rows.first { $0.first == "bn1.bias" })
    #expect(bias.joined(separator: " ").contains("constant_(val=0.0) rule 3"))
    let fc = try #require(rows.first { $0.first == "fc.weight" })
    #expect(fc.joined(separator: " ").contains("default"))
    #expect(result.stdout.contains("total parameters: 11689512"))
    #expect(result.stdout.contains("warning: init rule 4 'GroupNorm.weight' matched no parameter"))
  }

  @Test func parameterOptionDeclaresAFreeParameter() throws {
    let result = try CommandRunner.run([
      "show", "--model-file", Self.path("gpt.txt"), "--parameter", "h.1.attn.scale=(4,):ones_()", "--init", "scale=zeros_()",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("h.1.attn.scale ") })
    #expect(row.contains("zeros_()") && row.contains("rule 1"), "\(row)")
    let bad = try CommandRunner.run(["init", "--model", "Linear(2, 2)", "--parameter", "x=(1,):zeros_()"])
    #expect(bad.status != 0)
    #expect(bad.stderr == "Error: --parameter 'x=(1,):zeros_()': a free Parameter belongs to a user's class, not to Linear\n", "\(bad.stderr)")
  }

  /// A framework's defaults by name: generic rules that match nothing stay quiet.
  @Test func builtInFrameworkPlans() throws {
    let output = try CommandRunner.temporaryDirectory().appendingPathComponent("keras.safetensors")
    let result = try CommandRunner.run(["init", "--model", "Embedding(10, 4), Linear(4, 3)", "--plan", "keras", "--output", output.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let written = try SafeTensors.read(contentsOf: output)
    #expect(try written.tensor(named: "1.bias").doubles == [0, 0, 0])
    #expect(try written.tensor(named: "0.weight").doubles.allSatisfy { abs($0) <= 0.05 })
    let show = try CommandRunner.run(["show", "--model", "Linear(4, 3)", "--plan", "flax"])
    #expect(show.stdout.contains("variance_scaling_(scale=1.0, mode='fan_in', distribution='truncated_normal')  rule 2"), "\(show.stdout)")
  }

  @Test(arguments: [
    (["--model-file", "/nonexistent/model.txt"], "--model-file: cannot read /nonexistent/model.txt: no such file"),
    (["--model-file", "/tmp"], "--model-file: cannot read /tmp: not a regular file"),
    (["--model", "Linear(2, 2)", "--model-file", "x"], "--model and --model-file exclude each other"),
    (["--model", "Linear(2, 2)", "--plan", "/nonexistent.json"], "--plan: cannot read /nonexistent.json: no such file"),
    (["--model", "Linear(2, 2)", "--init", "Linear.weight"], "--init: expected RULE=CALL"),
    (["--model", "Linear(2, 2)", "--init", "bias=kaiming_uniform_()"], "--init 'bias=kaiming_uniform_()': kaiming_uniform_"),
  ])
  func badInputIsOneLine(arguments: [String], expected: String) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("out.safetensors")
    let result = try CommandRunner.run(["init"] + arguments + ["--output", output.path])
    #expect(result.status != 0)
    #expect(result.stderr.contains(expected), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test func unsupportedClassNamesClassAndLine() throws {
    let file = try CommandRunner.temporaryDirectory().appendingPathComponent("model.txt")
    try "Net(\n  (fc): Linear(2, 2)\n  (up): Frobnicate(scale=2.0)\n)\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["init", "--model-file", file.path])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("Error: --model-file: model text line 3: module class 'Frobnicate' is not supported"), "\(result.stderr)")
  }
}
