import Foundation
import TensorModule

/// Reads and writes NumPy's `.npy` format for `float32`, `float64` and `int64` tensors.
///
/// A file is the magic `\x93NUMPY`, a version, the header length, a Python dict literal
/// (`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`) padded with spaces and a newline so
/// the data starts at a multiple of 64 bytes, then the elements in little-endian order.
public enum NPY {
  private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// The bytes of an `.npy` file holding `tensor` — byte for byte what `numpy.save` writes for the
  /// same array (format 1.0; 2.0 only if the header exceeds 65535 bytes).
  public static func encode(_ tensor: Tensor) -> [UInt8] {
    header(dtype: tensor.dtype, shape: tensor.shape) + _LittleEndian.bytes(of: tensor.storage, as: SafeTensorsDType(tensor.dtype))
  }

  /// The bytes before the data of an `.npy` file of `dtype` and `shape`: magic, version, header length
  /// and the padded dict literal.
  static func header(dtype: DType, shape: [Int]) -> [UInt8] {
    let text = Array(_NPYHeader(dtype: dtype, shape: shape).text.utf8)
    // Like NumPy: pad with 1…64 spaces (never 0), then '\n'; format 2.0 (u32 length) only when needed.
    func headerLength(prefixCount: Int) -> Int { text.count + 1 + 64 - (prefixCount + text.count + 1) % 64 }
    let version: UInt8 = headerLength(prefixCount: 10) > 0xFFFF ? 2 : 1
    let prefixCount = version == 1 ? 10 : 12
    let headerLength = headerLength(prefixCount: prefixCount)
    let padding = headerLength - text.count - 1
    var bytes = magic + [version, 0]
    withUnsafeBytes(of: UInt32(headerLength).littleEndian) { bytes.append(contentsOf: $0.prefix(prefixCount - 8)) }
    bytes += text
    bytes += repeatElement(UInt8(ascii: " "), count: padding)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  /// Writes `tensor` to `url` atomically (`numpy.save`): the file appears complete or not at all.
  ///
  /// - Throws: ``InteropFileError`` naming the path if it cannot be written.
  public static func write(_ tensor: Tensor, to url: URL) throws {
    let writer = try NPYWriter(dtype: tensor.dtype, shape: tensor.shape, to: url)
    try writer.append(tensor)
    try writer.finish()
  }

  /// Reads the `.npy` file at `url` (`numpy.load`).
  ///
  /// - Throws: ``InteropFileError`` if it cannot be read, ``NPYError`` if it is malformed.
  public static func read(contentsOf url: URL) throws -> Tensor {
    try decode(_readFileBytes(url))
  }

  /// Parses the bytes of an `.npy` file into a row-major tensor (`fortran_order: True` data is
  /// transposed into row-major order).
  ///
  /// - Throws: ``NPYError``.
  public static func decode(_ bytes: [UInt8]) throws -> Tensor {
    guard bytes.count >= 10 else { throw NPYError.fileTooShort(byteCount: bytes.count) }
    guard Array(bytes.prefix(6)) == magic else { throw NPYError.badMagic(prefix: Array(bytes.prefix(6))) }
    let (major, minor) = (bytes[6], bytes[7])
    guard minor == 0, (1...3).contains(major) else { throw NPYError.unsupportedVersion(major: major, minor: minor) }
    let prefixCount = major == 1 ? 10 : 12
    guard bytes.count >= prefixCount else { throw NPYError.fileTooShort(byteCount: bytes.count) }
    let headerLength = bytes[8..<prefixCount].reversed().reduce(0) { $0 << 8 | Int($1) }
    guard headerLength <= bytes.count - prefixCount else {
      throw NPYError.headerLengthExceedsFile(headerLength: headerLength, fileSize: bytes.count)
    }
    let dataStart = prefixCount + headerLength
    let headerBytes = bytes[prefixCount..<dataStart]
    let text: String
    if major == 3 {
      guard let utf8 = String(validating: headerBytes, as: UTF8.self) else { throw NPYError.headerNotText }
      text = utf8
    } else {
      text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))  // latin-1
    }
    let header = try _NPYHeader(parsing: text)

    let itemSize = header.dtype.byteCount
    var count = 1
    for dimension in header.shape {
      let (next, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow else { throw NPYError.shapeOverflow(shape: header.shape) }
      count = next
    }
    let (expected, overflow) = count.multipliedReportingOverflow(by: itemSize)
    guard !overflow else { throw NPYError.shapeOverflow(shape: header.shape) }
    let actual = bytes.count - dataStart
    guard expected == actual else { throw NPYError.dataSizeMismatch(shape: header.shape, expected: expected, actual: actual) }

    let data = bytes[dataStart...]
    let stored = SafeTensorsDType(header.dtype)
    guard header.fortranOrder else { return try _LittleEndian.tensor(data, as: stored, shape: header.shape) }
    // Column-major data of shape s is row-major data of shape reversed(s); transpose it back.
    let reversed = try _LittleEndian.tensor(data, as: stored, shape: header.shape.reversed())
    return try _reversingAxes(reversed)
  }
}
