import Foundation
import Interop
import TensorModule
import Testing

@Suite struct NPYTests {
  static let tensors: [Tensor] = {
    do {
      return [
        try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 7 }),
        try Tensor(shape: [5], scalars: [0.1, -0.0, .infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude]),
        try Tensor(shape: [], scalars: [Int64.min]),
        try Tensor(shape: [2, 0, 3], scalars: [Double]()),
        try Tensor(shape: [0], scalars: [Int64]()),
        try Tensor(shape: [1, 1, 1, 1, 2], scalars: [Float.nan, -1]),
      ]
    } catch { fatalError("\(error)") }
  }()

  @Test(arguments: tensors) func roundTrip(tensor: Tensor) throws {
    let bytes = NPY.encode(tensor)
    let preamble = 10 + Int(bytes[8]) + Int(bytes[9]) << 8
    #expect(preamble % 64 == 0)
    #expect(bytes[preamble - 1] == UInt8(ascii: "\n"))
    let decoded = try NPY.decode(bytes)
    #expect(decoded.shape == tensor.shape && decoded.dtype == tensor.dtype)
    #expect(bitPatterns(decoded) == bitPatterns(tensor))
  }

  /// The header dicts as `numpy.save` writes them (byte-identity with real files: `PythonFixtureTests`).
  @Test(arguments: [
    ([3, 4], DType.float32, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"),
    ([5], .int64, "{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }"),
    ([], .float64, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }"),
  ])
  func headerText(shape: [Int], dtype: DType, dict: String) throws {
    let bytes = NPY.encode(try Tensor(zeros: shape, dtype: dtype))
    #expect(Array(bytes.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
    #expect(String(decoding: bytes[10...], as: UTF8.self).hasPrefix(dict))
  }

  @Test func fileRoundTripIsAtomic() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("a.npy")
      try NPY.write(Self.tensors[0], to: url)
      #expect(try NPY.read(contentsOf: url) == Self.tensors[0])
      #expect(try contents(of: directory) == ["a.npy"])
      let missing = directory.appendingPathComponent("missing/a.npy")
      #expect(throws: InteropFileError.cannotCreate(path: missing.path, reason: "No such file or directory")) {
        try NPY.write(Self.tensors[0], to: missing)
      }
    }
  }

  /// A version-1 file around `header`, padded like NumPy, followed by `data`.
  static func npy(_ header: String, data: [UInt8] = [], version: [UInt8] = [1, 0]) -> [UInt8] {
    var text = Array(header.utf8)
    text += [UInt8](repeating: 0x20, count: 63 - (10 + text.count) % 64) + [0x0A]
    return [0x93] + Array("NUMPY".utf8) + version + [UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text + data
  }

  static let malformed: [([UInt8], NPYError)] = [
    ([0x93, 0x4E], .fileTooShort(byteCount: 2)),
    (Array("PK\u{03}\u{04}abcdefgh".utf8), .badMagic(prefix: [0x50, 0x4B, 0x03, 0x04, 0x61, 0x62])),
    (npy("{}", version: [4, 0]), .unsupportedVersion(major: 4, minor: 0)),
    ([0x93] + Array("NUMPY".utf8) + [1, 0, 0xFF, 0x00, 0x7B, 0x7D], .headerLengthExceedsFile(headerLength: 255, fileSize: 12)),
    (npy("{'descr': '<f4', 'shape': (1,), }"), .wrongKeys(found: ["descr", "shape"])),
    (npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': True}"), .wrongKeys(found: ["descr", "fortran_order", "shape", "x"])),
    (npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), .bigEndian(descr: ">f4")),
    (npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), .unsupportedDescr("<i4")),
    (npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", data: [0, 0, 0, 0]),
     .dataSizeMismatch(shape: [3], expected: 12, actual: 4)),
    (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", data: [UInt8](repeating: 0, count: 9)),
     .dataSizeMismatch(shape: [], expected: 8, actual: 9)),
    (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
     .shapeOverflow(shape: [4_294_967_296, 4_294_967_296])),
  ]

  @Test(arguments: malformed) func rejectsMalformed(bytes: [UInt8], error: NPYError) {
    #expect(throws: error) { try NPY.decode(bytes) }
  }

  static let unparsable = [
    "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (3), }",
    "{'descr': '<f4', 'fortran_order': false, 'shape': (3,), }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': [3], }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), } junk",
    "{'descr': '<f4', 'fortran_order': 'no', 'shape': (3,), }",
    "{'descr': '<f4' 'fortran_order': False, 'shape': (3,), }",
    "{'descr': '<f4', 'descr': '<f4', 'shape': (3,), }",
    "not a dict",
  ]

  @Test(arguments: unparsable) func rejectsUnparsableHeader(header: String) {
    #expect {
      try NPY.decode(Self.npy(header))
    } throws: { error in
      guard case .invalidHeader(_, let text)? = error as? NPYError else { return false }
      return text.hasPrefix(header)
    }
  }

  @Test func readsFortranOrderAndVersion2() throws {
    // shape (2, 3) in column-major order: memory holds columns [0, 3], [1, 4], [2, 5].
    let data = [Int64](arrayLiteral: 0, 3, 1, 4, 2, 5).flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    let fortran = try NPY.decode(Self.npy("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }", data: data))
    #expect(fortran.storage == .int64([0, 1, 2, 3, 4, 5]))
    var v2 = Self.npy("{'descr': '<i8', 'fortran_order': False, 'shape': (6,), }", data: data, version: [2, 0])
    v2.insert(contentsOf: [0, 0], at: 10)  // the u32 header length of version 2
    #expect(try NPY.decode(v2).storage == .int64([0, 3, 1, 4, 2, 5]))
  }

  @Test func neverCrashesOnCorruptInput() {
    let valid = NPY.encode(Self.tensors[0])
    for length in 0..<valid.count { _ = try? NPY.decode(Array(valid.prefix(length))) }
    for _ in 0..<3000 {
      var bytes = valid
      bytes[Int.random(in: 0..<128)] = UInt8.random(in: 0...255)
      _ = try? NPY.decode(bytes)
    }
  }
}
