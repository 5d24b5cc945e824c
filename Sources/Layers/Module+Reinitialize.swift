import Initializers
import RandomModule

/// One step of a re-initialization after construction: run `scheme` on the parameter at `key`
/// (`nn.init.<scheme>(model.get_parameter(key))`).
public struct ParameterInitStep: Sendable, Equatable {
  /// The parameter's state-dict key, e.g. `layer1.0.conv1.weight`.
  public var key: String
  /// The scheme run on it.
  public var scheme: Initializer

  /// A step running `scheme` on the parameter `key`.
  public init(key: String, scheme: Initializer) {
    self.key = key
    self.scheme = scheme
  }
}

extension Module {
  /// Every module with its dotted path in `model.apply` order: children before their parent.
  public func namedModulesInApplyOrder(prefix: String = "") -> [(path: String, module: Module)] {
    namedChildren.flatMap { name, child in
      child.namedModulesInApplyOrder(prefix: prefix.isEmpty ? name : prefix + "." + name)
    } + [(prefix, self)]
  }

  /// The class name and those of its superclasses up to `Module`, for `isinstance` tests:
  /// `NonDynamicallyQuantizableLinear` gives `["NonDynamicallyQuantizableLinear", "Linear"]`, as
  /// `isinstance(out_proj, nn.Linear)` holds in PyTorch. NNInit's class hierarchy mirrors PyTorch's for
  /// its layers; abstract bases have NNInit's names (`BatchNorm` for `_BatchNorm`, `ConvolutionBase`
  /// for `_ConvNd`).
  public var typeNames: [String] {
    var names = [typeName]
    var mirror = Mirror(reflecting: self).superclassMirror
    while let m = mirror, m.subjectType != Module.self {
      let name = String(describing: m.subjectType)
      names.append(name.split(separator: ".").last.map(String.init) ?? name)
      mirror = m.superclassMirror
    }
    return names
  }

  /// The names of the module's own parameters, in registration order (`self._parameters`).
  public var parameterNames: [String] { parameterSlots.map(\.name) }

  /// Runs `steps` in order, each drawing from `generator.generator(forParameter: key)` (one stream for
  /// `TorchGenerator`: the draw order is the steps' order).
  ///
  /// - Throws: `ParameterInitError` naming the parameter when a scheme rejects it; a key that names no
  ///   parameter is skipped.
  public func reinitialize(_ steps: [ParameterInitStep], generator: (any RandomGenerator)? = nil) throws {
    let context = InitContext(generator: generator)
    for step in steps { try context.initialize(step.key, of: self, with: step.scheme) }
  }

  /// The seed tutorial's loop: for each module in `apply` order that has a `weight` (and a `bias`),
  /// run `weight` on the weight, then `bias` on the bias.
  ///
  /// Each parameter draws from `generator.generator(forParameter: key)` (one stream for
  /// `TorchGenerator`).
  public func reinitialize(weight: Initializer?, bias: Initializer?, generator: (any RandomGenerator)? = nil) throws {
    try reinitialize(steps(weight: weight, bias: bias), generator: generator)
  }

  /// The steps of ``reinitialize(weight:bias:generator:)``: `weight` then `bias` on each module that has
  /// them, in `apply` order.
  public func steps(weight: Initializer?, bias: Initializer?) -> [ParameterInitStep] {
    namedModulesInApplyOrder().flatMap { path, module in
      [("weight", weight), ("bias", bias)].compactMap { name, scheme -> ParameterInitStep? in
        guard let scheme, module.hasParameter(name) else { return nil }
        return ParameterInitStep(key: path.isEmpty ? name : path + "." + name, scheme: scheme)
      }
    }
  }
}
