import TensorModule

/// Cuts a list of element runs (indices of the whole tensor) into chunks, fills each chunk in parallel
/// by position, applies the index fills, and emits it.
struct _ChunkWriter: Sendable {
  /// A piece of a run inside one chunk: chunk position, element index in the whole tensor, length.
  struct Segment: Sendable {
    var start: Int, source: Int, count: Int
  }

  let runs: [Range<Int>]
  let indexFills: [MaterializationPlan.IndexFill]
  /// Elements per index of dimension 0 (an index fill covers `[index·rowLength, (index+1)·rowLength)`).
  let rowLength: Int
  let chunkElements: Int

  func write<T: BinaryFloatingPoint & Sendable>(
    fill: @escaping @Sendable (UnsafeMutableBufferPointer<T>, Int) -> Void, make: ([T]) throws -> Tensor,
    emit: (Tensor) throws -> Void
  ) throws {
    var runIndex = 0, runPosition = runs.first?.lowerBound ?? 0
    while runIndex < runs.count {
      var segments: [Segment] = []
      var size = 0
      while size < chunkElements && runIndex < runs.count {
        let take = min(chunkElements - size, runs[runIndex].upperBound - runPosition)
        segments.append(Segment(start: size, source: runPosition, count: take))
        size += take
        runPosition += take
        if runPosition == runs[runIndex].upperBound {
          runIndex += 1
          if runIndex < runs.count { runPosition = runs[runIndex].lowerBound }
        }
      }
      let chunk = [T](unsafeUninitializedCapacity: size) { buffer, initialized in
        fillChunk(buffer, segments: segments, fill: fill)
        initialized = size
      }
      try emit(try make(chunk))
    }
  }

  private func fillChunk<T: BinaryFloatingPoint & Sendable>(
    _ buffer: UnsafeMutableBufferPointer<T>, segments: [Segment],
    fill: @escaping @Sendable (UnsafeMutableBufferPointer<T>, Int) -> Void
  ) {
    nonisolated(unsafe) let base = buffer.baseAddress!
    let indexFills = indexFills, rowLength = rowLength
    Parallel.forEachChunk(count: buffer.count, minimumChunk: 1 << 16) { range in
      // The first segment that ends after range.lowerBound.
      var low = 0, high = segments.count
      while low < high {
        let mid = (low + high) / 2
        if segments[mid].start + segments[mid].count <= range.lowerBound { low = mid + 1 } else { high = mid }
      }
      for segment in segments[low...] {
        guard segment.start < range.upperBound else { break }
        let from = max(segment.start, range.lowerBound), to = min(segment.start + segment.count, range.upperBound)
        let source = segment.source + (from - segment.start)
        let part = UnsafeMutableBufferPointer(start: base + from, count: to - from)
        fill(part, source)
        for indexFill in indexFills {
          let row = (indexFill.index * rowLength)..<((indexFill.index + 1) * rowLength)
          let overlap = row.clamped(to: source..<(source + part.count))
          for i in overlap { part[i - source] = T(indexFill.value) }
        }
      }
    }
  }
}
