import Foundation
import Interop
import Layers
import RandomModule

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes an ``HFModel`` as a checkpoint directory `AutoModelForCausalLM.from_pretrained` loads:
/// `config.json`, the weights as `model.safetensors` or `model-0000i-of-0000N.safetensors` +
/// `model.safetensors.index.json` (``HFShardPlan``), each safetensors file with
/// `__metadata__ = {"format": "pt"}` as `save_pretrained` writes.
///
/// Streamed in bounded memory (each tensor chunk by chunk through
/// `MaterializationPlan.materialize`, converted to the checkpoint's dtype as it is written), and
/// atomic: everything goes to a hidden directory next to the destination (`.NAME.<UUID>.tmp`) that
/// is renamed into place only once every file is complete, and deleted on any error — so the
/// destination either appears whole or not at all. An existing destination is never overwritten
/// (an empty directory is replaced).
public enum HFCheckpointWriter {
  /// Writes `model` to `directory`, the values drawn by `generator` (each tensor from the generator
  /// keyed by its name, so they never depend on the sharding, the chunk size or the thread count).
  ///
  /// - Parameters:
  ///   - model: the declared model.
  ///   - directory: the checkpoint directory to create.
  ///   - maxShardSize: the largest weights file in bytes (``HFShardPlan``).
  ///   - generator: the position-addressed generator the values come from.
  ///   - progress: called with the bytes written after each chunk.
  /// - Throws: ``HFCheckpointError``, or what writing a file throws (`InteropFileError`,
  ///   `ParameterInitError`).
  public static func write(
    _ model: HFModel, to directory: URL, maxShardSize: Int = HFShardPlan.defaultMaxShardSize,
    generator: any PositionAddressedGenerator, progress: (Int) -> Void = { _ in }
  ) throws {
    let destination = directory.standardizedFileURL
    try checkDestination(destination)
    let temporary = destination.deletingLastPathComponent()
      .appendingPathComponent("." + destination.lastPathComponent + "." + UUID().uuidString + ".tmp")
    guard mkdir(temporary.path, 0o755) == 0 else {
      throw HFCheckpointError.cannotCreate(path: destination.path, reason: lastErrorReason())
    }
    do {
      try writeFiles(model, in: temporary, maxShardSize: maxShardSize, generator: generator, progress: progress)
      guard rename(temporary.path, destination.path) == 0 else {
        throw HFCheckpointError.cannotMove(path: destination.path, reason: lastErrorReason())
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  private static func writeFiles(
    _ model: HFModel, in directory: URL, maxShardSize: Int, generator: any PositionAddressedGenerator, progress: (Int) -> Void
  ) throws {
    try writeSmallFile(model.checkpointConfigJSON(), to: directory.appendingPathComponent("config.json"))
    let shards = HFShardPlan(model: model, maxShardSize: maxShardSize)
    for shard in shards.shards {
      let header = try SafeTensorsHeader(
        shard.parameters.map { ($0.name, model.storedDType(of: $0), $0.shape) }, metadata: ["format": "pt"])
      let writer = try SafeTensorsWriter(header: header, to: directory.appendingPathComponent(shard.fileName))
      let bytesPerElement = Dictionary(uniqueKeysWithValues: header.entries.map { ($0.name, $0.dtype.byteCount) })
      do {
        try model.plan(of: shard.parameters).materialize(generator: generator) { entry, chunk in
          try writer.append(chunk)
          progress(chunk.count * (bytesPerElement[entry.key] ?? 0))
        }
        try writer.finish()
      } catch {
        writer.cancel()
        throw error
      }
    }
    if shards.isSharded {
      try writeSmallFile(
        shards.indexJSON(totalParameters: model.parameterCount),
        to: directory.appendingPathComponent("model.safetensors.index.json"))
    }
  }

  /// Refuses a destination that exists and is not an empty directory.
  private static func checkDestination(_ destination: URL) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
    let contents = isDirectory.boolValue ? (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) : nil
    guard let contents, contents.isEmpty else { throw HFCheckpointError.destinationExists(path: destination.path) }
  }

  private static func writeSmallFile(_ bytes: [UInt8], to url: URL) throws {
    do {
      try Data(bytes).write(to: url)
    } catch {
      throw HFCheckpointError.cannotWrite(path: url.path, reason: (error as NSError).localizedDescription)
    }
  }

  private static func lastErrorReason() -> String { String(cString: strerror(errno)) }
}
