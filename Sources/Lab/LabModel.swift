import Initializers
import Layers
import RandomModule
import TensorModule
import Training

/// The lab's network: `depth` Linear layers `inputs → width → … → width → outputs` with the activation
/// between them (none after the last), as `nn.Sequential(Linear, act, Linear, act, …, Linear)`.
public struct MLPShape: Sendable, Codable, Equatable {
  /// Features in, hidden width, outputs, and the number of Linear layers (at least 1).
  public var inputs: Int, width: Int, outputs: Int, depth: Int
  /// The activation after every Linear layer but the last.
  public var activation: LabActivation

  /// An MLP shape; see the properties.
  public init(inputs: Int, width: Int, outputs: Int, depth: Int, activation: LabActivation) {
    self.inputs = inputs
    self.width = width
    self.outputs = outputs
    self.depth = depth
    self.activation = activation
  }

  /// The (in, out) features of each Linear layer.
  public var layerSizes: [(inFeatures: Int, outFeatures: Int)] {
    (0..<depth).map { i in (i == 0 ? inputs : width, i == depth - 1 ? outputs : width) }
  }

  /// Checks every size is positive.
  func validate() throws {
    try _require(depth >= 1, "depth must be at least 1, got \(depth)")
    try _require(width >= 1, "width must be at least 1, got \(width)")
    try _require(inputs >= 1 && outputs >= 1, "the network needs at least one input and one output, got \(inputs) → \(outputs)")
  }

  /// Builds the MLP and initializes it as PyTorch would after `torch.manual_seed(seed)`:
  ///
  ///     torch.manual_seed(seed)
  ///     model = nn.Sequential(nn.Linear(inputs, width), act(), …, nn.Linear(width, outputs))
  ///     for m in model.modules():                  # model.apply order; same Linear order
  ///         if isinstance(m, nn.Linear): init.weight(m.weight); init.bias(m.bias)
  ///
  /// With a `GeneratorKind.philox` generator every parameter is drawn from the Philox stream keyed
  /// by its state-dict path (`0.weight`, `2.bias`, …).
  ///
  /// - Throws: ``LabError/invalidInit(text:reason:)`` if a scheme fails on a Linear weight.
  public func makeModel(initialization: LabInit, generator: any RandomGenerator) throws -> Sequential {
    try validate()
    var modules: [Module] = []
    for (i, size) in layerSizes.enumerated() {
      modules.append(try Linear(size.inFeatures, size.outFeatures, generator: generator))
      if i < depth - 1 { modules.append(activation.makeModule()) }
    }
    let model = Sequential(modules)
    do {
      if generator is PhiloxGenerator { try model.resetAllParameters(generator: generator) }
      try model.reinitialize(weight: initialization.weight, bias: initialization.bias, generator: generator)
    } catch {
      throw LabError.invalidInit(text: initialization.name, reason: String(describing: error))
    }
    return model
  }

  /// The Linear layers of a model built by ``makeModel(initialization:generator:)``, in order.
  public static func linearLayers(of model: Sequential) -> [Linear] {
    model.layers.compactMap { $0 as? Linear }
  }
}
