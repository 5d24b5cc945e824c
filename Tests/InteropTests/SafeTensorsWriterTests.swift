import Foundation
import Interop
import TensorModule
import Testing

@Suite struct SafeTensorsWriterTests {
  /// Tensors of every dtype, including 0-d and zero-size ones.
  static let tensors: [(name: String, tensor: Tensor)] = {
    do {
      return [
        ("weight", try Tensor(shape: [2, 3], scalars: [Float](arrayLiteral: 1, -2, 0.5, .infinity, -0.0, .leastNonzeroMagnitude))),
        ("scale", try Tensor(shape: [], scalars: [Float(3.25)])),
        ("double", try Tensor(shape: [3], scalars: [0.1, -.greatestFiniteMagnitude, .leastNonzeroMagnitude])),
        ("count", try Tensor(shape: [], scalars: [Int64(7)])),
        ("ids", try Tensor(shape: [2, 2], scalars: [Int64.min, -1, 0, .max])),
        ("empty_f32", try Tensor(shape: [0, 4], scalars: [Float]())),
        ("empty_i64", try Tensor(shape: [3, 0], scalars: [Int64]())),
      ]
    } catch { fatalError("\(error)") }
  }()

  @Test func roundTripKeepsOrderValuesAndMetadata() throws {
    let bytes = try SafeTensors.encode(Self.tensors, metadata: ["format": "pt", "source": "nninit"])
    let file = try SafeTensors.decode(bytes)
    #expect(file.names == Self.tensors.map(\.name))
    #expect(file.metadata == ["format": "pt", "source": "nninit"])
    for (name, tensor) in Self.tensors {
      let read = try file.tensor(named: name)
      #expect(read.shape == tensor.shape)
      #expect(read.dtype == tensor.dtype)
      #expect(bitPatterns(read) == bitPatterns(tensor), "\(name)")
    }
    #expect(file.entries.map(\.dtype) == [.f32, .f32, .f64, .i64, .i64, .f32, .i64])
  }

