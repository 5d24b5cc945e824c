import Initializers
import RandomModule
import TensorModule

/// How a module's default initialization runs: which generator draws, and where the module sits.
///
/// Modules initialize their own parameters through ``initialize(_:of:with:)``, naming each parameter,
/// so the same code serves three purposes: PyTorch-parity construction (one generator stream in
/// PyTorch's order), position-addressed init (each parameter's generator keyed by its full path) and
/// ``Module/materializationPlan(weightInit:biasInit:)`` (records the schemes without drawing).
public struct InitContext {
  /// The generator parameters are drawn from.
  public var generator: any RandomGenerator
  /// The module's path in the model (`""` for the root, else e.g. `encoder.0`).
  public var prefix: String
  var recorder: ((String, Initializer, [Int]) -> Void)?
  /// With `recorder`: receives ``fill(_:of:index:value:)`` steps (key, index, value) instead of running them.
  var indexFillRecorder: ((String, Int, Double) -> Void)?

  /// A context drawing from `generator` (default: `TorchGenerator.default`) for a module at `prefix`.
  public init(generator: (any RandomGenerator)? = nil, prefix: String = "") {
    self.generator = generator ?? TorchGenerator.default
    self.prefix = prefix
  }

  /// Runs `scheme` on the parameter `path` (dotted, relative to `module`, e.g. `weight` or
  /// `out_proj.bias`), drawing from the generator keyed by the parameter's full path.
  public func initialize(_ path: String, of module: Module, with scheme: Initializer) throws {
    let fullPath = prefix.isEmpty ? path : prefix + "." + path
    guard let owner = module.submodule(ownerOf: path) else { return }
    let name = String(path.split(separator: ".").last ?? "")
    guard owner.module.hasParameter(name) else { return }
    if let recorder {
      recorder(fullPath, scheme, owner.module.shape(ofParameter: name))
      return
    }
    guard owner.module.isAllocated(parameter: name) else { return }  // declared only: nothing to draw into
    do {
      try scheme.apply(to: &owner.module[parameter: name], generator: generator.generator(forParameter: fullPath))
    } catch {
      throw ParameterInitError(parameter: fullPath, scheme: scheme, underlying: error)
    }
  }

  /// The context for a child module named `name`.
  public func child(_ name: String) -> InitContext {
    var copy = self
    copy.prefix = prefix.isEmpty ? name : prefix + "." + name
    return copy
  }
}
