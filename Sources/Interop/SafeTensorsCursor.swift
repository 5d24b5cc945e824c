import TensorModule

/// Tracks which header entry the next elements belong to and turns tensors into their stored bytes,
/// checking dtype, shape and element counts. Shared by the file writer and the in-memory encoder.
struct _SafeTensorsCursor {
  let entries: [SafeTensorsEntry]
  /// Index of the entry being filled.
  private(set) var index = 0
  /// Elements of `entries[index]` already written.
  private(set) var written = 0

  init(_ header: SafeTensorsHeader) { entries = header.entries }

  /// The entry the next ``bytes(forWhole:)`` fills, or `nil` when all are complete.
  var current: SafeTensorsEntry? { index < entries.count ? entries[index] : nil }

  /// Bytes for `tensor` as the whole of the current entry; advances to the next entry.
  mutating func bytes(forWhole tensor: Tensor) throws(SafeTensorsError) -> [UInt8] {
    _LittleEndian.bytes(of: tensor.storage, as: try accept(whole: tensor))
  }

  /// Checks `tensor` as the whole of the current entry and advances to the next; returns the stored dtype.
  mutating func accept(whole tensor: Tensor) throws(SafeTensorsError) -> SafeTensorsDType {
    guard let entry = current else { throw .tooManyElements(name: nil, remaining: 0, got: tensor.count) }
    guard written == 0 else {
      throw .entryInProgress(name: entry.name, written: written, expected: entry.elementCount)
    }
    guard entry.dtype.canStore(tensor.dtype) else {
      throw .dtypeMismatch(name: entry.name, stored: entry.dtype, tensor: tensor.dtype)
    }
    guard tensor.shape == entry.shape else { throw .shapeMismatch(name: entry.name, expected: entry.shape, got: tensor.shape) }
    index += 1
    return entry.dtype
  }

  /// Bytes for the next `chunk.count` elements of the current entry (zero-size entries are skipped).
  /// The chunk's shape is ignored; it must not run past the end of the entry.
  mutating func bytes(forChunk chunk: Tensor) throws(SafeTensorsError) -> [UInt8] {
    _LittleEndian.bytes(of: chunk.storage, as: try accept(chunk: chunk))
  }

  /// Checks `chunk` as the next elements of the current entry and advances; returns the stored dtype.
  mutating func accept(chunk: Tensor) throws(SafeTensorsError) -> SafeTensorsDType {
    let count = chunk.count
    if count > 0 { skipEmptyEntries() }
    guard let entry = current else { throw .tooManyElements(name: nil, remaining: 0, got: count) }
    guard entry.dtype.canStore(chunk.dtype) else {
      throw .dtypeMismatch(name: entry.name, stored: entry.dtype, tensor: chunk.dtype)
    }
    let remaining = entry.elementCount - written
    guard count <= remaining else { throw .tooManyElements(name: entry.name, remaining: remaining, got: count) }
    written += count
    if written == entry.elementCount {
      index += 1
      written = 0
    }
    return entry.dtype
  }

  /// Checks that every entry is complete (zero-size entries need no data).
  mutating func finish() throws(SafeTensorsError) {
    skipEmptyEntries()
    if let entry = current { throw .incompleteData(name: entry.name, written: written, expected: entry.elementCount) }
  }

  private mutating func skipEmptyEntries() {
    while written == 0, let entry = current, entry.elementCount == 0 { index += 1 }
  }
}
