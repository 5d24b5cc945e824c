import Foundation
import Interop
import TensorModule
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Links are followed, streams are written in place, and nothing is written that cannot fit.
@Suite struct OutputDestinationTests {
  static func tensors() throws -> [(name: String, tensor: Tensor)] { [("w", try Tensor(zeros: [3, 2]))] }

  @Test func emptyPathIsAnError() {
    #expect(throws: InteropFileError.cannotCreate(path: "", reason: "the path is empty")) { try OutputDestination(path: "") }
  }

  /// A symbolic link (even dangling) is followed: its target is written, the link stays a link.
  @Test func symbolicLinkIsFollowedNotReplaced() throws {
    try withTemporaryDirectory { directory throws in
      let link = directory.appendingPathComponent("link.safetensors")
      try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.safetensors")
      try SafeTensors.write(Self.tensors(), to: link)
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "target.safetensors")
      #expect(try SafeTensors.read(contentsOf: directory.appendingPathComponent("target.safetensors")).entries.map(\.name) == ["w"])
      #expect(try contents(of: directory) == ["link.safetensors", "target.safetensors"])
    }
  }

  /// A FIFO is written directly: the reader gets the whole file and the FIFO is still a FIFO.
  @Test func fifoIsStreamedAndSurvives() throws {
    try withTemporaryDirectory { directory throws in
      let fifo = directory.appendingPathComponent("pipe")
      #expect(mkfifo(fifo.path, 0o600) == 0)
      let received = ReceivedBytes()
      let reader = Thread { received.bytes = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data() }
      reader.start()
      try SafeTensors.write(Self.tensors(), to: fifo)
      while !received.done { usleep(1000) }
      #expect(try SafeTensors.decode(received.bytes).entries.map(\.name) == ["w"])
      #expect(try OutputDestination(path: fifo.path).isStream)
      #expect(try contents(of: directory) == ["pipe"])
    }
  }

  /// A character device (a null device made in a temporary directory, as root) is written in place
  /// and survives as the same device.
  @Test func characterDeviceSurvives() throws {
    guard getuid() == 0 else { return }  // mknod needs root
    try withTemporaryDirectory { directory throws in
      let node = directory.appendingPathComponent("null")
      var null = stat()
      #expect(stat("/dev/null", &null) == 0)  // only read: the device number of the null device
      #expect(mknod(node.path, S_IFCHR | 0o666, null.st_rdev) == 0)
      try SafeTensors.write(Self.tensors(), to: node)
      try NPY.write(Self.tensors()[0].tensor, to: node)
      var info = stat()
      #expect(lstat(node.path, &info) == 0)
      #expect(info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == null.st_rdev)
      #expect(try contents(of: directory) == ["null"])
    }
  }

  /// A file larger than the free space is refused before anything is created.
  @Test func fileLargerThanTheFreeSpaceIsRefused() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("huge.safetensors")
      let header = try SafeTensorsHeader([("w", .f32, [1 << 58])])  // 1 EiB
      #expect {
        _ = try SafeTensorsWriter(header: header, to: url)
      } throws: { error in
        guard case .insufficientSpace(let path, let byteCount, _, _)? = error as? InteropFileError else { return false }
        return path == url.path && byteCount > 1 << 60 && "\(error)".contains("needs 1 EiB")
      }
      #expect(try contents(of: directory).isEmpty)
    }
  }

  /// An existing file keeps its permissions when replaced.
  @Test func replacedFileKeepsItsPermissions() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("m.npy")
      try Data("old".utf8).write(to: url)
      #expect(chmod(url.path, 0o640) == 0)
      try NPY.write(Self.tensors()[0].tensor, to: url)
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      #expect((attributes[.posixPermissions] as? Int) == 0o640)
      let expected = try Self.tensors()[0].tensor
      #expect(try NPY.read(contentsOf: url) == expected)
    }
  }
}

/// Bytes a reader thread received.
private final class ReceivedBytes: @unchecked Sendable {
  private let lock = NSLock()
  private var value = Data()
  private var finished = false
  var bytes: Data {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue; finished = true } }
  }
  var done: Bool { lock.withLock { finished } }
}
