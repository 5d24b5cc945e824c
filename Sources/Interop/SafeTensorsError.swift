import TensorModule

/// A malformed safetensors file, or a tensor that does not fit the header being written; every case
/// carries the offending values.
///
/// The reader checks what the `safetensors` crate checks (`SafeTensorError`), so a file this accepts
/// loads with `safetensors.torch.load_file`. It is stricter in one respect: a header with a duplicate
/// JSON key is rejected (``invalidJSON(reason:offset:)``), where the crate silently keeps the last.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
  // MARK: Reading: framing
  /// Fewer than the 8 bytes of the header-length prefix.
  case fileTooShort(byteCount: Int)
  /// The header length exceeds the 100 MB limit of the `safetensors` crate.
  case headerTooLarge(headerLength: UInt64, limit: Int)
  /// The header length runs past the end of the file.
  case headerLengthExceedsFile(headerLength: UInt64, fileSize: Int)
  /// The header bytes are not valid UTF-8.
  case headerNotUTF8
  /// The header is not valid JSON (`reason` at byte `offset` of the header).
  case invalidJSON(reason: String, offset: Int)
  /// The header is valid JSON but not an object.
  case headerNotObject(found: String)

  // MARK: Reading: entries
  /// An entry is not an object.
  case entryNotObject(name: String, found: String)
  /// An entry lacks `dtype`, `shape` or `data_offsets`.
  case missingField(name: String, field: String)
  /// A field has the wrong JSON type or form (`found` is its JSON text).
  case invalidField(name: String, field: String, found: String)
  /// The dtype is not one of `F16`, `BF16`, `F32`, `F64`, `I64`.
  case unknownDType(name: String, dtype: String)
  /// A dimension of the shape is negative.
  case negativeDimension(name: String, shape: [Int])
  /// The shape's element count or byte count overflows `Int`.
  case shapeOverflow(name: String, shape: [Int])
  /// `data_offsets` has begin > end.
  case invalidOffsets(name: String, begin: Int, end: Int)
  /// `data_offsets` ends past the data buffer.
  case offsetsOutOfRange(name: String, begin: Int, end: Int, dataSize: Int)
  /// The byte range does not hold shape product × dtype size bytes.
  case byteCountMismatch(name: String, dtype: SafeTensorsDType, shape: [Int], expected: Int, actual: Int)
  /// The entry starts before the previous one (in offset order) ends.
  case overlappingData(name: String, begin: Int, previousEnd: Int)
  /// Bytes between the previous entry (in offset order) and this one belong to no tensor.
  case gapInData(name: String, begin: Int, previousEnd: Int)
  /// The entries end before the data buffer does.
  case incompleteCoverage(covered: Int, dataSize: Int)
  /// `__metadata__` is not an object.
  case metadataNotObject(found: String)
  /// A `__metadata__` value is not a string.
  case nonStringMetadata(key: String, found: String)

  // MARK: Access and writing
  /// No tensor of that name.
  case tensorNotFound(name: String)
  /// Two tensors with the same name.
  case duplicateName(String)
  /// `__metadata__` used as a tensor name.
  case reservedName(String)
  /// The tensor's dtype cannot be stored as the entry's dtype (float ↔ integer).
  case dtypeMismatch(name: String, stored: SafeTensorsDType, tensor: DType)
  /// The tensor's shape differs from the entry's.
  case shapeMismatch(name: String, expected: [Int], got: [Int])
  /// More elements than the entry (or the whole header) has room for.
  case tooManyElements(name: String?, remaining: Int, got: Int)
  /// ``SafeTensorsWriter/write(_:)`` was called in the middle of a chunked entry.
  case entryInProgress(name: String, written: Int, expected: Int)
  /// The writer was finished before every entry received all its elements.
  case incompleteData(name: String, written: Int, expected: Int)

  /// A one-line message naming the offending values.
  public var description: String {
    switch self {
    case .fileTooShort(let n): "file of \(n) bytes is too short for the 8-byte header length"
    case .headerTooLarge(let n, let limit): "header length \(n) exceeds the limit of \(limit) bytes"
    case .headerLengthExceedsFile(let n, let size): "header length \(n) exceeds file size \(size)"
    case .headerNotUTF8: "header is not valid UTF-8"
    case .invalidJSON(let reason, let offset): "header is not valid JSON: \(reason) at byte \(offset)"
    case .headerNotObject(let found): "header must be a JSON object, found \(found)"
    case .entryNotObject(let name, let found): "entry '\(name)' must be an object, found \(found)"
    case .missingField(let name, let field): "entry '\(name)' has no '\(field)'"
    case .invalidField(let name, let field, let found): "entry '\(name)' has an invalid '\(field)': \(found)"
    case .unknownDType(let name, let dtype):
      "entry '\(name)' has unsupported dtype '\(dtype)' (expected F16, BF16, F32, F64 or I64)"
    case .negativeDimension(let name, let shape): "entry '\(name)' has a negative dimension in shape \(shape)"
    case .shapeOverflow(let name, let shape): "entry '\(name)': the size of shape \(shape) overflows"
    case .invalidOffsets(let name, let begin, let end):
      "entry '\(name)' has data_offsets [\(begin), \(end)] with begin > end"
    case .offsetsOutOfRange(let name, let begin, let end, let size):
      "entry '\(name)' has data_offsets [\(begin), \(end)] beyond the \(size)-byte data buffer"
    case .byteCountMismatch(let name, let dtype, let shape, let expected, let actual):
      "entry '\(name)' (\(dtype), shape \(shape)) needs \(expected) bytes but data_offsets cover \(actual)"
    case .overlappingData(let name, let begin, let previousEnd):
      "entry '\(name)' begins at byte \(begin), overlapping the previous tensor that ends at \(previousEnd)"
    case .gapInData(let name, let begin, let previousEnd):
      "entry '\(name)' begins at byte \(begin), leaving a gap after the previous tensor that ends at \(previousEnd)"
    case .incompleteCoverage(let covered, let size):
      "tensors cover \(covered) bytes but the data buffer has \(size)"
    case .metadataNotObject(let found): "'__metadata__' must be an object of strings, found \(found)"
    case .nonStringMetadata(let key, let found): "metadata '\(key)' must be a string, found \(found)"
    case .tensorNotFound(let name): "no tensor named '\(name)'"
    case .duplicateName(let name): "duplicate tensor name '\(name)'"
    case .reservedName(let name): "'\(name)' is reserved and cannot name a tensor"
    case .dtypeMismatch(let name, let stored, let tensor):
      "entry '\(name)' stores \(stored), which cannot hold a tensor of dtype \(tensor)"
    case .shapeMismatch(let name, let expected, let got):
      "entry '\(name)' has shape \(expected), but the tensor has shape \(got)"
    case .tooManyElements(let name?, let remaining, let got):
      "entry '\(name)' has room for \(remaining) more elements, got \(got)"
    case .tooManyElements(nil, _, let got): "all entries are complete, got \(got) more elements"
    case .entryInProgress(let name, let written, let expected):
      "entry '\(name)' is partly written (\(written) of \(expected) elements); append the rest first"
    case .incompleteData(let name, let written, let expected):
      "entry '\(name)' received \(written) of its \(expected) elements"
    }
  }
}
