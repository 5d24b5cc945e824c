extension SafeTensorsHeader {
  /// Parses and validates the header at the start of a safetensors file.
  ///
  /// Checks, in order: the 8-byte length prefix, the length against the 100 MB limit and the file size,
  /// UTF-8, JSON, then every entry (dtype, shape, `data_offsets`, byte count) and finally that the byte
  /// ranges tile the data buffer exactly, as `safetensors::SafeTensors::read_metadata` does.
  ///
  /// - Returns: the header (entries sorted by offset; ties keep file order) and where the data begins.
  /// - Throws: ``SafeTensorsError``.
  static func decode(from file: [UInt8]) throws(SafeTensorsError) -> (header: SafeTensorsHeader, dataStart: Int) {
    guard file.count >= 8 else { throw .fileTooShort(byteCount: file.count) }
    var length: UInt64 = 0
    for i in (0..<8).reversed() { length = length << 8 | UInt64(file[i]) }
    guard length <= UInt64(maxHeaderLength) else { throw .headerTooLarge(headerLength: length, limit: maxHeaderLength) }
    guard length <= UInt64(file.count - 8) else { throw .headerLengthExceedsFile(headerLength: length, fileSize: file.count) }
    let dataStart = 8 + Int(length)
    let headerBytes = Array(file[8..<dataStart])
    guard String(validating: headerBytes, as: UTF8.self) != nil else { throw .headerNotUTF8 }
    let json: _JSONValue
    do throws(_JSONParseError) { json = try _parseJSON(headerBytes) } catch { throw .invalidJSON(reason: error.message, offset: error.offset) }
    guard case .object(let members) = json else { throw .headerNotObject(found: json.summary) }

    let dataSize = file.count - dataStart
    var metadata: [String: String] = [:]
    var entries: [SafeTensorsEntry] = []
    for (name, value) in members {
      if name == "__metadata__" {
        metadata = try decodeMetadata(value)
      } else {
        entries.append(try decodeEntry(name: name, value, dataSize: dataSize))
      }
    }
    // A stable sort: zero-size tensors sharing an offset keep their order in the file.
    entries = entries.enumerated().sorted {
      ($0.element.dataOffsets.lowerBound, $0.element.dataOffsets.upperBound, $0.offset)
        < ($1.element.dataOffsets.lowerBound, $1.element.dataOffsets.upperBound, $1.offset)
    }.map(\.element)
    var covered = 0
    for entry in entries {
      let begin = entry.dataOffsets.lowerBound
      guard begin >= covered else { throw .overlappingData(name: entry.name, begin: begin, previousEnd: covered) }
      guard begin == covered else { throw .gapInData(name: entry.name, begin: begin, previousEnd: covered) }
      covered = entry.dataOffsets.upperBound
    }
    guard covered == dataSize else { throw .incompleteCoverage(covered: covered, dataSize: dataSize) }
    return (SafeTensorsHeader(validatedEntries: entries, metadata: metadata), dataStart)
  }

  private static func decodeMetadata(_ value: _JSONValue) throws(SafeTensorsError) -> [String: String] {
    guard case .object(let pairs) = value else { throw .metadataNotObject(found: value.summary) }
    var metadata: [String: String] = [:]
    for (key, value) in pairs {
      guard case .string(let string) = value else { throw .nonStringMetadata(key: key, found: value.summary) }
      metadata[key] = string
    }
    return metadata
  }

  private static func decodeEntry(
    name: String, _ value: _JSONValue, dataSize: Int
  ) throws(SafeTensorsError) -> SafeTensorsEntry {
    guard case .object(let fields) = value else { throw .entryNotObject(name: name, found: value.summary) }
    func field(_ key: String) throws(SafeTensorsError) -> _JSONValue {
      guard let value = fields.first(where: { $0.key == key })?.value else { throw .missingField(name: name, field: key) }
      return value
    }
    func integers(_ key: String, _ value: _JSONValue) throws(SafeTensorsError) -> [Int] {
      guard case .array(let items) = value else { throw .invalidField(name: name, field: key, found: value.summary) }
      var result: [Int] = []
      for item in items {
        guard let int = item.int else { throw .invalidField(name: name, field: key, found: value.summary) }
        result.append(int)
      }
      return result
    }

    let dtypeValue = try field("dtype")
    guard case .string(let dtypeName) = dtypeValue else {
      throw .invalidField(name: name, field: "dtype", found: dtypeValue.summary)
    }
    guard let dtype = SafeTensorsDType(rawValue: dtypeName) else { throw .unknownDType(name: name, dtype: dtypeName) }
    let shape = try integers("shape", try field("shape"))
    let offsetsValue = try field("data_offsets")
    let offsets = try integers("data_offsets", offsetsValue)
    guard offsets.count == 2, offsets[0] >= 0, offsets[1] >= 0 else {
      throw .invalidField(name: name, field: "data_offsets", found: offsetsValue.summary)
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin <= end else { throw .invalidOffsets(name: name, begin: begin, end: end) }
    guard end <= dataSize else { throw .offsetsOutOfRange(name: name, begin: begin, end: end, dataSize: dataSize) }
    let expected = try byteCount(name: name, dtype: dtype, shape: shape)
    guard expected == end - begin else {
      throw .byteCountMismatch(name: name, dtype: dtype, shape: shape, expected: expected, actual: end - begin)
    }
    return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end)
  }
}
