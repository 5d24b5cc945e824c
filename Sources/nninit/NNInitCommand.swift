import ArgumentParser
import Foundation
import NNInit

/// The `nninit` command: PyTorch-exact parameter initialization from the command line.
@main
struct NNInitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nninit",
    abstract: "Initialize neural-network parameters exactly as PyTorch does, from Swift.",
    discussion: """
      SPEC is PyTorch constructor syntax without `nn.`: `Linear(784, 256), ReLU(), Linear(256, 10)`.
      CALL is a torch.nn.init call without the tensor: `kaiming_uniform_(nonlinearity='relu')`.
      """,
    version: nninitVersion,
    subcommands: [Init.self, Fill.self, Show.self, Bench.self, Lab.self])

  /// Runs the command line; any failure prints one line, `Error: <what and where>`, on standard error
  /// (no usage dump: `--help` shows it) and exits non-zero — 64 for usage errors, 1 for the rest.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      guard code != .success else { exit(withError: error) }  // --help, --version
      let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
      FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
      Foundation.exit(code.rawValue)
    }
  }
}
