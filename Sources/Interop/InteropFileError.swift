import TensorModule
import _LibM

/// A file could not be read or written; every case names the path and the operating system's reason.
public enum InteropFileError: Error, Equatable, CustomStringConvertible {
  /// The file at `path` could not be opened or read.
  case cannotRead(path: String, reason: String)
  /// The output file for `path` could not be created (missing directory, no permission, …).
  case cannotCreate(path: String, reason: String)
  /// Writing the data for `path` failed part-way (disk full, I/O error, …); nothing was left behind.
  case cannotWrite(path: String, reason: String)
  /// The finished temporary file could not be moved to `path` (e.g. `path` is a directory).
  case cannotReplace(path: String, reason: String)
  /// The file at `path` is too large to load into memory (more than `MemoryBudget.available()`).
  case fileTooLarge(path: String, byteCount: UInt64)
  /// The file for `path` needs `byteCount` bytes but the file system holding `directory` has `available`.
  case insufficientSpace(path: String, byteCount: Int, available: Int, directory: String)
  /// The file for `path` needs `byteCount` bytes, more than the file-size limit (`ulimit -f`).
  case fileSizeLimit(path: String, byteCount: Int, limit: Int)

  /// A one-line message naming the offending values.
  public var description: String {
    switch self {
    case .cannotRead(let path, let reason): "cannot read '\(path)': \(reason)"
    case .cannotCreate(let path, let reason): "cannot create '\(path)': \(reason)"
    case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
    case .cannotReplace(let path, let reason): "cannot move the finished file into place at '\(path)': \(reason)"
    case .fileTooLarge(let path, let byteCount): "file '\(path)' is too large to load (\(byteCount) bytes; \(MemoryBudget.available().limitedBy))"
    case .insufficientSpace(let path, let byteCount, let available, let directory):
      "'\(path)' needs \(ByteCountText.text(byteCount)), but the file system of '\(directory)' has \(ByteCountText.text(available)) free"
    case .fileSizeLimit(let path, let byteCount, let limit):
      "'\(path)' needs \(ByteCountText.text(byteCount)), more than the file-size limit (ulimit -f) of \(ByteCountText.text(limit))"
    }
  }

  /// The current `errno` as text, e.g. "No such file or directory".
  static var _lastErrorReason: String { String(cString: strerror(errno)) }
}
