import Foundation
import NNInit
import TestSupport
import Testing

/// `nninit init`, `fill` and `show` run as a user would, compared with PyTorch's fixtures: without
/// `--torch-kernels`, those of the PyTorch wheels for this machine (`Fixtures.torchPlatformCapability`).
@Suite struct InitCommandTests {
  @Test func missionExamplePrintsAndWritesPyTorchsModel() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("model.safetensors")
    let result = try CommandRunner.run([
      "init", "--model", "Linear(10, 5), Linear(5, 1)", "--seed", "42", "--print", "--output", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try Fixtures.json("torch/\(Fixtures.torchPlatformCapability)/models.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    let reference = try #require(cases.first { $0["spec"] as? String == "Linear(10, 5), Linear(5, 1)" && $0["seed"] as? Int == 42 })
    let id = try #require(reference["id"] as? String)
    #expect(result.stdout == (reference["repr"] as? String ?? "") + "\n")
    let written = try SafeTensors.read(contentsOf: output)
    let expected = try Fixtures.safetensors("torch/\(Fixtures.torchPlatformCapability)/models.safetensors")
    #expect(written.names == ["0.weight", "0.bias", "1.weight", "1.bias"])
    for name in written.names {
      #expect(try written.tensor(named: name) == (try expected.tensor(named: "\(id)/\(name)")), "\(name)")
    }
    #expect(written.metadata["format"] == "pt")
  }

  @Test func tutorialLoopMatchesPyTorch() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("simple.safetensors")
    let result = try CommandRunner.run([
      "init", "--model", "Linear(10, 5), Linear(5, 1)", "--seed", "42", "--weight-init",
      "kaiming_uniform_(nonlinearity='relu')", "--bias-init", "zeros_()", "--output", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let written = try SafeTensors.read(contentsOf: output)
    let expected = try Fixtures.safetensors("torch/\(Fixtures.torchPlatformCapability)/tutorial.safetensors")
    for (mine, theirs) in zip(["0.weight", "0.bias", "1.weight", "1.bias"], ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]) {
      #expect(try written.tensor(named: mine) == (try expected.tensor(named: "SimpleNN/\(theirs)")), "\(mine)")
    }
  }

  @Test func fillMatchesPyTorch() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("t.safetensors")
    let result = try CommandRunner.run(["fill", "xavier_uniform_()", "--shape", "20,30", "--seed", "0", "--output", output.path])
    #expect(result.status == 0, "\(result.stderr)")
    let tensor = try SafeTensors.read(contentsOf: output).tensor(named: "tensor")
    // PYTORCH-NOTES CV11: torch.manual_seed(0); xavier_uniform_(torch.empty(20, 30)) starts bb29f7e3.
    #expect(tensor.shape == [20, 30])
    #expect(tensor.floats?.first?.bitPattern == 0xbb29_f7e3)
  }

  /// `--torch-kernels` picks the PyTorch build to match on any machine: `Embedding(20, 8)` (`normal_`, 160
  /// float32 values) differs between the x86-64 AVX wheels and the aarch64 wheel, and each flavor gives
  /// its own fixture's bits.
  @Test(arguments: [("vectorized", "vectorized"), ("arm64", "aarch64")])
  func torchKernelsOptionSelectsThePyTorchBuild(kernels: String, capability: String) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("embedding.safetensors")
    let result = try CommandRunner.run([
      "init", "--model", "Embedding(20, 8)", "--seed", "30", "--torch-kernels", kernels, "--output", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    func reference(_ capability: String) throws -> Tensor {
      let json = try #require(try Fixtures.json("torch/\(capability)/models.json") as? [String: Any])
      let cases = try #require(json["cases"] as? [[String: Any]])
      let entry = try #require(cases.first { $0["spec"] as? String == "Embedding(20, 8)" && $0["dtype"] as? String == "float32" })
      let id = try #require(entry["id"] as? String)
      return try Fixtures.safetensors("torch/\(capability)/models.safetensors").tensor(named: "\(id)/weight")
    }
    #expect(try reference("vectorized") != (try reference("aarch64")))
    #expect(try SafeTensors.read(contentsOf: output).tensor(named: "weight") == (try reference(capability)))
  }

  @Test func showListsEveryParameter() throws {
    let result = try CommandRunner.run(["show", "--model", "Conv2d(3, 16, 3), BatchNorm2d(16)"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("0.weight"))
    #expect(result.stdout.contains("(16, 3, 3, 3)"))
    #expect(result.stdout.contains("kaiming_uniform_(a=2.23606797749979"))
    #expect(result.stdout.contains("1.num_batches_tracked"))
    #expect(result.stdout.contains("total parameters: 480"))
  }

  /// `show` reads declarations only: a 68.7-billion-parameter layer (275 GB in float32) is listed with
  /// its init statistics, which would be impossible if its weight were allocated or drawn.
  @Test func showAllocatesNothingProportionalToTheModel() throws {
    let result = try CommandRunner.run(["show", "--model", "Linear(262144, 262144)"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("(262144, 262144)"))
    #expect(result.stdout.contains("0.001953"))  // bound = 1/√262144 = 1/512
    #expect(result.stdout.contains("total parameters: 68719738880"))
  }
}
