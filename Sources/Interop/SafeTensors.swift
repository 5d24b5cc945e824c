import Foundation
import TensorModule

/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
/// (`name → {dtype, shape, data_offsets}` plus optional `__metadata__`), then the raw little-endian data.
///
/// Files written here load with `safetensors.torch.load_file` and then `model.load_state_dict`
/// unchanged; files from `safetensors.torch.save_file` read here.
public enum SafeTensors {
  /// Writes tensors to `url` in the given order, atomically: the file appears complete or not at all.
  ///
  /// Mirrors `safetensors.torch.save_file(tensors, filename, metadata)`, except that the data buffer
  /// keeps the caller's order (the crate sorts by dtype size and name; readers do not care).
  /// - Parameters:
  ///   - tensors: name/tensor pairs, e.g. `model.stateDict()` as it is; names must be unique.
  ///   - url: the file to write; replaced atomically if it exists.
  ///   - metadata: the `__metadata__` strings, e.g. `["format": "pt"]` (`safe_open` needs it for `pt`).
  ///   - storage: the stored type of floating-point tensors (`nil`: `F32`/`F64` as they are); integer
  ///     tensors always stay `I64`.
  /// - Throws: ``SafeTensorsError`` for duplicate/reserved names, ``InteropFileError`` naming the path if
  ///   it cannot be written.
  public static func write(
    _ tensors: [(String, Tensor)], metadata: [String: String] = [:], to url: URL,
    storage: SafeTensorsStorage? = nil
  ) throws {
    let writer = try SafeTensorsWriter(header: header(tensors, metadata: metadata, storage: storage), to: url)
    do {
      for (_, tensor) in tensors { try writer.write(tensor) }
      try writer.finish()
    } catch {
      writer.cancel()
      throw error
    }
  }

  /// The bytes of a safetensors file holding `tensors` (see ``write(_:metadata:to:storage:)``).
  ///
  /// Mirrors `safetensors.torch.save(tensors, metadata)`.
  public static func encode(
    _ tensors: [(String, Tensor)], metadata: [String: String] = [:], storage: SafeTensorsStorage? = nil
  ) throws -> [UInt8] {
    let header = try header(tensors, metadata: metadata, storage: storage)
    var cursor = _SafeTensorsCursor(header)
    var bytes = header.encoded()
    bytes.reserveCapacity(bytes.count + header.dataByteCount)
    for (_, tensor) in tensors { bytes += try cursor.bytes(forWhole: tensor) }
    return bytes
  }

  /// Reads and validates the safetensors file at `url`.
  ///
  /// Mirrors `safetensors.torch.load_file` (tensors decode lazily through ``SafeTensorsFile/tensor(named:)``).
  /// - Throws: ``InteropFileError`` if the file cannot be read, ``SafeTensorsError`` if it is malformed.
  public static func read(contentsOf url: URL) throws -> SafeTensorsFile {
    try SafeTensorsFile(bytes: _readFileBytes(url))
  }

  /// Parses and validates the bytes of a safetensors file (`safetensors.torch.load`).
  ///
  /// - Throws: ``SafeTensorsError``.
  public static func decode(_ bytes: [UInt8]) throws -> SafeTensorsFile {
    try SafeTensorsFile(bytes: bytes)
  }

  /// Parses and validates a safetensors file held in `data` (like the `[UInt8]` overload).
  public static func decode(_ data: Data) throws -> SafeTensorsFile {
    try SafeTensorsFile(bytes: [UInt8](data))
  }

  private static func header(
    _ tensors: [(String, Tensor)], metadata: [String: String], storage: SafeTensorsStorage?
  ) throws(SafeTensorsError) -> SafeTensorsHeader {
    try SafeTensorsHeader(
      tensors.map { name, tensor in (name, SafeTensorsStorage.dtype(for: tensor.dtype, storage: storage), tensor.shape) },
      metadata: metadata)
  }
}
