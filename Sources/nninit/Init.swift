import ArgumentParser
import Foundation
import NNInit

/// `nninit init`: build a model from SPEC as PyTorch would after `torch.manual_seed(N)`, optionally
/// re-initialize it, and write its state dict.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a model as PyTorch would after torch.manual_seed(N) and write its state dict.",
    discussion: """
      Example: nninit init --model 'Linear(10, 5), ReLU(), Linear(5, 1)' --seed 42 --print \\
                 --weight-init "kaiming_uniform_(nonlinearity='relu')" --bias-init 'zeros_()' --output model.safetensors
      """)

  @Option(help: "The model: PyTorch constructor syntax without `nn.`.")
  var model = "Linear(784, 256), ReLU(), Linear(256, 10)"

  @OptionGroup var options: GeneratorOptions

  @Option(help: "A torch.nn.init call applied to every module's `weight`, in model.apply order.")
  var weightInit: String?

  @Option(help: "A torch.nn.init call applied to every module's `bias`, after its weight.")
  var biasInit: String?

  @Option(help: "Where to write the state dict (.safetensors, loadable by load_state_dict).")
  var output: String?

  @Flag(name: .customLong("print"), help: "Print the model as PyTorch's print(model) does (the default without --output).")
  var printModel = false

  func run() throws {
    let weightScheme = try weightInit.map { text in try reporting("--weight-init") { try InitCallBuilder.initializer(from: text) } }
    let biasScheme = try biasInit.map { text in try reporting("--bias-init") { try InitCallBuilder.initializer(from: text) } }
    let generator = options.makeGenerator()
    let module = try reporting("--model") {
      try ModelBuilder(dtype: options.dtype, generator: generator).build(model)
    }
    if options.generator == .philox {
      try reporting("--model") { try module.resetAllParameters(generator: generator) }
    }
    try reporting("--weight-init/--bias-init") {
      try module.reinitialize(weight: weightScheme, bias: biasScheme, generator: generator)
    }
    if let output {
      try reporting("--output") {
        try SafeTensors.write(
          module.stateDict().map { (name: $0.key, tensor: $0.tensor) }, metadata: ["format": "pt"], to: URL(fileURLWithPath: output))
      }
    }
    if printModel || output == nil { print(module.description) }
  }
}