  @Test func fileRoundTrip() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("model.safetensors")
      try SafeTensors.write(Self.tensors, metadata: ["format": "pt"], to: url)
      let file = try SafeTensors.read(contentsOf: url)
      #expect(try file.tensors().map(\.tensor) == Self.tensors.map(\.tensor))
      #expect(try contents(of: directory) == ["model.safetensors"])
      // The file is exactly what the in-memory encoder produces.
      #expect(try [UInt8](Data(contentsOf: url)) == SafeTensors.encode(Self.tensors, metadata: ["format": "pt"]))
    }
  }

  @Test func headerLayout() throws {
    let tensors: [(name: String, tensor: Tensor)] = [
      ("b", try Tensor(shape: [2], scalars: [Float](arrayLiteral: 1, 2))),
      ("a", try Tensor(shape: [], scalars: [Int64(1)])),
    ]
    let bytes = try SafeTensors.encode(tensors, metadata: ["z": "1", "a": "q\"uote"])
    let length = Int(bytes[0]) | Int(bytes[1]) << 8
    #expect(length % 8 == 0)
    #expect(bytes.count == 8 + length + 16)
    let json = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
    let expected = #"{"__metadata__":{"a":"q\"uote","z":"1"},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
      + #""a":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}"#
    #expect(json == expected + String(repeating: " ", count: length - expected.utf8.count))
  }

  /// Names are escaped exactly as `safetensors.torch.save` (serde_json) escapes them; the expected
  /// header was printed by Python for the same name.
  @Test func nameEscapingMatchesPython() throws {
    let name = "q\"\\\t\n\u{01}\u{08}\u{0C}\u{7F}é🚀/"
    let bytes = try SafeTensors.encode([(name, try Tensor(zeros: [1]))])
    let json = #"{"q\"\\\t\n\u0001\b\f"# + "\u{7F}é🚀/" + #"":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
    #expect(String(decoding: bytes[8..<(8 + json.utf8.count)], as: UTF8.self) == json)
    #expect(try SafeTensors.decode(bytes).names == [name])
  }

  /// Float tensors narrow to the chosen storage; integer tensors stay I64.
  @Test(arguments: SafeTensorsStorage.allCases) func storageOption(storage: SafeTensorsStorage) throws {
    let values: [Float] = [1, -2.5, 65520, 0x1p-25, 1 + 0x1p-8, .infinity]
    let tensors: [(name: String, tensor: Tensor)] = [
      ("f", try Tensor(shape: [2, 3], scalars: values)),
      ("d", try Tensor(shape: [6], scalars: values.map(Double.init))),
      ("i", try Tensor(shape: [1], scalars: [Int64(3)])),
    ]
    let file = try SafeTensors.decode(SafeTensors.encode(tensors, storage: storage))
    #expect(file.entries.map(\.dtype) == [storage.dtype, storage.dtype, .i64])
    let expected: [Double] =
      switch storage {
      case .f16: values.map { Double(HalfPrecision.float(float16Bits: HalfPrecision.float16Bits($0))) }
      case .bf16: values.map { Double(HalfPrecision.float(bfloat16Bits: HalfPrecision.bfloat16Bits($0))) }
      case .f32, .f64: values.map(Double.init)
      }
    #expect(try file.tensor(named: "f").doubles == expected)
    #expect(try file.tensor(named: "d").doubles == expected)
    #expect(try file.tensor(named: "i").storage == .int64([3]))
    #expect(try file.tensor(named: "d").dtype == (storage == .f64 ? .float64 : .float32))
  }

  @Test func rejectsDuplicateAndReservedNames() throws {
    let t = try Tensor(zeros: [1])
    #expect(throws: SafeTensorsError.duplicateName("x")) { try SafeTensors.encode([("x", t), ("y", t), ("x", t)]) }
    #expect(throws: SafeTensorsError.reservedName("__metadata__")) { try SafeTensors.encode([("__metadata__", t)]) }
    #expect(throws: SafeTensorsError.negativeDimension(name: "n", shape: [2, -1])) {
      try SafeTensorsHeader([("n", .f32, [2, -1])])
    }
    #expect(throws: SafeTensorsError.shapeOverflow(name: "o", shape: [1 << 40, 1 << 40])) {
      try SafeTensorsHeader([("o", .f32, [1 << 40, 1 << 40])])
    }
  }

  @Test func namesWithSpecialCharactersRoundTrip() throws {
    let names = ["layer.0.weight", "quote\"back\\slash", "tab\there\nnewline", "ünïcødé 🚀", "", "\u{01}"]
    let tensors = try names.map { ($0, try Tensor(shape: [1], scalars: [Float(1)])) }
    let file = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: ["ключ": "значение\n"]))
    #expect(file.names == names)
    #expect(file.metadata == ["ключ": "значение\n"])
  }

  @Test func streamingWriterAcceptsChunks() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("streamed.safetensors")
      let header = try SafeTensorsHeader(
        [("w", .f16, [2, 3]), ("none", .f32, [0]), ("b", .f64, [4]), ("n", .i64, [])], metadata: ["format": "pt"])
      let writer = try SafeTensorsWriter(header: header, to: url)
      #expect(writer.currentEntry?.name == "w")
      try writer.write(try Tensor(shape: [2, 3], scalars: [Float](arrayLiteral: 1, 2, 3, 4, 5, 6)))
      try writer.append(try Tensor(shape: [1], scalars: [Float(1)]))  // skips the zero-size entry
      #expect(writer.currentEntry?.name == "b")
      #expect(throws: SafeTensorsError.tooManyElements(name: "b", remaining: 3, got: 4)) {
        try writer.append(try Tensor(zeros: [4]))
      }
      #expect(throws: SafeTensorsError.entryInProgress(name: "b", written: 1, expected: 4)) {
        try writer.write(try Tensor(zeros: [4]))
      }
      try writer.append(try Tensor(shape: [3], scalars: [2.0, 3.0, 4.0]))
      #expect(throws: SafeTensorsError.dtypeMismatch(name: "n", stored: .i64, tensor: .float32)) {
        try writer.write(try Tensor(zeros: []))
      }
      #expect(throws: SafeTensorsError.incompleteData(name: "n", written: 0, expected: 1)) { try writer.finish() }
      #expect(!FileManager.default.fileExists(atPath: url.path))
      try writer.write(try Tensor(shape: [], scalars: [Int64(9)]))
      #expect(writer.currentEntry == nil)
      #expect(throws: SafeTensorsError.tooManyElements(name: nil, remaining: 0, got: 1)) {
        try writer.append(try Tensor(zeros: [1]))
      }
      try writer.finish()

      let file = try SafeTensors.read(contentsOf: url)
      #expect(try file.tensor(named: "w").doubles == [1, 2, 3, 4, 5, 6])
      #expect(try file.tensor(named: "none").shape == [0])
      #expect(try file.tensor(named: "b").doubles == [1, 2, 3, 4])
      #expect(try file.tensor(named: "n").storage == .int64([9]))
      #expect(try contents(of: directory) == ["streamed.safetensors"])
    }
  }

  @Test func writerRejectsWrongShape() throws {
    let header = try SafeTensorsHeader([("w", .f32, [2, 3])])
    try withTemporaryDirectory { directory throws in
      let writer = try SafeTensorsWriter(header: header, to: directory.appendingPathComponent("x.safetensors"))
      #expect(throws: SafeTensorsError.shapeMismatch(name: "w", expected: [2, 3], got: [3, 2])) {
        try writer.write(try Tensor(zeros: [3, 2]))
      }
      writer.cancel()
      #expect(try contents(of: directory).isEmpty)
    }
  }
}
