import Foundation
import NNInit

extension Init {
  /// `nninit init --hf-config config.json --output-dir DIR`: declare the model the config describes
  /// and stream a checkpoint of it, in transformers' layout, into `DIR` (atomically, in bounded memory),
  /// with the simple default init (transformers' `_init_weights`: normal(0, initializer_range), zero
  /// biases, unit norms) drawn by the position-addressed Philox generator.
  func runHF() throws {
    guard let configPath = hf.hfConfig else { return }
    if !initPlan.isEmpty {
      throw CLIError(
        "--init/--plan/--weight-init/--bias-init do not apply to --hf-config yet (its init is transformers' default _init_weights)")
    }
    if model != nil || modelFile != nil || !freeParameters.isEmpty {
      throw CLIError("give either --hf-config or --model/--model-file, not both")
    }
    if shardDim != nil || shardIndex != nil || shardCount != nil { throw CLIError("--shard-* do not apply to --hf-config") }
    if output != nil { throw CLIError("--hf-config writes a checkpoint directory: give --output-dir DIR instead of --output") }
    guard options.generator == .philox else {
      throw CLIError(
        "--hf-config needs --generator philox (bit parity with transformers' from_config under the torch generator is not implemented)")
    }
    guard let outputDir = hf.outputDir else {
      throw CLIError("--hf-config: give --output-dir DIR (nninit show --hf-config lists the tensors without writing)")
    }
    let maxShardSize = try hf.maxShardSizeBytes()
    let model = try HFOptions.model(configPath: configPath, dtype: options.dtypeName)
    keepChunkBuffersInTheHeap()
    let destination = URL(fileURLWithPath: outputDir)
    let shards = HFShardPlan(model: model, maxShardSize: maxShardSize)
    let progress = WriteProgress(totalBytes: shards.totalSize, label: destination.lastPathComponent)
    do {
      try HFCheckpointWriter.write(
        model, to: destination, maxShardSize: maxShardSize, generator: PhiloxGenerator(seed: options.seed)
      ) { progress?.advance(byBytes: $0) }
      progress?.finish()
    } catch {
      progress?.abandon()
      throw CLIError(option: error is ParameterInitError ? "--hf-config" : "--output-dir", error)
    }
    print(
      "\(outputDir): \(model.architecture.causalLMClass), \(model.parameterCount) parameters, \(model.dtype.rawValue), "
        + "\(shards.shards.count) weights file\(shards.isSharded ? "s" : "") (\(shards.totalSize) bytes)")
  }
}
