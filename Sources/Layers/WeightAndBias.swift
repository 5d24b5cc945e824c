import TensorModule

/// A module with a `weight` parameter (`Linear`, the convolutions, `Embedding`, `Bilinear`).
public protocol HasWeight: Module {}

extension HasWeight {
  /// The `weight` parameter, in place: `try kaimingUniform(&model.fc1.weight, nonlinearity: .relu)`.
  public var weight: Tensor {
    get { self[parameter: "weight"] }
    _modify { yield &self[parameter: "weight"] }
  }
}

/// A module with an optional `bias` parameter (present when built with `bias: true`).
public protocol HasBias: Module {}

extension HasBias {
  /// The `bias` parameter, or `nil` when the module was built without one. Setting `nil` is ignored.
  public var bias: Tensor? {
    get { optionalParameter("bias") }
    set { setOptionalParameter("bias", newValue) }
  }
}
