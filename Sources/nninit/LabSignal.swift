import ArgumentParser
import NNInit

/// `nninit lab signal`: signal propagation and gradient flow through a deep MLP at initialization.
struct LabSignal: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signal",
    abstract: "Per-layer activation and gradient statistics of an MLP at init, theory beside measurement.",
    discussion: """
      An MLP of DEPTH Linear layers WIDTH → WIDTH with the activation between them, on BATCH inputs ~ N(0, 1); \
      then L = sum(y ⊙ g), g ~ N(0, 1), is back-propagated.
      Example: nninit lab signal --depth 20 --width 256 --activation relu --init "kaiming_normal_(nonlinearity='relu')"
      """)

  @Option(help: "Linear layers (≥ 1).") var depth = 20
  @Option(help: "Width of every layer (input, hidden and output).") var width = 256
  @Option(help: "relu, leaky_relu, tanh or sigmoid.") var activation: LabActivation = .relu
  @Option(name: .customLong("init"), help: "Weight init: a torch.nn.init call, or `default` (PyTorch's).")
  var initCall = "kaiming_normal_(nonlinearity='relu')"
  @Option(help: "Bias init (default: zeros_() with --init CALL, PyTorch's with --init default).") var biasInit: String?
  @Option(help: "Inputs per batch.") var batch = 256
  @OptionGroup var experiment: LabRunOptions
  @Flag(help: "Print JSON: {\"layers\": [{\"layer\": 1, \"linear_output_mean\": …}, …], …}.") var json = false

  func run() throws {
    experiment.parallelism.apply()
    try LabParsing.atLeast(depth, 1, "--depth")
    try LabParsing.atLeast(width, 1, "--width")
    try LabParsing.atLeast(batch, 1, "--batch")
    let config = SignalConfig(
      depth: depth, width: width, activation: activation,
      initialization: try LabParsing.initialization(initCall, bias: biasInit), batch: batch, seed: experiment.seed,
      generator: experiment.generator)
    let result = try reporting("signal") { try runSignalExperiment(config) }
    print(json ? try LabParsing.json(result) : LabText.signal(result))
  }
}
