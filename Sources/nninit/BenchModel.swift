import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `model.1b`: `nninit init` of 16 × `Linear(8192, 8192)` (1,073,872,896 parameters, 4 GiB of float32)
/// with `--generator philox` into a safetensors file in a temporary directory, run as a child process
/// of this binary so that its peak RSS (`wait4`'s `ru_maxrss`) is its own. The file is deleted after.
enum ModelBenchmark {
  static let layers = 16, width = 8192
  static var parameterCount: Int { layers * (width * width + width) }
  static var spec: String { Array(repeating: "Linear(\(width), \(width))", count: layers).joined(separator: ", ") }

  static func measure(threads: Int) throws -> BenchResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nninit-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("model.safetensors").path
    let arguments = [
      "init", "--model", spec, "--generator", "philox", "--seed", "0", "--threads", "\(threads)", "--output", output,
    ]
    let clock = ContinuousClock()
    var usage = rusage()
    var status: Int32 = 0
    let elapsed = try clock.measure { (status, usage) = try runChild(arguments) }
    guard status == 0 else { throw CLIError("model.1b: `nninit \(arguments.prefix(4).joined(separator: " ")) …` exited with status \(status)") }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return BenchResult(
      name: "model.1b", shape: [parameterCount], threads: threads,
      melemPerS: Double(parameterCount) / seconds / 1e6, seconds: seconds, peakRSSBytes: Int(usage.ru_maxrss) * 1024,
      detail: "nninit init --model 'Linear(8192, 8192), …' (16 layers) --generator philox --threads N --output <tmp>.safetensors (child process)")
  }

  /// Runs this executable with `arguments` (stdout and stderr to /dev/null) and waits for it: its exit
  /// status (or −signal) and its resource usage.
  private static func runChild(_ arguments: [String]) throws -> (Int32, rusage) {
    let executable = try currentExecutable()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw CLIError("model.1b: cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else { throw CLIError("model.1b: wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let exited = status & 0x7F == 0
    return (exited ? (status >> 8) & 0xFF : -(status & 0x7F), usage)
  }

  /// The path of the running executable.
  private static func currentExecutable() throws -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    if let path = Bundle.main.executablePath { return path }
    throw CLIError("model.1b: cannot find the path of this executable")
  }
}
