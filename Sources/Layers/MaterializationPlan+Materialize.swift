import Initializers
import RandomModule
import TensorModule

extension MaterializationPlan {
  /// Computes every entry (or its part in `shard`) chunk by chunk and hands the chunks to `body`, in
  /// state-dict order and, within an entry, in row-major order of the (part of the) tensor.
  ///
  /// Each chunk is a 1-D tensor of at most `chunkElements` elements of the entry's dtype; entries with
  /// no elements produce no chunk. Memory stays at about one chunk (plus the whole tensor for the
  /// rare non-element-wise scheme, see `PositionalFill`), whatever the model's size. Chunks are filled
  /// on `Parallel.threadCount` threads, split by position, so the values never depend on the thread
  /// count, the chunk size or the shard: part `i` of `n` along `D` equals the same slice of the whole
  /// tensor, bit for bit, and the whole equals the in-memory `resetAllParameters(generator:)` result.
  ///
  /// A shard cuts parameters whose rank exceeds its dimension; other parameters and all buffers are
  /// written whole (replicated).
  /// The generator must be a `PositionAddressedGenerator` (e.g. `PhiloxGenerator`): a sequential
  /// stream such as `TorchGenerator` cannot compute one chunk without the ones before it.
  /// - Throws: a `ParameterInitError` naming the entry when its scheme rejects its shape; whatever
  ///   `body` throws.
  public func materialize(
    generator: any PositionAddressedGenerator, shard: TensorShard? = nil, chunkElements: Int = 1 << 22,
    _ body: (Entry, Tensor) throws -> Void
  ) throws {
    precondition(chunkElements > 0, "chunkElements must be positive, got \(chunkElements)")
    for entry in entries {
      let shape = entry.declaration.shape
      let cut = shard.flatMap { cuts(entry, $0) ? $0 : nil }
      let selected = cut?.runs(in: shape) ?? (shape.contains(0) ? [] : [0..<shape.reduce(1, *)])
      guard !selected.isEmpty else { continue }
      let source = try positionalFill(for: entry, generator: generator)
      let writer = _ChunkWriter(
        runs: selected, indexFills: entry.indexFills, rowLength: shape.dropFirst().reduce(1, *), chunkElements: chunkElements)
      switch entry.declaration.dtype {
      case .float32:
        try writer.write(
          fill: { (buffer: UnsafeMutableBufferPointer<Float>, offset) in source.fill(buffer, offset: offset) },
          make: { (values: [Float]) in try Tensor(shape: [values.count], scalars: values) }
        ) { try body(entry, $0) }
      case .float64:
        try writer.write(
          fill: { (buffer: UnsafeMutableBufferPointer<Double>, offset) in source.fill(buffer, offset: offset) },
          make: { (values: [Double]) in try Tensor(shape: [values.count], scalars: values) }
        ) { try body(entry, $0) }
      case .int64:
        let values = try source.tensor(cut)
        try body(entry, try values.reshaped([values.count]))
      }
    }
  }

  /// Every entry (or its part in `shard`) as a whole tensor in memory, in state-dict order — the
  /// in-memory form of ``materialize(generator:shard:chunkElements:_:)``, for small models and tests.
  public func tensors(generator: any PositionAddressedGenerator, shard: TensorShard? = nil) throws -> [(key: String, tensor: Tensor)] {
    var chunks: [String: [Tensor.Storage]] = [:]
    try materialize(generator: generator, shard: shard) { entry, chunk in chunks[entry.key, default: []].append(chunk.storage) }
    return try entries.map { entry in
      let shape = self.shape(of: entry, in: shard)
      let parts = chunks[entry.key] ?? []
      var floats: [Float] = [], doubles: [Double] = [], integers: [Int64] = []
      for part in parts {
        switch part {
        case .float32(let values): floats += values
        case .float64(let values): doubles += values
        case .int64(let values): integers += values
        }
      }
      switch entry.declaration.dtype {
      case .float32: return (entry.key, try Tensor(shape: shape, scalars: floats))
      case .float64: return (entry.key, try Tensor(shape: shape, scalars: doubles))
      case .int64: return (entry.key, try Tensor(shape: shape, scalars: integers))
      }
    }
  }
}
