import ArgumentParser

/// `nninit lab`: see what initialization does — signal propagation, gradient flow, training.
/// Bare `nninit lab` runs `compare` with the seed tutorial's defaults and writes a report.
struct Lab: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure what initialization does to signal propagation and training, and write a report.",
    discussion: """
      Bare `nninit lab` runs `nninit lab compare` with the tutorial's defaults: inits uniform_(-0.1, 0.1), \
      xavier_uniform_, kaiming_uniform_(nonlinearity='relu'), constant_(0.5) (biases zero) and PyTorch's \
      default; ReLU and tanh; depths 5 and 20; width 128; the digits data set; SGD lr 0.01 momentum 0.9; \
      20 epochs. It writes report.html, report.md and results.json.
      """,
    subcommands: [LabCompare.self, LabSignal.self, LabTrain.self],
    defaultSubcommand: LabCompare.self)
}
