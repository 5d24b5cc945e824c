#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an output path names, after following symbolic links, and so how it may be written.
///
/// Mirrors what a careful `numpy.save`/`safetensors` caller would do by hand: replace a regular file
/// atomically, write through a link to its target, stream into a device or FIFO, refuse a directory.
public struct OutputDestination: Sendable, Equatable {
  /// How the destination is written.
  public enum Kind: Sendable, Equatable {
    /// A regular file (`existingMode`: its permission bits) or nothing yet (`nil`): written to a
    /// temporary file and renamed into place.
    case file(existingMode: mode_t?)
    /// A character device, a FIFO or (`standardOutput`) the process's standard output: written directly.
    case stream(standardOutput: Bool)
  }

  /// The path written: the given one with every symbolic link resolved.
  public let path: String
  /// How it is written.
  public let kind: Kind

  /// Resolves `path` (at most 40 links, as the kernel allows).
  ///
  /// `/dev/stdout` (and `-`) mean the standard output, whatever it is connected to.
  /// - Throws: ``InteropFileError/cannotCreate(path:reason:)`` for an empty path, a directory, a block
  ///   device or socket, or a loop of links.
  public init(path given: String) throws(InteropFileError) {
    guard !given.isEmpty else { throw .cannotCreate(path: given, reason: "the path is empty") }
    if given == "-" || given == "/dev/stdout" {
      path = given
      kind = .stream(standardOutput: true)
      return
    }
    var path = given
    for _ in 0..<40 {
      var info = stat()
      guard lstat(path, &info) == 0 else {
        // Nothing there (or a dangling link's target): a new file, created next to where it belongs.
        guard errno == ENOENT else { throw .cannotCreate(path: given, reason: InteropFileError._lastErrorReason) }
        guard !path.hasSuffix("/") else { throw .cannotCreate(path: given, reason: "the path names a directory") }
        self.path = path
        kind = .file(existingMode: nil)
        return
      }
      switch info.st_mode & S_IFMT {
      case S_IFLNK:
        guard let target = OutputDestination.readLink(path) else {
          throw .cannotCreate(path: given, reason: InteropFileError._lastErrorReason)
        }
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        path = target.hasPrefix("/") ? target : (directory.isEmpty && !path.hasPrefix("/") ? target : directory + "/" + target)
      case S_IFREG:
        self.path = path
        kind = .file(existingMode: info.st_mode & 0o7777)
        return
      case S_IFCHR, S_IFIFO:
        self.path = path
        kind = .stream(standardOutput: false)
        return
      case S_IFDIR:
        throw .cannotCreate(path: given, reason: "it is a directory")
      case S_IFBLK:
        throw .cannotCreate(path: given, reason: "it is a block device (NNInit writes files, FIFOs and character devices)")
      default:
        throw .cannotCreate(path: given, reason: "it is a socket or other special file")
      }
    }
    throw .cannotCreate(path: given, reason: "too many levels of symbolic links")
  }

  /// Whether the destination is written directly rather than replaced.
  public var isStream: Bool {
    if case .stream = kind { true } else { false }
  }

  private static func readLink(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink(path, &buffer, buffer.count - 1)
    guard n > 0 else { return nil }
    return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
