import Foundation

/// A file that appears at its destination complete or not at all.
///
/// Bytes go to a hidden temporary file in the destination's directory (`.name.<UUID>.tmp`), which
/// ``commit()`` flushes and renames over the destination in one atomic step. ``abandon()`` — called
/// automatically on deinit and after any failed write — removes the temporary file, so an error never
/// leaves a partial file behind and never touches an existing file at the destination.
final class _AtomicFile {
  /// Where the finished file goes.
  let destinationPath: String
  /// The temporary file being written.
  let temporaryPath: String
  private var descriptor: Int32
  private var isOpen = true

  /// Creates the temporary file next to `url`.
  ///
  /// - Throws: ``InteropFileError/cannotCreate(path:reason:)`` naming `url`'s path if the directory is
  ///   missing or not writable.
  init(destination url: URL) throws(InteropFileError) {
    destinationPath = url.path
    let directory = url.deletingLastPathComponent().path
    temporaryPath = directory + "/." + url.lastPathComponent + "." + UUID().uuidString + ".tmp"
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      isOpen = false
      throw .cannotCreate(path: destinationPath, reason: InteropFileError._lastErrorReason)
    }
  }

  deinit { abandon() }

  /// Appends `bytes` to the temporary file; on failure the file is abandoned.
  func write(_ bytes: [UInt8]) throws(InteropFileError) {
    guard isOpen else { throw .cannotWrite(path: destinationPath, reason: "the file was already finished or cancelled") }
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        return _posixWrite(descriptor, base + done, bytes.count - done)
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        let reason = n < 0 ? InteropFileError._lastErrorReason : "no progress writing"
        abandon()
        throw .cannotWrite(path: destinationPath, reason: reason)
      }
      done += n
    }
  }

  /// Flushes the temporary file to disk and renames it to the destination, replacing any file there.
  ///
  /// - Throws: ``InteropFileError`` (the temporary file is removed first).
  func commit() throws(InteropFileError) {
    guard isOpen else { throw .cannotWrite(path: destinationPath, reason: "the file was already finished or cancelled") }
    guard fsync(descriptor) == 0 else {
      let reason = InteropFileError._lastErrorReason
      abandon()
      throw .cannotWrite(path: destinationPath, reason: reason)
    }
    close(descriptor)
    isOpen = false
    guard rename(temporaryPath, destinationPath) == 0 else {
      let reason = InteropFileError._lastErrorReason
      unlink(temporaryPath)
      throw .cannotReplace(path: destinationPath, reason: reason)
    }
  }

  /// Closes and deletes the temporary file; does nothing once committed or abandoned.
  func abandon() {
    guard isOpen else { return }
    close(descriptor)
    unlink(temporaryPath)
    isOpen = false
  }

  /// Writes `bytes` to `url` atomically in one call.
  static func write(_ bytes: [UInt8], to url: URL) throws(InteropFileError) {
    let file = try _AtomicFile(destination: url)
    try file.write(bytes)
    try file.commit()
  }
}

/// POSIX `write(2)` (named apart from ``_AtomicFile/write(_:)``, which would shadow it).
private func _posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}
