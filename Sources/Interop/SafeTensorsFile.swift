import TensorModule

/// A validated safetensors file in memory: its entries in data order, its metadata, and the bytes
/// from which ``tensor(named:)`` decodes tensors on demand.
///
/// Mirrors `safetensors.safe_open(…, framework="pt")`: `keys()` is ``names``, `metadata()` is
/// ``metadata`` and `get_tensor(name)` is ``tensor(named:)``.
public struct SafeTensorsFile: Sendable {
  /// The parsed header.
  public let header: SafeTensorsHeader
  private let bytes: [UInt8]
  private let dataStart: Int

  /// Parses and validates a whole file's bytes.
  ///
  /// - Throws: ``SafeTensorsError`` describing the first problem found.
  public init(bytes: [UInt8]) throws(SafeTensorsError) {
    (header, dataStart) = try SafeTensorsHeader.decode(from: bytes)
    self.bytes = bytes
  }

  /// The entries ordered by data offset (the order they were written in).
  public var entries: [SafeTensorsEntry] { header.entries }
  /// The tensor names in data order.
  public var names: [String] { header.entries.map(\.name) }
  /// The `__metadata__` strings (empty if the file has none).
  public var metadata: [String: String] { header.metadata }

  /// The entry named `name`, if any.
  public func entry(named name: String) -> SafeTensorsEntry? { header.entry(named: name) }

  /// The tensor named `name`: `F32`/`F16`/`BF16` decode to `float32` (exactly), `F64` to `float64`,
  /// `I64` to `int64`.
  ///
  /// - Throws: ``SafeTensorsError/tensorNotFound(name:)``.
  public func tensor(named name: String) throws -> Tensor {
    guard let entry = header.entry(named: name) else { throw SafeTensorsError.tensorNotFound(name: name) }
    return try tensor(for: entry)
  }

  /// Every tensor in data order (`safetensors.torch.load_file`).
  public func tensors() throws -> [(name: String, tensor: Tensor)] {
    try header.entries.map { ($0.name, try tensor(for: $0)) }
  }

  /// The stored bytes of an entry, little-endian as in the file.
  public func rawBytes(for entry: SafeTensorsEntry) -> ArraySlice<UInt8> {
    bytes[(dataStart + entry.dataOffsets.lowerBound)..<(dataStart + entry.dataOffsets.upperBound)]
  }

  private func tensor(for entry: SafeTensorsEntry) throws -> Tensor {
    try _LittleEndian.tensor(rawBytes(for: entry), as: entry.dtype, shape: entry.shape)
  }
}
