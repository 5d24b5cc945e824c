import Foundation

/// Runs the built `nninit` binary, as a user would from a shell.
struct CommandRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Standard output as bytes (for binary output such as `--output -`).
    var stdoutBytes: [UInt8] = []
  }

  /// The `nninit` executable next to the test bundle in the build directory.
  static var binary: URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("nninit")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/nninit")
  }

  /// Runs `nninit arguments` (in `directory`, if given); `environment` entries are added to (or
  /// replace) this process's.
  /// With `shell`, runs `/bin/sh arguments` instead (for `ulimit` and the like).
  static func run(
    _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, shell: Bool = false
  ) throws -> Result {
    let process = Process()
    process.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self), stdoutBytes: [UInt8](stdout))
  }

  /// A fresh empty directory for output files.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
