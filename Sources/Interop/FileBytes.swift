import Foundation

/// Reads a whole file into memory with POSIX calls, so failures carry `strerror` reasons.
///
/// - Throws: ``InteropFileError/cannotRead(path:reason:)`` naming `url`'s path.
func _readFileBytes(_ url: URL) throws(InteropFileError) -> [UInt8] {
  let path = url.path
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { throw .cannotRead(path: path, reason: InteropFileError._lastErrorReason) }
  defer { close(fd) }
  var info = stat()
  guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, reason: InteropFileError._lastErrorReason) }
  guard (info.st_mode & S_IFMT) == S_IFREG else { throw .cannotRead(path: path, reason: "not a regular file") }
  guard let size = Int(exactly: info.st_size) else { throw .fileTooLarge(path: path, byteCount: UInt64(info.st_size)) }
  var bytes = [UInt8](repeating: 0, count: size)
  var filled = 0
  while filled < size {
    let n = bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      return read(fd, base + filled, size - filled)
    }
    if n < 0 {
      if errno == EINTR { continue }
      throw .cannotRead(path: path, reason: InteropFileError._lastErrorReason)
    }
    if n == 0 { break }  // the file shrank while reading: return what is there
    filled += n
  }
  if filled < size { bytes.removeSubrange(filled...) }
  return bytes
}
