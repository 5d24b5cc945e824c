import TensorModule

/// A malformed or unsupported `.npy` file; every case carries the offending values.
///
/// Mirrors the `ValueError`s of `numpy.lib.format.read_array_header_1_0` and `read_array`.
public enum NPYError: Error, Equatable, CustomStringConvertible {
  /// Fewer bytes than the 10-byte (version 1) or 12-byte (version 2/3) preamble.
  case fileTooShort(byteCount: Int)
  /// The file does not start with `\x93NUMPY`.
  case badMagic(prefix: [UInt8])
  /// A format version other than 1.0, 2.0 or 3.0.
  case unsupportedVersion(major: UInt8, minor: UInt8)
  /// The header length runs past the end of the file.
  case headerLengthExceedsFile(headerLength: Int, fileSize: Int)
  /// The header is not text in the version's encoding (latin-1 for 1.0/2.0, UTF-8 for 3.0).
  case headerNotText
  /// The header is not a dict literal of the expected form (`reason`; `header` is its text).
  case invalidHeader(reason: String, header: String)
  /// The header dict lacks `descr`, `fortran_order` or `shape`, or has other keys.
  case wrongKeys(found: [String])
  /// A big-endian `descr` such as `>f4`.
  case bigEndian(descr: String)
  /// A `descr` other than `<f4`, `<f8`, `<i8`.
  case unsupportedDescr(String)
  /// The shape's element count or byte count overflows `Int`.
  case shapeOverflow(shape: [Int])
  /// The data is not exactly shape product × item size bytes.
  case dataSizeMismatch(shape: [Int], expected: Int, actual: Int)
  /// ``NPYWriter``: a chunk of another dtype, or with more elements than remain.
  case chunkMismatch(expectedDType: DType, remaining: Int, got: DType, gotCount: Int)
  /// ``NPYWriter/finish()`` before every element was written.
  case incompleteData(remaining: Int)

  /// A one-line message naming the offending values.
  public var description: String {
    switch self {
    case .fileTooShort(let n): "file of \(n) bytes is too short for an .npy preamble"
    case .badMagic(let prefix):
      "not an .npy file: starts with \(prefix.map { "0x" + String($0, radix: 16) }) instead of \\x93NUMPY"
    case .unsupportedVersion(let major, let minor): "unsupported .npy format version \(major).\(minor)"
    case .headerLengthExceedsFile(let n, let size): "header length \(n) exceeds file size \(size)"
    case .headerNotText: "header is not valid text for its format version"
    case .invalidHeader(let reason, let header): "cannot parse header (\(reason)): \(header)"
    case .wrongKeys(let keys): "header keys must be ['descr', 'fortran_order', 'shape'], found \(keys)"
    case .bigEndian(let descr): "big-endian dtype '\(descr)' is not supported"
    case .unsupportedDescr(let descr): "unsupported dtype '\(descr)' (expected '<f4', '<f8' or '<i8')"
    case .shapeOverflow(let shape): "the size of shape \(shape) overflows"
    case .dataSizeMismatch(let shape, let expected, let actual):
      "shape \(shape) needs \(expected) data bytes, but the file has \(actual)"
    case .chunkMismatch(let expectedDType, let remaining, let got, let gotCount):
      "chunk of \(gotCount) \(got.rawValue) elements does not fit: \(remaining) \(expectedDType.rawValue) elements remain"
    case .incompleteData(let remaining): "\(remaining) elements are still missing"
    }
  }
}
