import Initializers
import Layers
import RandomModule
import TensorModule

/// Builds PyTorch modules from SPEC text (`Linear(784, 256), ReLU(), Linear(256, 10)`).
///
/// Each call is bound against the PyTorch constructor's signature (same positional order, keyword
/// names and defaults), then the matching NNInit layer is constructed, drawing its default init in
/// PyTorch's order. Arguments are built before the call that receives them, left to right, as Python
/// evaluates `nn.Sequential(nn.Linear(…), …)`.
public struct ModelBuilder: Sendable {
  /// The dtype of floating-point parameters and buffers.
  public var dtype: DType
  /// The generator default initialization draws from (`nil`: `TorchGenerator.default`).
  public var generator: (any RandomGenerator)?

  /// A builder for parameters of `dtype`, drawing from `generator`.
  public init(dtype: DType = .float32, generator: (any RandomGenerator)? = nil) {
    self.dtype = dtype
    self.generator = generator
  }

  /// Parses and builds a SPEC.
  ///
  /// - Throws: `SpecSyntaxError` for malformed text, `SpecArgumentError` for unknown modules and bad
  ///   arguments, `LayerError`/`TensorError` for arguments PyTorch's constructor rejects.
  public func build(_ spec: String) throws -> Module {
    try build(try SpecParser.parseModel(spec))
  }

  /// Builds the module a parsed call describes.
  public func build(_ call: SpecCall) throws -> Module {
    guard let entry = ModelBuilder.catalog[call.name] else {
      throw ModelSpecError(name: call.name, position: call.position, kind: "module", known: ModelBuilder.moduleNames)
    }
    if call.name == "Sequential" {
      return Sequential(try call.arguments.map { argument in
        guard argument.label == nil, case .call(let inner) = argument.value else {
          throw SpecArgumentError(
            function: "Sequential", reason: .wrongType(argument: argument.label ?? "args", value: argument.value, expected: "Module"),
            position: argument.position)
        }
        return try build(inner)
      })
    }
    let arguments = try entry.signature.bind(call)
    return try entry.make(arguments, self)
  }

  /// Every module name SPEC accepts.
  public static var moduleNames: [String] { catalog.keys.sorted() }
}
