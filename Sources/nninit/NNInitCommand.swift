import ArgumentParser

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
    subcommands: [Init.self, Fill.self, Show.self, Inspect.self, Bench.self, Lab.self])
}
