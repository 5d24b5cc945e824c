import Foundation
import TensorModule

/// An output file that appears at its destination complete or not at all — or, for a stream, is
/// written straight through.
///
/// The destination decides how (``OutputDestination``):
/// - a regular file, or a path with nothing there: bytes go to a hidden temporary file in the same
///   directory (`.name.<UUID>.tmp`), which ``commit()`` flushes and renames over the destination in one
///   atomic step, keeping an existing file's permissions. ``abandon()`` — called on deinit, after a failed
///   write, and by ``OutputSignals`` on SIGINT/SIGTERM/SIGHUP — removes the temporary file, so an error
///   never leaves a partial file and never touches the existing one;
/// - a symbolic link is followed (its final target is written as above); the link itself stays;
/// - a character device, a FIFO or `/dev/stdout` is written directly (no temporary file, no rename: the
///   node is never replaced). Bytes already written to a stream cannot be taken back.
final class _AtomicFile {
  /// Where the finished file goes, as the caller named it (for messages).
  let destinationPath: String
  /// The temporary file being written, or `nil` when writing a stream directly.
  let temporaryPath: String?
  private let finalPath: String
  private var descriptor: Int32
  private var isOpen = true

  /// Opens the output for `url`.
  ///
  /// - Parameter expectedByteCount: the file's final size, if known: checked against the free space of
  ///   the destination's file system and the file-size limit (`ulimit -f`) before anything is written.
  /// - Throws: ``InteropFileError`` naming `url`'s path: `cannotCreate` (missing or unwritable
  ///   directory, a directory or block device at the path), `insufficientSpace`, `fileSizeLimit`.
  init(destination url: URL, expectedByteCount: Int? = nil) throws(InteropFileError) {
    destinationPath = url.path
    let destination = try OutputDestination(path: url.path)
    finalPath = destination.path
    switch destination.kind {
    case .stream(let standardOutput):
      temporaryPath = nil
      descriptor = standardOutput ? dup(1) : open(finalPath, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        isOpen = false
        throw .cannotCreate(path: destinationPath, reason: InteropFileError._lastErrorReason)
      }
    case .file(let existingMode):
      let directory = (finalPath as NSString).deletingLastPathComponent
      if let expectedByteCount {
        try _AtomicFile.checkRoom(for: expectedByteCount, in: directory.isEmpty ? "." : directory, path: destinationPath)
      }
      let name = (finalPath as NSString).lastPathComponent
      let temporary = (directory.isEmpty ? "" : directory + "/") + "." + name + "." + UUID().uuidString + ".tmp"
      temporaryPath = temporary
      // Signals are held while the file is created and registered, so an interrupt cannot leave it behind.
      let fd = _UnfinishedFiles.withSignalsBlocked { () -> Int32 in
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd >= 0 { _UnfinishedFiles.register(temporary) }
        return fd
      }
      descriptor = fd
      guard fd >= 0 else {
        isOpen = false
        throw .cannotCreate(path: destinationPath, reason: InteropFileError._lastErrorReason)
      }
      if let existingMode { fchmod(fd, existingMode) }
    }
  }

  deinit { abandon() }

  /// Appends `bytes`; on failure the output is abandoned.
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

  /// Flushes the temporary file to disk and renames it to the destination, replacing any file there
  /// (for a stream: closes it).
  ///
  /// - Throws: ``InteropFileError`` (the temporary file is removed first).
  func commit() throws(InteropFileError) {
    guard isOpen else { throw .cannotWrite(path: destinationPath, reason: "the file was already finished or cancelled") }
    guard let temporaryPath else {
      isOpen = false
      guard close(descriptor) == 0 || errno == EINTR else {
        throw .cannotWrite(path: destinationPath, reason: InteropFileError._lastErrorReason)
      }
      return
    }
    guard fsync(descriptor) == 0 else {
      let reason = InteropFileError._lastErrorReason
      abandon()
      throw .cannotWrite(path: destinationPath, reason: reason)
    }
    close(descriptor)
    isOpen = false
    guard rename(temporaryPath, finalPath) == 0 else {
      let reason = InteropFileError._lastErrorReason
      unlink(temporaryPath)
      _UnfinishedFiles.unregister(temporaryPath)
      throw .cannotReplace(path: destinationPath, reason: reason)
    }
    _UnfinishedFiles.unregister(temporaryPath)
  }

  /// Closes the output and deletes the temporary file; does nothing once committed or abandoned.
  func abandon() {
    guard isOpen else { return }
    close(descriptor)
    if let temporaryPath {
      unlink(temporaryPath)
      _UnfinishedFiles.unregister(temporaryPath)
    }
    isOpen = false
  }

  /// Throws when `byteCount` bytes exceed the free space of the file system holding `directory`, or the
  /// process's file-size limit.
  private static func checkRoom(for byteCount: Int, in directory: String, path: String) throws(InteropFileError) {
    var info = statvfs()
    if statvfs(directory, &info) == 0 {
      let (free, overflow) = Int(clamping: info.f_bavail).multipliedReportingOverflow(by: Int(clamping: info.f_frsize))
      if !overflow && byteCount > free {
        throw .insufficientSpace(path: path, byteCount: byteCount, available: free, directory: directory)
      }
    }
    var limit = rlimit()
    #if canImport(Glibc)
      let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
    #else
      let resource = RLIMIT_FSIZE
    #endif
    if getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max, let cap = Int(exactly: limit.rlim_cur), byteCount > cap {
      throw .fileSizeLimit(path: path, byteCount: byteCount, limit: cap)
    }
  }
}

/// POSIX `write(2)` (named apart from ``_AtomicFile/write(_:)``, which would shadow it).
private func _posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}
