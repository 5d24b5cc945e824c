import Foundation
import Interop
import TensorModule
import TestSupport
import Testing

/// Files written by the real `safetensors.torch.save_file` and `numpy.save`
/// (`Scripts/make_interop_fixtures.py`), compared bit for bit with the values the script recorded.
@Suite struct PythonFixtureTests {
  /// One top-level section of `python_fixtures.json` (empty if missing, which `fixturesArePresent` catches).
  static func section(_ key: String) -> [String: Any] {
    let expected = (try? Fixtures.json("interop/python_fixtures.json")) as? [String: Any]
    return expected?[key] as? [String: Any] ?? [:]
  }

  static func bits(_ value: Any?) -> [UInt64] { (value as? [Any] ?? []).compactMap(hexBits) }

  @Test func fixturesArePresent() {
    #expect(Self.section("safetensors").count == 2)
    #expect(Self.section("npy").count == 5)
    #expect(Self.bits(Self.section("conversions")["float32"]).count > 100)
  }

  @Test(arguments: ["python_f32_f64_i64.safetensors", "python_f16_bf16.safetensors"])
  func readsPythonSafetensors(name: String) throws {
    let spec = try #require(Self.section("safetensors")[name] as? [String: Any])
    let file = try Fixtures.safetensors("interop/" + name)
    #expect(file.metadata == spec["metadata"] as? [String: String])
    #expect(file.names == spec["order"] as? [String])
    let tensors = try #require(spec["tensors"] as? [String: [String: Any]])
    #expect(Set(file.names) == Set(tensors.keys))
    for (tensorName, info) in tensors {
      let entry = try #require(file.entry(named: tensorName))
      #expect(entry.dtype.rawValue == info["dtype"] as? String)
      #expect(entry.shape == info["shape"] as? [Int])
      let storedBits = Self.bits(info["bits"])
      let tensor = try file.tensor(named: tensorName)
      #expect(tensor.shape == entry.shape)
      switch entry.dtype {
      case .f16: #expect(tensor.floats?.map { UInt64(HalfPrecision.float16Bits($0)) } == storedBits, "\(tensorName)")
      case .bf16: #expect(tensor.floats?.map { UInt64(HalfPrecision.bfloat16Bits($0)) } == storedBits, "\(tensorName)")
      case .f32, .f64, .i64: #expect(bitPatterns(tensor) == storedBits, "\(tensorName)")
      }
    }
  }

  /// Writing the decoded tensors back in the file's order, with the file's dtypes, reproduces Python's
  /// file byte for byte (so decoding F16/BF16 to float32 is lossless, and the header JSON matches).
  @Test(arguments: ["python_f32_f64_i64.safetensors", "python_f16_bf16.safetensors"])
  func writesIdenticallyToPython(name: String) throws {
    let original = try Fixtures.bytes("interop/" + name)
    let file = try Fixtures.safetensors("interop/" + name)
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent(name)
      let header = try SafeTensorsHeader(file.entries.map { ($0.name, $0.dtype, $0.shape) }, metadata: file.metadata)
      let writer = try SafeTensorsWriter(header: header, to: url)
      for (_, tensor) in try file.tensors() { try writer.write(tensor) }
      try writer.finish()
      #expect(try [UInt8](Data(contentsOf: url)) == original)
    }
    if file.entries.allSatisfy({ $0.dtype != .f16 && $0.dtype != .bf16 }) {
      #expect(try SafeTensors.encode(file.tensors(), metadata: file.metadata) == original)
    }
  }

  /// Our float32 → F16/BF16 rounding matches `tensor.to(torch.float16/bfloat16)` on edge cases and
  /// random values (NaN only up to being NaN: PyTorch's vectorized CPU kernel writes BF16 NaN as 0xFFFF).
  @Test func roundingMatchesPyTorch() throws {
    let conversions = Self.section("conversions")
    let source = Self.bits(conversions["float32"]).map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
    let f16 = Self.bits(conversions["f16"]), bf16 = Self.bits(conversions["bf16"])
    try #require(source.count == f16.count && source.count == bf16.count)
    for (i, value) in source.enumerated() {
      if value.isNaN {
        #expect(HalfPrecision.float(float16Bits: UInt16(f16[i])).isNaN && HalfPrecision.float(bfloat16Bits: UInt16(bf16[i])).isNaN)
        #expect(UInt64(HalfPrecision.float16Bits(value)) == f16[i])
        continue
      }
      #expect(UInt64(HalfPrecision.float16Bits(value)) == f16[i], "f16 of \(value)")
      #expect(UInt64(HalfPrecision.bfloat16Bits(value)) == bf16[i], "bf16 of \(value)")
    }
    // float64 tensors narrow through float32, as PyTorch does (double rounding included).
    let wide = Self.bits(conversions["float64"]).map(Double.init(bitPattern:))
    let tensor = try Tensor(shape: [wide.count], scalars: wide)
    for (storage, key) in [(SafeTensorsStorage.f16, "f16_from_f64"), (.bf16, "bf16_from_f64")] {
      let file = try SafeTensors.decode(SafeTensors.encode([("x", tensor)], storage: storage))
      let stored = try #require(file.entry(named: "x")).dtype.byteCount
      let raw = Array(file.rawBytes(for: try #require(file.entry(named: "x"))))
      let halves = stride(from: 0, to: raw.count, by: stored).map { UInt64(raw[$0]) | UInt64(raw[$0 + 1]) << 8 }
      #expect(halves == Self.bits(conversions[key]), "\(key)")
    }
  }

  @Test(arguments: ["python_f32.npy", "python_f64.npy", "python_i64_scalar.npy", "python_f32_empty.npy", "python_i64_fortran.npy"])
  func readsNumpyFiles(name: String) throws {
    let spec = try #require(Self.section("npy")[name] as? [String: Any])
    let tensor = try NPY.read(contentsOf: Fixtures.url("interop/" + name))
    #expect(tensor.shape == spec["shape"] as? [Int])
    let descr = spec["descr"] as? String
    #expect(tensor.dtype == (descr == "<f4" ? .float32 : descr == "<f8" ? .float64 : .int64))
    #expect(bitPatterns(tensor) == Self.bits(spec["bits"]))
    if spec["fortran_order"] as? Bool == false {
      #expect(NPY.encode(tensor) == (try Fixtures.bytes("interop/" + name)), "byte-identical to numpy.save")
    }
  }
}
