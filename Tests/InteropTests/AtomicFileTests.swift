import Foundation
import Interop
import TensorModule
import Testing

/// Writes either produce the complete file or leave the directory exactly as it was.
@Suite struct AtomicFileTests {
  static func tensors() throws -> [(name: String, tensor: Tensor)] { [("w", try Tensor(zeros: [4, 4]))] }

  @Test func missingDirectoryNamesThePathAndCreatesNothing() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("no/such/dir/model.safetensors")
      #expect(throws: InteropFileError.cannotCreate(path: url.path, reason: "No such file or directory")) {
        try SafeTensors.write(try Self.tensors(), to: url)
      }
      #expect(try contents(of: directory).isEmpty)
      let message = "\(InteropFileError.cannotCreate(path: url.path, reason: "No such file or directory"))"
      #expect(message.contains(url.path))
    }
  }

  /// The temporary file is created and filled, then the rename fails (a non-empty directory appeared
  /// at the destination meanwhile): the temporary file is removed and the directory is left alone.
  @Test func failedRenameRemovesTheTemporaryFile() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("taken")
      let writer = try SafeTensorsWriter(header: try SafeTensorsHeader([("w", .f32, [2])]), to: url)
      try writer.write(try Tensor(shape: [2], scalars: [Float(1), 2]))
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
      try Data([1]).write(to: url.appendingPathComponent("inside"))
      #expect {
        try writer.finish()
      } throws: { error in
        guard case .cannotReplace(let path, _)? = error as? InteropFileError else { return false }
        return path == url.path
      }
      #expect(try contents(of: directory) == ["taken"])
    }
  }

  /// A directory at the destination is refused before anything is created.
  @Test func directoryDestinationIsRefused() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("taken")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
      #expect(throws: InteropFileError.cannotCreate(path: url.path, reason: "it is a directory")) {
        try SafeTensors.write(try Self.tensors(), to: url)
      }
      #expect(throws: InteropFileError.self) { try NPY.write(try Self.tensors()[0].tensor, to: url) }
      #expect(try contents(of: directory) == ["taken"])
    }
  }

  /// An abandoned or incomplete streaming write never replaces an existing file.
  @Test func abandonedWriterKeepsTheExistingFile() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("model.safetensors")
      try SafeTensors.write(try Self.tensors(), metadata: ["version": "1"], to: url)
      let before = try Data(contentsOf: url)
      let header = try SafeTensorsHeader([("w", .f32, [4, 4]), ("b", .f32, [4])])
      do {
        let writer = try SafeTensorsWriter(header: header, to: url)
        try writer.write(try Self.tensors()[0].tensor)
        #expect(try contents(of: directory).count == 2)  // the destination and the hidden temporary file
        #expect(throws: SafeTensorsError.incompleteData(name: "b", written: 0, expected: 4)) { try writer.finish() }
      }  // the writer is deinitialized here
      #expect(try contents(of: directory) == ["model.safetensors"])
      #expect(try Data(contentsOf: url) == before)
      #expect(try SafeTensors.read(contentsOf: url).metadata == ["version": "1"])
    }
  }

  @Test func successfulWriteReplacesTheExistingFile() throws {
    try withTemporaryDirectory { directory throws in
      let url = directory.appendingPathComponent("x.npy")
      try Data("old contents".utf8).write(to: url)
      let tensor = try Self.tensors()[0].tensor
      try NPY.write(tensor, to: url)
      #expect(try NPY.read(contentsOf: url) == tensor)
      #expect(try contents(of: directory) == ["x.npy"])
    }
  }

  @Test func unwritableDirectoryNamesThePath() throws {
    // Permissions do not bind root; the check is meaningful only for ordinary users.
    guard getuid() != 0 else { return }
    try withTemporaryDirectory { directory throws in
      let locked = directory.appendingPathComponent("locked")
      try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
      defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked.path) }
      let url = locked.appendingPathComponent("m.safetensors")
      #expect(throws: InteropFileError.cannotCreate(path: url.path, reason: "Permission denied")) {
        try SafeTensors.write(try Self.tensors(), to: url)
      }
    }
  }
}
