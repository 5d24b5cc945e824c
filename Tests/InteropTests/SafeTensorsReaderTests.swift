import Foundation
import Interop
import TensorModule
import Testing

@Suite struct SafeTensorsReaderTests {
  /// A well-formed 4-byte F32 entry, to combine with broken ones.
  static let good = #""a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#

  /// (header JSON, data bytes, expected error) for every way a header can be malformed.
  static let malformedHeaders: [(String, Int, SafeTensorsError)] = [
    ("[]", 0, .headerNotObject(found: "[]")),
    (#""x""#, 0, .headerNotObject(found: #""x""#)),
    (#"{"a":5}"#, 0, .entryNotObject(name: "a", found: "5")),
    (#"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, 4, .missingField(name: "a", field: "dtype")),
    (#"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#, 4, .missingField(name: "a", field: "shape")),
    (#"{"a":{"dtype":"F32","shape":[1]}}"#, 4, .missingField(name: "a", field: "data_offsets")),
    (#"{"a":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#, 4, .invalidField(name: "a", field: "dtype", found: "32")),
    (#"{"a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"#, 4, .unknownDType(name: "a", dtype: "I32")),
    (#"{"a":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}"#, 4, .unknownDType(name: "a", dtype: "f32")),
    (#"{"a":{"dtype":"F32","shape":"1","data_offsets":[0,4]}}"#, 4, .invalidField(name: "a", field: "shape", found: #""1""#)),
    (#"{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}"#, 4, .invalidField(name: "a", field: "shape", found: "[1.0]")),
    (#"{"a":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, 4, .invalidField(name: "a", field: "shape", found: "[true]")),
    (#"{"a":{"dtype":"F32","shape":[1e400],"data_offsets":[0,4]}}"#, 4, .invalidField(name: "a", field: "shape", found: "[1e400]")),
    (#"{"a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]}}"#, 4,
     .invalidField(name: "a", field: "shape", found: "[99999999999999999999]")),
    (#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, 4, .negativeDimension(name: "a", shape: [-1])),
    (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, 4, .invalidField(name: "a", field: "data_offsets", found: "[0]")),
    (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#, 8,
     .invalidField(name: "a", field: "data_offsets", found: "[0,4,8]")),
    (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#, 4,
     .invalidField(name: "a", field: "data_offsets", found: "[-4,0]")),
    (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":null}}"#, 4, .invalidField(name: "a", field: "data_offsets", found: "null")),
    (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, 8, .invalidOffsets(name: "a", begin: 8, end: 4)),
    (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,100]}}"#, 8, .offsetsOutOfRange(name: "a", begin: 0, end: 100, dataSize: 8)),
    (#"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#, 4,
     .shapeOverflow(name: "a", shape: [4_294_967_296, 4_294_967_296])),
    (#"{"a":{"dtype":"F64","shape":[1152921504606846976],"data_offsets":[0,4]}}"#, 4,
     .shapeOverflow(name: "a", shape: [1_152_921_504_606_846_976])),
    (#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8,
     .byteCountMismatch(name: "a", dtype: .f32, shape: [3], expected: 12, actual: 8)),
    (#"{"a":{"dtype":"BF16","shape":[],"data_offsets":[0,4]}}"#, 4,
     .byteCountMismatch(name: "a", dtype: .bf16, shape: [], expected: 2, actual: 4)),
    ("{" + good + #","b":{"dtype":"F32","shape":[2],"data_offsets":[2,10]}}"#, 10, .overlappingData(name: "b", begin: 2, previousEnd: 4)),
    ("{" + good + #","b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 4, .overlappingData(name: "b", begin: 0, previousEnd: 4)),
    ("{" + good + #","b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#, 12, .gapInData(name: "b", begin: 8, previousEnd: 4)),
    (#"{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, 8, .gapInData(name: "b", begin: 4, previousEnd: 0)),
    ("{" + good + "}", 8, .incompleteCoverage(covered: 4, dataSize: 8)),
    ("{}", 1, .incompleteCoverage(covered: 0, dataSize: 1)),
    (#"{"__metadata__":["x"],"# + good + "}", 4, .metadataNotObject(found: #"["x"]"#)),
    (#"{"__metadata__":{"k":1},"# + good + "}", 4, .nonStringMetadata(key: "k", found: "1")),
    (#"{"__metadata__":{"k":null},"# + good + "}", 4, .nonStringMetadata(key: "k", found: "null")),
  ]

  @Test(arguments: malformedHeaders) func rejectsMalformedHeader(header: String, dataSize: Int, error: SafeTensorsError) {
    #expect(throws: error) { try SafeTensors.decode(safetensorsBytes(header: header, dataSize: dataSize)) }
  }

  /// Invalid JSON, with the parser's reason and the byte offset in the header.
  static let invalidJSON: [(String, String, Int)] = [
    ("", "unexpected end of input", 0),
    ("{", "expected '\"'", 1),  // a key or `}` expected
    (#"{"a":}"#, "unexpected character", 5),
    ("{} x", "unexpected trailing content", 3),
    (#"{"a":{},"a":{}}"#, #"duplicate key "a""#, 8),
    (#"{"a":"\q"}"#, "invalid escape", 7),
    (#"{"a":"\ud800"}"#, "unpaired surrogate", 12),
    ("{\"a\":\"\u{01}\"}", "control character in string", 6),
    (#"{"a":01}"#, "expected '}'", 6),
    (#"{"a":-}"#, "expected a digit", 6),
    (#"{"a":tru}"#, "expected 'e'", 8),
    (#"{"a":"#, "unexpected end of input", 5),
    (#"{"a":"x"#, "unterminated string", 7),
    (#"{"x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}", "nesting deeper than 64", 68),
  ]

  @Test(arguments: invalidJSON) func rejectsInvalidJSON(header: String, reason: String, offset: Int) {
    #expect(throws: SafeTensorsError.invalidJSON(reason: reason, offset: offset)) {
      try SafeTensors.decode(safetensorsBytes(header: header, dataSize: 0))
    }
  }

  @Test func rejectsBadFraming() {
    #expect(throws: SafeTensorsError.fileTooShort(byteCount: 0)) { try SafeTensors.decode([]) }
    #expect(throws: SafeTensorsError.fileTooShort(byteCount: 7)) { try SafeTensors.decode([UInt8](repeating: 0, count: 7)) }
    let lengthTooLarge: [UInt8] = [0x9F, 0x86, 0x01, 0, 0, 0, 0, 0] + [UInt8](repeating: 0x20, count: 112)  // 99999
    #expect(throws: SafeTensorsError.headerLengthExceedsFile(headerLength: 99_999, fileSize: 120)) {
      try SafeTensors.decode(lengthTooLarge)
    }
    #expect("\(SafeTensorsError.headerLengthExceedsFile(headerLength: 99_999, fileSize: 120))" == "header length 99999 exceeds file size 120")
    let absurd: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7B, 0x7D]
    #expect(throws: SafeTensorsError.headerTooLarge(headerLength: .max, limit: 100_000_000)) { try SafeTensors.decode(absurd) }
    let notUTF8: [UInt8] = [2, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFE]
    #expect(throws: SafeTensorsError.headerNotUTF8) { try SafeTensors.decode(notUTF8) }
  }

  @Test func acceptsEdgeCasesTheCrateAccepts() throws {
    // Entries out of offset order, zero-size tensors, unknown extra fields, padding, empty header.
    let header = #"{"b":{"dtype":"I64","shape":[1],"data_offsets":[4,12]},"z":{"dtype":"F16","shape":[0,5],"data_offsets":[4,4]},"#
      + #""a":{"dtype":"F32","shape":[],"data_offsets":[0,4],"extra":[1,{"x":null}]}}   "#
    let file = try SafeTensors.decode(safetensorsBytes(header: header, dataSize: 12))
    #expect(file.names == ["a", "z", "b"])
    #expect(try file.tensor(named: "z").shape == [0, 5])
    #expect(try SafeTensors.decode(safetensorsBytes(header: "{}", dataSize: 0)).entries.isEmpty)
    #expect(throws: SafeTensorsError.tensorNotFound(name: "missing")) { try file.tensor(named: "missing") }
  }

  /// Truncating or corrupting a valid file anywhere throws (or, rarely, still parses) but never traps.
  @Test func neverCrashesOnCorruptInput() throws {
    let valid = try SafeTensors.encode(SafeTensorsWriterTests.tensors, metadata: ["format": "pt"])
    for length in 0..<valid.count { _ = try? SafeTensors.decode(Array(valid.prefix(length))) }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      var bytes = valid
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        bytes[Int.random(in: 0..<min(bytes.count, 300), using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      if let file = try? SafeTensors.decode(bytes) { _ = try? file.tensors() }
    }
  }

  @Test func readErrorsNameThePath() {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/model.safetensors")
    #expect(throws: InteropFileError.cannotRead(path: url.path, reason: "No such file or directory")) {
      try SafeTensors.read(contentsOf: url)
    }
  }
}
