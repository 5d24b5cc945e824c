/// Why a checkpoint directory could not be written; the destination is left as it was.
public enum HFCheckpointError: Error, Equatable, CustomStringConvertible {
  /// The destination exists and is not an empty directory (it is never overwritten).
  case destinationExists(path: String)
  /// The temporary directory next to the destination could not be made.
  case cannotCreate(path: String, reason: String)
  /// A file inside the temporary directory could not be written.
  case cannotWrite(path: String, reason: String)
  /// The finished directory could not be moved into place.
  case cannotMove(path: String, reason: String)

  /// One line naming the path.
  public var description: String {
    switch self {
    case .destinationExists(let path): "\(path) already exists and is not an empty directory; choose a new directory"
    case .cannotCreate(let path, let reason): "cannot create a directory next to \(path): \(reason)"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    case .cannotMove(let path, let reason): "cannot move the finished checkpoint to \(path): \(reason)"
    }
  }
}
