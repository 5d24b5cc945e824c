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
  /// For error messages: each call's rank among the calls of its name in the whole SPEC (see
  /// ``occurrences(in:)``), and the path of the module being built (`1.0`; empty for the root).
  var occurrences: [Int: Int]? = nil
  var path = ""

  /// A builder for parameters of `dtype`, drawing from `generator`.
  public init(dtype: DType = .float32, generator: (any RandomGenerator)? = nil) {
    self.dtype = dtype
    self.generator = generator
  }

  /// Parses and builds a SPEC.
  ///
  /// - Throws: `SpecSyntaxError` for malformed text, `SpecArgumentError` for unknown modules and bad
  ///   arguments, ``ModuleConstructionError`` (wrapping `LayerError`/`TensorError`) for arguments
  ///   PyTorch's constructor rejects.
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
    let call = isNested ? call : call.withUniquePositions()
    var builder = self
    if builder.occurrences == nil { builder.occurrences = ModelBuilder.occurrences(in: call) }
    var context = Context(builder: builder)
    for (index, argument) in call.arguments.enumerated() {
      // Sequential's children are `0`, `1`, …; other containers name theirs as they build them.
      let child = call.name == "Sequential" && argument.label == nil ? "\(index)" : nil
      try context.buildModules(in: argument.value, path: child.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path)
    }
    let arguments = try entry.signature.bind(call)
    builder.dtype = try factoryDType(arguments)
    context = Context(builder: builder, modules: context.modules)
    do {
      return try entry.make(arguments, context)
    } catch let error as SpecArgumentError {
      throw error
    } catch let error as ModuleConstructionError {
      throw error
    } catch {
      throw ModuleConstructionError(
        module: call.name, occurrence: builder.occurrences?[call.position], position: call.position, path: path,
        underlying: error)
    }
  }

  /// PyTorch's factory keywords: `device` may only name the CPU; `dtype=torch.float32`/`torch.float64`
  /// sets the module's dtype (`None`: the builder's). Anything else would be silently ignored, so it
  /// is an error naming the argument.
  private func factoryDType(_ arguments: SpecBoundArguments) throws(SpecArgumentError) -> DType {
    // Only modules whose constructor takes them have them (binding rejects them elsewhere).
    switch arguments.isSupplied("device") ? arguments.value("device") : .none {
    case .none: break
    case .string(let device) where device == "cpu" || device == "cpu:0": break
    case .string:
      throw arguments.invalidValue("device", requirement: "'cpu' or None (NNInit computes parameters on the CPU)")
    default: throw arguments.wrongType("device", expected: "str or None")
    }
    switch arguments.isSupplied("dtype") ? arguments.value("dtype") : .none {
    case .none: return dtype
    case .string("torch.float32"): return .float32
    case .string("torch.float64"): return .float64
    case .string(let name) where name.hasPrefix("torch."):
      throw arguments.invalidValue("dtype", requirement: "torch.float32, torch.float64 or None (the dtypes NNInit computes in)")
    default: throw arguments.wrongType("dtype", expected: "torch.dtype (torch.float32 or torch.float64) or None")
    }
  }

  /// For each call whose name occurs more than once in `call`'s tree: its position → its rank (from 1)
  /// among the calls of that name, left to right.
  static func occurrences(in call: SpecCall) -> [Int: Int] {
    var positions: [String: [Int]] = [:]
    func visit(_ value: SpecValue) {
      switch value {
      case .call(let inner):
        positions[inner.name, default: []].append(inner.position)
        inner.arguments.forEach { visit($0.value) }
      case .tuple(let items): items.forEach(visit)
      case .dictionary(let entries): entries.forEach { visit($0.value) }
      default: break
      }
    }
    visit(.call(call))
    var result: [Int: Int] = [:]
    for list in positions.values where list.count > 1 {
      for (rank, position) in list.sorted().enumerated() { result[position] = rank + 1 }
    }
    return result
  }

  /// Every module name SPEC accepts.
  public static var moduleNames: [String] { catalog.keys.sorted() }
}
