import Foundation
import NNInit
import TestSupport
import Testing

/// `nninit init --generator philox` end to end: the streamed file equals the in-memory philox state
/// dict, `--shard-*` files concatenate to it, and bad shard options fail with one line and no file.
@Suite struct ShardCommandTests {
  static let model = "Linear(10, 7), Embedding(9, 4, padding_idx=2), BatchNorm1d(4), MultiheadAttention(4, 2), Conv1d(4, 5, 3)"

  /// `resetAllParameters(generator: philox)` (+ the weight/bias loop) on an allocated model.
  static func inMemory(seed: Int, weightInit: Initializer? = nil, biasInit: Initializer? = nil) throws -> [(key: String, tensor: Tensor)] {
    let generator = PhiloxGenerator(seed: seed)
    let module = try ModelBuilder(generator: generator).build(model)
    try module.resetAllParameters(generator: generator)
    try module.reinitialize(weight: weightInit, bias: biasInit, generator: generator)
    return module.stateDict()
  }

  static func initialize(_ arguments: [String], in directory: URL, _ name: String) throws -> SafeTensorsFile {
    let output = directory.appendingPathComponent(name)
    let result = try CommandRunner.run(["init", "--model", model, "--generator", "philox"] + arguments + ["--output", output.path])
    #expect(result.status == 0, "\(result.stderr)")
    // stderr is not a terminal: no progress bar; only `note:` lines (parameters no rule touched, replicas).
    #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("note: ") }, "\(result.stderr)")
    return try SafeTensors.read(contentsOf: output)
  }

  @Test func streamedFileEqualsTheInMemoryStateDict() throws {
    let directory = try CommandRunner.temporaryDirectory()
    for (arguments, weightInit, biasInit) in [
      ([String](), Initializer?.none, Initializer?.none),
      (["--weight-init", "trunc_normal_(std=0.02)", "--bias-init", "zeros_()"], .truncNormal(std: 0.02), .zeros),
    ] {
      let file = try Self.initialize(["--seed", "3"] + arguments, in: directory, "full.safetensors")
      let expected = try Self.inMemory(seed: 3, weightInit: weightInit, biasInit: biasInit)
      #expect(file.names == expected.map(\.key))
      #expect(file.metadata["format"] == "pt")
      for (key, tensor) in expected {
        #expect(try bits(file.tensor(named: key)) == bits(tensor), "\(key) \(arguments)")
      }
    }
  }

  @Test(arguments: [(0, 2, "chunk"), (1, 3, "chunk"), (0, 3, "tensor_split"), (1, 3, "tensor_split")])
  func shardFilesConcatenateToTheFullFile(dimension: Int, count: Int, style: String) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let full = try Self.initialize(["--seed", "11"], in: directory, "full.safetensors")
    let shards = try (0..<count).map { index in
      try Self.initialize(
        ["--seed", "11", "--shard-dim", "\(dimension)", "--shard-index", "\(index)", "--shard-count", "\(count)"]
          + (style == "chunk" ? [] : ["--shard-style", style]),
        in: directory, "shard_\(index).safetensors")
    }
    #expect(shards[0].metadata["nninit_shard"] == "dim=\(dimension) index=0 count=\(count) style=\(style)")
    for key in full.names {
      let whole = try full.tensor(named: key)
      let parts = try shards.map { try $0.tensor(named: key) }
      let isBuffer = key.contains("running_") || key.hasSuffix("num_batches_tracked")
      if whole.rank > dimension && !isBuffer {
        #expect(concatenate(parts, along: dimension) == bits(whole), "\(key)")
      } else {
        #expect(parts.allSatisfy { $0 == whole }, "\(key) is replicated")
      }
    }
  }

  /// The same file, byte for byte, for every thread count and every ISA path (`NNINIT_ISA`), including
  /// tensors large enough to be split over the threads and float32 normals (Embedding) and uniforms.
  @Test func filesAreIdenticalForEveryThreadCountAndISA() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let model = "Linear(700, 500), Embedding(1000, 300), " + Self.model
    #if arch(x86_64)
    let isas = ["scalar", "avx2", "avx512"]  // lowered to what the CPU has
    #elseif arch(arm64)
    let isas = ["scalar", "neon"]
    #else
    let isas = ["scalar"]
    #endif
    var reference: Data?
    for isa in isas {
      for threads in [1, 2, 7] {
        let output = directory.appendingPathComponent("\(isa)-\(threads).safetensors")
        let result = try CommandRunner.run(
          ["init", "--model", model, "--generator", "philox", "--seed", "5", "--threads", "\(threads)", "--output", output.path],
          environment: ["NNINIT_ISA": isa])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: output)
        if let reference {
          #expect(bytes == reference, "NNINIT_ISA=\(isa) --threads \(threads) differs")
        } else {
          reference = bytes
        }
      }
    }
  }

  struct BadCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var mentions: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let badCases = [
    BadCase(arguments: ["--shard-dim", "0", "--shard-index", "0", "--shard-count", "2"], mentions: "--shard-* needs --generator philox"),
    BadCase(arguments: ["--generator", "philox", "--shard-count", "2"], mentions: "missing --shard-dim, --shard-index"),
    BadCase(arguments: ["--generator", "philox", "--shard-dim", "0", "--shard-index", "2", "--shard-count", "2"], mentions: "--shard-index: the shard index must be in 0..<2, got 2"),
    BadCase(arguments: ["--generator", "philox", "--shard-dim", "0", "--shard-index", "0", "--shard-count", "0"], mentions: "--shard-count"),
    BadCase(arguments: ["--generator", "philox", "--shard-dim=-1", "--shard-index", "0", "--shard-count", "2"], mentions: "--shard-dim"),
    BadCase(arguments: ["--generator", "philox", "--weight-init", "kaiming_uniform_()"], mentions: "'2.weight'"),
    BadCase(arguments: ["--generator", "philox", "--threads", "0"], mentions: "--threads must be at least 1, got 0"),
    BadCase(arguments: ["--generator", "philox", "--shard-style", "chunk"], mentions: "--shard-style goes with --shard-dim"),
    BadCase(
      arguments: ["--generator", "philox", "--shard-dim", "0", "--shard-index", "0", "--shard-count", "2", "--shard-style", "rows"],
      mentions: "--shard-style"),
  ]

  @Test(arguments: badCases)
  func badShardOptionsFailWithOneLineAndNoFile(_ c: BadCase) throws {
    let directory = try CommandRunner.temporaryDirectory()
    let output = directory.appendingPathComponent("out.safetensors")
    let result = try CommandRunner.run(["init", "--model", Self.model, "--seed", "0"] + c.arguments + ["--output", output.path])
    #expect(result.status != 0 && result.status < 128)
    let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(message.contains(c.mentions), "\(message)")
    #expect(!message.contains("\n"), "\(message)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "a file was left behind")
  }

  @Test func aShardNeedsAnOutputFile() throws {
    let result = try CommandRunner.run(
      ["init", "--model", "Linear(4, 4)", "--generator", "philox", "--shard-dim", "0", "--shard-index", "0", "--shard-count", "2"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--output"))
  }
}
