import Foundation
import TensorModule

/// Streams an `.npy` file to disk: the header first, then the elements chunk by chunk in row-major
/// order, so a tensor never has to be in memory all at once.
///
/// Like ``SafeTensorsWriter``, the file appears at its destination only when ``finish()`` succeeds
/// (see ``OutputDestination`` for links, devices and FIFOs); the bytes equal ``NPY/encode(_:)``'s for
/// the same tensor.
public final class NPYWriter {
  /// The element type of the file.
  public let dtype: DType
  /// The shape of the file's array.
  public let shape: [Int]
  private let file: _AtomicFile
  private var remaining: Int

  /// Creates the temporary file and writes the header, after checking the whole file fits.
  ///
  /// - Throws: `TensorError` for a negative or overflowing shape, ``InteropFileError`` naming `url`'s path.
  public init(dtype: DType, shape: [Int], to url: URL) throws {
    self.dtype = dtype
    self.shape = shape
    remaining = try Tensor.elementCount(shape, dtype: dtype)
    let header = NPY.header(dtype: dtype, shape: shape)
    let (size, overflow) = header.count.addingReportingOverflow(remaining * dtype.byteCount)
    file = try _AtomicFile(destination: url, expectedByteCount: overflow ? Int.max : size)
    try file.write(header)
  }

  /// Appends the elements of `chunk` (row-major, any shape).
  ///
  /// - Throws: ``NPYError/chunkMismatch(expectedDType:remaining:got:gotCount:)`` for a chunk of another
  ///   dtype or more elements than remain (the writer is unchanged), or an ``InteropFileError``.
  public func append(_ chunk: Tensor) throws {
    guard chunk.dtype == dtype, chunk.count <= remaining else {
      throw NPYError.chunkMismatch(expectedDType: dtype, remaining: remaining, got: chunk.dtype, gotCount: chunk.count)
    }
    try _LittleEndian.forEachChunk(of: chunk.storage, as: SafeTensorsDType(dtype)) { try file.write($0) }
    remaining -= chunk.count
  }

  /// Checks that every element was written, then moves the file into place atomically.
  ///
  /// - Throws: ``NPYError/incompleteData(remaining:)`` (the writer stays open), or an ``InteropFileError``.
  public func finish() throws {
    guard remaining == 0 else { throw NPYError.incompleteData(remaining: remaining) }
    try file.commit()
  }

  /// Deletes the temporary file; the destination is left untouched. Does nothing after ``finish()``.
  public func cancel() {
    file.abandon()
  }
}
