import Foundation
import Interop

/// Locates and loads the checked-in files under `Tests/Fixtures/`, independent of the working directory
/// (paths are resolved from this source file's location, so plain `swift test` works in a fresh clone).
public enum Fixtures {
  /// The `Tests/Fixtures` directory.
  public static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Tests/TestSupport
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("Fixtures", isDirectory: true)

  /// The URL of `relativePath` under `Tests/Fixtures/`, e.g. `url("interop/python_arrays.json")`.
  public static func url(_ relativePath: String) -> URL {
    directory.appendingPathComponent(relativePath)
  }

  /// The raw bytes of a fixture file.
  public static func bytes(_ relativePath: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(relativePath)))
  }

  /// A safetensors fixture, read and validated with ``SafeTensors/read(contentsOf:)``.
  public static func safetensors(_ relativePath: String) throws -> SafeTensorsFile {
    try SafeTensors.read(contentsOf: url(relativePath))
  }

  /// The directory under `Tests/Fixtures/torch/` holding what the PyTorch wheels for this machine's
  /// architecture compute, the results `TorchGenerator.Flavor.platformDefault` reproduces: `aarch64` on
  /// arm64, `vectorized` (the AVX2/AVX-512 x86-64 wheels) elsewhere.
  public static var torchPlatformCapability: String {
    #if arch(arm64)
      "aarch64"
    #else
      "vectorized"
    #endif
  }

  /// A JSON fixture parsed with `JSONSerialization` (objects are `[String: Any]`, arrays `[Any]`).
  public static func json(_ relativePath: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url(relativePath)), options: [.fragmentsAllowed])
  }
}
