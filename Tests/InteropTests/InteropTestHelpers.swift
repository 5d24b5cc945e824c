import Foundation
import Interop
import TensorModule

/// Runs `body` with a fresh empty directory that is deleted afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("InteropTests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  return try body(directory)
}

/// The names of the files in `directory` (hidden ones included), sorted.
func contents(of directory: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// A hex string such as `"0x3f80"` from the fixture JSON, as an integer.
func hexBits(_ value: Any) -> UInt64? {
  guard let text = value as? String, text.hasPrefix("0x") else { return nil }
  return UInt64(text.dropFirst(2), radix: 16)
}

/// The raw bit patterns of a tensor's elements (two's complement for `int64`).
func bitPatterns(_ tensor: Tensor) -> [UInt64] {
  switch tensor.storage {
  case .float32(let values): values.map { UInt64($0.bitPattern) }
  case .float64(let values): values.map(\.bitPattern)
  case .int64(let values): values.map { UInt64(bitPattern: $0) }
  }
}

/// The bytes of a safetensors file with the given header text and `dataSize` zero bytes of data.
func safetensorsBytes(header: String, dataSize: Int) -> [UInt8] {
  let json = Array(header.utf8)
  return withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json + [UInt8](repeating: 0, count: dataSize)
}
