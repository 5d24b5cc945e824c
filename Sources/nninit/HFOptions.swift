import ArgumentParser
import Foundation
import NNInit

/// The options of `nninit init --hf-config`: a Hugging Face `config.json` in, a checkpoint directory out.
struct HFOptions: ParsableArguments {
  @Option(help: "A Hugging Face config.json: write a random checkpoint of that model (needs --generator philox, --output-dir).")
  var hfConfig: String?

  @Option(help: "With --hf-config: the checkpoint directory to create (must not exist, or be empty).")
  var outputDir: String?

  @Option(help: "With --hf-config: the largest weights file, as save_pretrained takes it: bytes or e.g. 5GB, 500MB (default 50GB).")
  var maxShardSize: String?

  /// Throws when an `--hf-config`-only option is given without `--hf-config`.
  func rejectWithoutConfig() throws {
    if outputDir != nil { throw CLIError("--output-dir goes with --hf-config (a SPEC's state dict is written with --output FILE)") }
    if maxShardSize != nil { throw CLIError("--max-shard-size goes with --hf-config") }
  }

  /// `--max-shard-size` in bytes (transformers' default when not given).
  func maxShardSizeBytes() throws -> Int {
    guard let maxShardSize else { return HFShardPlan.defaultMaxShardSize }
    guard let bytes = HFShardPlan.parseSize(maxShardSize) else {
      throw CLIError("--max-shard-size must be a positive number of bytes or a size like 5GB, 500MB, 10KB (decimal units); got '\(maxShardSize)'")
    }
    return bytes
  }

  /// The model `path` describes, stored as `dtype` (`nil`: the config's dtype).
  static func model(configPath path: String, dtype: DTypeName?) throws -> HFModel {
    var checkpointDType: HFDType?
    if let dtype {
      guard let hfDType = HFDType(rawValue: dtype.rawValue) else {
        throw CLIError("--dtype \(dtype.rawValue): an --hf-config checkpoint is float32, bfloat16 or float16")
      }
      checkpointDType = hfDType
    }
    do {
      return try HFModel(config: HFConfig(contentsOf: URL(fileURLWithPath: path)), dtype: checkpointDType)
    } catch {
      throw CLIError("--hf-config \(path): \(error)")
    }
  }
}
