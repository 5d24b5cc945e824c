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

  /// The shape of the input a lone `Lazy*` module is run on once (as PyTorch materializes it on its
  /// first call); `nil`: building a `Lazy*` module is an error naming what is missing.
  public var inputShape: [Int]?
  /// Whether this builder is building an argument of another call (a `Lazy*` module is then an error).
  var isNested = false

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
  ///
  /// As Python evaluates `nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])`, every module written inside
  /// the arguments (also inside lists and dicts) is built first, in source order, drawing its init
  /// then; the call itself is built last.
  public func build(_ call: SpecCall) throws -> Module {
    guard let entry = ModelBuilder.catalog[call.name] else {
      throw ModelSpecError(name: call.name, position: call.position, kind: "module", known: ModelBuilder.moduleNames)
    }
    let call = call.withUniquePositions()
    var context = Context(builder: self)
    for argument in call.arguments { try context.buildModules(in: argument.value) }
    let arguments = try entry.signature.bind(call)
    return try entry.make(arguments, context)
  }

  /// Every module name SPEC accepts.
  public static var moduleNames: [String] { catalog.keys.sorted() }
}
