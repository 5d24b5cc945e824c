/// One tensor's record in a safetensors header: name, stored dtype, shape and byte range.
public struct SafeTensorsEntry: Sendable, Equatable {
  /// The tensor's name (a state-dict key such as `layer.0.weight`).
  public let name: String
  /// How the elements are stored.
  public let dtype: SafeTensorsDType
  /// The tensor's shape; `[]` for a 0-d tensor.
  public let shape: [Int]
  /// The byte range in the data buffer (`data_offsets`), relative to the buffer's start.
  public let dataOffsets: Range<Int>

  /// Number of elements (the shape's product; 1 for a 0-d tensor).
  public var elementCount: Int { dataOffsets.count / dtype.byteCount }
}

/// A safetensors header: the entries in data-buffer order and the `__metadata__` strings.
///
/// Building one from names, dtypes and shapes lays the tensors out back to back in the given order,
/// which is what ``SafeTensorsWriter`` needs before any data exists.
public struct SafeTensorsHeader: Sendable, Equatable {
  /// The largest header the `safetensors` crate accepts (`MAX_HEADER_SIZE`, 100 MB).
  public static let maxHeaderLength = 100_000_000

  /// The entries, ordered by data offset.
  public private(set) var entries: [SafeTensorsEntry]
  /// The free-form string metadata (`__metadata__`), e.g. `["format": "pt"]`.
  public var metadata: [String: String]

  /// Total bytes of the data buffer.
  public var dataByteCount: Int { entries.last?.dataOffsets.upperBound ?? 0 }

  /// Lays out tensors back to back in the given order.
  ///
  /// - Throws: ``SafeTensorsError/duplicateName(_:)``, ``SafeTensorsError/reservedName(_:)``,
  ///   ``SafeTensorsError/negativeDimension(name:shape:)`` or ``SafeTensorsError/shapeOverflow(name:shape:)``.
  public init(
    _ tensors: [(name: String, dtype: SafeTensorsDType, shape: [Int])], metadata: [String: String] = [:]
  ) throws(SafeTensorsError) {
    var names = Set<String>()
    var offset = 0
    entries = []
    entries.reserveCapacity(tensors.count)
    for (name, dtype, shape) in tensors {
      guard name != "__metadata__" else { throw .reservedName(name) }
      guard names.insert(name).inserted else { throw .duplicateName(name) }
      let byteCount = try Self.byteCount(name: name, dtype: dtype, shape: shape)
      let (end, overflow) = offset.addingReportingOverflow(byteCount)
      guard !overflow else { throw .shapeOverflow(name: name, shape: shape) }
      entries.append(SafeTensorsEntry(name: name, dtype: dtype, shape: shape, dataOffsets: offset..<end))
      offset = end
    }
    self.metadata = metadata
  }

  /// Entries already validated by the reader.
  init(validatedEntries: [SafeTensorsEntry], metadata: [String: String]) {
    entries = validatedEntries
    self.metadata = metadata
  }

  /// The entry named `name`, if any.
  public func entry(named name: String) -> SafeTensorsEntry? {
    entries.first { $0.name == name }
  }

  /// The bytes that precede the data buffer: the u64 little-endian length, then the JSON header padded
  /// with spaces to a multiple of 8 bytes.
  ///
  /// The JSON is compact with `__metadata__` first (its keys sorted), then the entries in offset order,
  /// each as `{"dtype":…,"shape":…,"data_offsets":…}` — byte for byte what `safetensors.torch.save_file`
  /// writes for the same layout.
  public func encoded() -> [UInt8] {
    var members: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.sorted { $0.key < $1.key }.map { _jsonQuoted($0.key) + ":" + _jsonQuoted($0.value) }
      members.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
    }
    for entry in entries {
      let shape = entry.shape.map(String.init).joined(separator: ",")
      let offsets = "\(entry.dataOffsets.lowerBound),\(entry.dataOffsets.upperBound)"
      members.append(
        _jsonQuoted(entry.name) + ":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offsets)]}")
    }
    var json = Array(("{" + members.joined(separator: ",") + "}").utf8)
    json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + json.count)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: json)
    return bytes
  }

  /// Shape product × dtype size (elements first, like the crate), checked for negative dimensions and overflow.
  static func byteCount(name: String, dtype: SafeTensorsDType, shape: [Int]) throws(SafeTensorsError) -> Int {
    guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(name: name, shape: shape) }
    var elements = 1
    for dimension in shape {
      let (next, overflow) = elements.multipliedReportingOverflow(by: dimension)
      guard !overflow else { throw .shapeOverflow(name: name, shape: shape) }
      elements = next
    }
    let (bytes, overflow) = elements.multipliedReportingOverflow(by: dtype.byteCount)
    guard !overflow else { throw .shapeOverflow(name: name, shape: shape) }
    return bytes
  }
}
