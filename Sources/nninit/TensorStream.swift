import Foundation
import NNInit

/// `nninit fill --generator philox`: the tensor computed and written chunk by chunk, so its size is
/// bounded by the disk, not the memory. The bytes equal those of the in-memory fill with the same
/// generator (``PositionalFill`` reproduces `apply(to:generator:)` bit for bit).
enum TensorStream {
  /// Elements per chunk (16 MiB of float32).
  static let chunkElements = 1 << 22

  static func write(
    _ scheme: Initializer, shape: [Int], dtype: DType, generator: any PositionAddressedGenerator, call: String,
    to destination: OutputPath
  ) throws {
    let total = try reporting("--shape") { try Tensor.elementCount(shape, dtype: dtype) }  // before any fan arithmetic
    let fill = try reporting(call) { try scheme.positionalFill(shape: shape, dtype: dtype, generator: generator) }
    let append: (Tensor) throws -> Void, finish: () throws -> Void, cancel: () -> Void
    switch destination.format {
    case .npy:
      let writer = try reporting("--output") { try NPYWriter(dtype: dtype, shape: shape, to: destination.url) }
      (append, finish, cancel) = (writer.append, writer.finish, writer.cancel)
    case .safetensors:
      let header = try reporting("--output") {
        try SafeTensorsHeader([("tensor", SafeTensorsDType(dtype), shape)], metadata: ["format": "pt"])
      }
      let writer = try reporting("--output") { try SafeTensorsWriter(header: header, to: destination.url) }
      (append, finish, cancel) = (writer.append, writer.finish, writer.cancel)
    }
    let progress = WriteProgress(totalBytes: total * dtype.byteCount, label: destination.url.lastPathComponent)
    do {
      var offset = 0
      while offset < total {
        let count = min(chunkElements, total - offset)
        let chunk: Tensor
        if dtype == .float64 {
          let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill.fill(buffer, offset: offset)
            initialized = count
          }
          chunk = try Tensor(shape: [count], scalars: values)
        } else {
          let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill.fill(buffer, offset: offset)
            initialized = count
          }
          chunk = try Tensor(shape: [count], scalars: values)
        }
        try append(chunk)
        progress?.advance(byBytes: count * dtype.byteCount)
        offset += count
      }
      try finish()
      progress?.finish()
    } catch {
      cancel()
      progress?.abandon()
      throw CLIError(option: "--output", error)
    }
  }
}
