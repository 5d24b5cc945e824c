import ArgumentParser
import Foundation
import NNInit

/// `nninit fill`: one tensor, as `torch.manual_seed(N); t = torch.empty(shape); torch.nn.init.CALL(t)`.
struct Fill: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fill one tensor with a torch.nn.init call and write it (key `tensor`).",
    discussion: "Example: nninit fill 'trunc_normal_(std=0.02)' --shape 768,768 --seed 0 --output t.safetensors")

  @Argument(help: "The torch.nn.init call, e.g. 'xavier_normal_(gain=5/3)'.")
  var call: String

  @Option(parsing: .unconditional, help: "The shape, comma-separated: 768,768.")
  var shape: String

  @OptionGroup var options: GeneratorOptions

  @Option(help: "Where to write the tensor (.safetensors, or .npy).")
  var output: String

  func run() throws {
    options.parallelism.apply()
    let scheme = try reporting("CALL") { try InitCallBuilder.initializer(from: call) }
    let dims = try parseShape(shape)
    let destination = try OutputPath(output)
    if options.generator == .philox {
      let generator = PhiloxGenerator(seed: options.seed).positionAddressedGenerator(forParameter: "tensor")
      return try TensorStream.write(scheme, shape: dims, dtype: options.tensorDType(), generator: generator, call: call, to: destination)
    }
    let generator = options.makeGenerator().generator(forParameter: "tensor")
    var tensor = try reporting("--shape", streamingHint: true) { try Tensor(zeros: dims, dtype: options.tensorDType()) }
    try reporting(call) { try scheme.apply(to: &tensor, generator: generator) }
    try reporting("--output") {
      switch destination.format {
      case .npy: try NPY.write(tensor, to: destination.url)
      case .safetensors: try SafeTensors.write([("tensor", tensor)], metadata: ["format": "pt"], to: destination.url)
      }
    }
  }
}

/// `768,768` → `[768, 768]`; an empty string is a 0-d tensor.
func parseShape(_ text: String) throws -> [Int] {
  let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
  if parts == [""] { return [] }
  return try parts.enumerated().map { index, part in
    guard let value = Int(part), value >= 0 else {
      if let value = Int(part) {
        throw CLIError("--shape: dimension \(index) is \(value); dimensions must be non-negative (e.g. --shape 768,768)")
      }
      throw CLIError("--shape: dimension \(index) is '\(part)', expected a non-negative integer (e.g. --shape 768,768)")
    }
    return value
  }
}
