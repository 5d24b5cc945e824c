import Foundation
import TensorModule

/// Streams a safetensors file to disk: the header first, then the data tensor by tensor or chunk by
/// chunk, so a model never has to be in memory all at once.
///
/// The file appears at its destination only when ``finish()`` succeeds. Until then the bytes go to a
/// hidden temporary file in the same directory, which ``cancel()``, an I/O error or deinitialization
/// deletes.
///
/// ```swift
/// let header = try SafeTensorsHeader([("weight", .f32, [4, 3]), ("bias", .f32, [4])])
/// let writer = try SafeTensorsWriter(header: header, to: url)
/// try writer.write(weight)
/// try writer.append(firstHalfOfBias)   // chunks fill the current entry in row-major order
/// try writer.append(secondHalfOfBias)
/// try writer.finish()
/// ```
public final class SafeTensorsWriter {
  /// The header written at the start of the file.
  public let header: SafeTensorsHeader
  private var cursor: _SafeTensorsCursor
  private let file: _AtomicFile

  /// Creates the temporary file and writes `header` to it, after checking that the whole file fits in
  /// the destination's free space and the file-size limit.
  ///
  /// `url` may also name a symbolic link (its target is written), a character device, a FIFO or
  /// `/dev/stdout` (written directly, see ``OutputDestination``).
  /// - Throws: ``InteropFileError`` naming `url`'s path: `cannotCreate`, `insufficientSpace`, `fileSizeLimit`.
  public init(header: SafeTensorsHeader, to url: URL) throws {
    self.header = header
    cursor = _SafeTensorsCursor(header)
    let headerBytes = header.encoded()
    let (size, overflow) = headerBytes.count.addingReportingOverflow(header.dataByteCount)
    file = try _AtomicFile(destination: url, expectedByteCount: overflow ? Int.max : size)
    try file.write(headerBytes)
  }

  /// The entry that the next ``write(_:)`` fills, or `nil` once all entries are complete.
  public var currentEntry: SafeTensorsEntry? { cursor.current }

  /// Writes `tensor` as the whole current entry, converting it to the entry's dtype.
  ///
  /// A failed check leaves the writer unchanged (the call can be retried with the right tensor).
  /// - Throws: ``SafeTensorsError/shapeMismatch(name:expected:got:)``,
  ///   ``SafeTensorsError/dtypeMismatch(name:stored:tensor:)``, ``SafeTensorsError/entryInProgress(name:written:expected:)``,
  ///   ``SafeTensorsError/tooManyElements(name:remaining:got:)``, or an ``InteropFileError``.
  public func write(_ tensor: Tensor) throws {
    let stored = try cursor.accept(whole: tensor)
    try _LittleEndian.forEachChunk(of: tensor.storage, as: stored) { try file.write($0) }
  }

  /// Appends the elements of `chunk` (row-major, any shape) to the current entry, moving on to the next
  /// entry once this one is full. A chunk may not span two entries.
  ///
  /// - Throws: ``SafeTensorsError/tooManyElements(name:remaining:got:)``,
  ///   ``SafeTensorsError/dtypeMismatch(name:stored:tensor:)``, or an ``InteropFileError``.
  public func append(_ chunk: Tensor) throws {
    let stored = try cursor.accept(chunk: chunk)
    try _LittleEndian.forEachChunk(of: chunk.storage, as: stored) { try file.write($0) }
  }

  /// Checks that every entry is complete, then moves the file into place atomically.
  ///
  /// - Throws: ``SafeTensorsError/incompleteData(name:written:expected:)`` (the writer stays open), or an
  ///   ``InteropFileError`` (the temporary file is deleted).
  public func finish() throws {
    try cursor.finish()
    try file.commit()
  }

  /// Deletes the temporary file; the destination is left untouched. Does nothing after ``finish()``.
  public func cancel() {
    file.abandon()
  }
}
