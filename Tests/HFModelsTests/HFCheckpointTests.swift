import Foundation
import Interop
import RandomModule
import TensorModule
import TestSupport
import Testing

@testable import HFModels

/// The checkpoint directory: files, layout, values, sharding, atomicity.
@Suite struct HFCheckpointTests {
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-hf-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func tiny(_ name: String, dtype: HFDType? = nil) throws -> HFModel {
    try HFModel(config: HFConfig(contentsOf: Fixtures.url("hf/tiny/\(name).json")), dtype: dtype)
  }

  static func tensors(in directory: URL) throws -> [String: (entry: SafeTensorsEntry, tensor: Tensor, file: String)] {
    var result: [String: (entry: SafeTensorsEntry, tensor: Tensor, file: String)] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".safetensors") {
      let file = try SafeTensors.read(contentsOf: directory.appendingPathComponent(name))
      #expect(file.metadata == ["format": "pt"])
      for entry in file.entries { result[entry.name] = (entry, try file.tensor(named: entry.name), name) }
    }
    return result
  }

  @Test func writesTransformersLayout() throws {
    let parent = try Self.temporaryDirectory()
    let destination = parent.appendingPathComponent("llama")
    let model = try Self.tiny("llama")
    try HFCheckpointWriter.write(model, to: destination, generator: PhiloxGenerator(seed: 7))
    #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted() == ["config.json", "model.safetensors"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["llama"])  // no temporary left
    let tensors = try Self.tensors(in: destination)
    #expect(Set(tensors.keys) == Set(model.parameters.map(\.name)))
    for parameter in model.parameters {
      let stored = try #require(tensors[parameter.name])
      #expect(stored.entry.shape == parameter.shape && stored.entry.dtype == .f32)
      let values = try #require(stored.tensor.floats)
      switch parameter.initializer {
      case .ones: #expect(values.allSatisfy { $0 == 1 })
      case .zeros: #expect(values.allSatisfy { $0 == 0 })
      case .normal(_, let std):
        let (mean, variance) = sampleMoments(values.map(Double.init))
        let n = Double(values.count)
        #expect(abs(mean) < 6 * std / n.squareRoot(), "\(parameter.name) mean \(mean)")
        #expect(abs(variance.squareRoot() / std - 1) < 6 / (2 * n).squareRoot(), "\(parameter.name) std \(variance.squareRoot())")
      default: Issue.record("unexpected init \(parameter.initializer)")
      }
    }
    let config = try HFConfig(contentsOf: destination.appendingPathComponent("config.json"))
    #expect(config["dtype"] == .string("float32") && config["torch_dtype"] == .string("float32"))
    #expect(config["architectures"] == .array([.string("LlamaForCausalLM")]))
    #expect(config["vocab_size"] == .int(128) && config["initializer_range"] == .double(0.02))
  }

  /// bfloat16/float16 checkpoints hold the float32 checkpoint's values rounded to nearest even.
  @Test(arguments: [HFDType.bfloat16, .float16]) func halfPrecisionIsRoundedFloat32(_ dtype: HFDType) throws {
    let parent = try Self.temporaryDirectory()
    try HFCheckpointWriter.write(Self.tiny("qwen2"), to: parent.appendingPathComponent("f32"), generator: PhiloxGenerator(seed: 3))
    try HFCheckpointWriter.write(
      Self.tiny("qwen2", dtype: dtype), to: parent.appendingPathComponent("half"), generator: PhiloxGenerator(seed: 3))
    let full = try Self.tensors(in: parent.appendingPathComponent("f32"))
    let half = try SafeTensors.read(contentsOf: parent.appendingPathComponent("half/model.safetensors"))
    for entry in half.entries {
      #expect(entry.dtype == dtype.safeTensorsDType)
      let reference = try #require(full[entry.name])
      let expected = try #require(reference.tensor.floats).map {
        dtype == .bfloat16 ? HalfPrecision.bfloat16Bits($0) : HalfPrecision.float16Bits($0)
      }
      let raw = Array(half.rawBytes(for: entry))
      let stored = stride(from: 0, to: raw.count, by: 2).map { UInt16(raw[$0]) | UInt16(raw[$0 + 1]) << 8 }
      #expect(stored == expected, "\(entry.name)")
    }
    let config = try HFConfig(contentsOf: parent.appendingPathComponent("half/config.json"))
    #expect(config["dtype"] == .string(dtype.rawValue))
  }

  @Test func paddingRowIsZero() throws {
    let destination = try Self.temporaryDirectory().appendingPathComponent("out")
    try HFCheckpointWriter.write(Self.tiny("phi3"), to: destination, generator: PhiloxGenerator(seed: 1))
    let embedding = try #require(try Self.tensors(in: destination)["model.embed_tokens.weight"]).tensor.floats ?? []
    #expect(embedding[0..<64].allSatisfy { $0 == 0 })  // pad_token_id 0, hidden 64
    #expect(embedding[64..<128].contains { $0 != 0 })
  }

  /// Values depend on the seed and the tensor's name only: sharding changes the files, not the values.
  @Test func shardedCheckpointHasTheSameValuesAndAnIndex() throws {
    let parent = try Self.temporaryDirectory()
    let model = try Self.tiny("llama")
    try HFCheckpointWriter.write(model, to: parent.appendingPathComponent("one"), generator: PhiloxGenerator(seed: 5))
    try HFCheckpointWriter.write(
      model, to: parent.appendingPathComponent("many"), maxShardSize: 100_000, generator: PhiloxGenerator(seed: 5))
    let one = try Self.tensors(in: parent.appendingPathComponent("one"))
    let many = try Self.tensors(in: parent.appendingPathComponent("many"))
    #expect(Set(many.values.map(\.file)) == ["model-00001-of-00004.safetensors", "model-00002-of-00004.safetensors",
      "model-00003-of-00004.safetensors", "model-00004-of-00004.safetensors"])
    for (name, value) in one { #expect(bits(value.tensor) == bits(try #require(many[name]).tensor), "\(name)") }
    let index = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: parent.appendingPathComponent("many/model.safetensors.index.json")))
        as? [String: Any])
    let weightMap = try #require(index["weight_map"] as? [String: String])
    #expect(weightMap == many.mapValues(\.file))
    let metadata = try #require(index["metadata"] as? [String: Int])
    #expect(metadata == ["total_parameters": 78_144, "total_size": 78_144 * 4])
  }

  /// huggingface_hub's split: in order, a new file when the next tensor would exceed the limit, a
  /// tensor above the limit alone — appended at once, so before the file still being filled
  /// (`shard_list.append({key: tensor})` in `split_state_dict_into_shards_factory`).
  @Test func shardSplitFollowsHuggingFaceHub() throws {
    let sizes = [6, 6, 2, 6, 2, 2, 11]  // in float32 elements; limit 10 elements = 40 bytes
    let parameters = sizes.enumerated().map { HFParameter(name: "t\($0)", shape: [$1], initializer: .zeros) }
    let model = try HFModel(config: HFConfig(fields: [:]), architecture: .llama, parameters: parameters, dtype: .float32)
    let plan = HFShardPlan(model: model, maxShardSize: 40)
    #expect(plan.shards.map { $0.parameters.map(\.name) } == [["t0"], ["t1", "t2"], ["t6"], ["t3", "t4", "t5"]])
    #expect(plan.shards.map(\.fileName).last == "model-00004-of-00004.safetensors")
    #expect(plan.totalSize == 35 * 4)
    let index = String(decoding: plan.indexJSON(totalParameters: 35), as: UTF8.self)
    #expect(index.hasPrefix("{\n  \"metadata\": {\n    \"total_parameters\": 35,\n    \"total_size\": 140\n  },\n  \"weight_map\": {\n    \"t0\": \"model-00001-of-00004.safetensors\","))
    #expect(index.hasSuffix("}\n}\n"))
  }

  @Test func sizesParseAsHuggingFaceHubDoes() {
    #expect(HFShardPlan.parseSize("5GB") == 5_000_000_000)
    #expect(HFShardPlan.parseSize("500MB") == 500_000_000)
    #expect(HFShardPlan.parseSize("1.5kb") == 1500)
    #expect(HFShardPlan.parseSize("123") == 123)
    for bad in ["", "GB", "5GiB", "-5GB", "0", "five", "5 PB"] { #expect(HFShardPlan.parseSize(bad) == nil, "\(bad)") }
  }

  @Test func refusesAnExistingDestination() throws {
    let destination = try Self.temporaryDirectory()
    let keep = destination.appendingPathComponent("keep.txt")
    try Data("mine".utf8).write(to: keep)
    #expect(throws: HFCheckpointError.destinationExists(path: destination.standardizedFileURL.path)) {
      try HFCheckpointWriter.write(Self.tiny("llama"), to: destination, generator: PhiloxGenerator(seed: 0))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path) == ["keep.txt"])
  }

  @Test func replacesAnEmptyDirectory() throws {
    let destination = try Self.temporaryDirectory()
    try HFCheckpointWriter.write(Self.tiny("gpt2"), to: destination, generator: PhiloxGenerator(seed: 0))
    #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted() == ["config.json", "model.safetensors"])
  }

  /// A failure after some files are written leaves no directory and no temporary behind.
  @Test func failureLeavesNothing() throws {
    let parent = try Self.temporaryDirectory()
    let parameters = [
      HFParameter(name: "fine", shape: [1000], initializer: .normal(mean: 0, std: 1)),
      HFParameter(name: "broken", shape: [4], initializer: .eye),  // eye_ needs 2 dimensions
    ]
    let model = HFModel(config: HFConfig(fields: [:]), architecture: .llama, parameters: parameters, dtype: .float32)
    #expect(throws: (any Error).self) {
      try HFCheckpointWriter.write(model, to: parent.appendingPathComponent("out"), maxShardSize: 4000, generator: PhiloxGenerator(seed: 0))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
  }
}
