import Initializers
import TensorModule

/// Root-mean-square layer normalization (`torch.nn.RMSNorm`).
///
/// Default init (no random numbers): weight = 1, shape `normalized_shape`, when `elementwise_affine`.
public final class RMSNorm: Module {
  /// The constructor's `normalized_shape`, as PyTorch stores it (a tuple).
  public let normalizedShape: [Int]
  /// The constructor's `eps`; `nil` prints `None` (the dtype's machine epsilon at run time).
  public let eps: PythonNumber?
  /// The constructor's `elementwise_affine`.
  public let elementwiseAffine: Bool

  /// `nn.RMSNorm(normalized_shape, eps=None, elementwise_affine=True)`.
  public init(_ normalizedShape: [Int], eps: PythonNumber? = nil, elementwiseAffine: Bool = true, dtype: DType = .float32) throws {
    self.normalizedShape = normalizedShape
    self.eps = eps
    self.elementwiseAffine = elementwiseAffine
    super.init()
    if elementwiseAffine { try declareParameter("weight", normalizedShape, dtype, layer: "RMSNorm") }
    try resetParameters(InitContext())
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .ones)
  }

  public override var extraDescription: String {
    "\(pythonTuple(normalizedShape)), eps=\(eps?.description ?? "None"), elementwise_affine=\(pythonBool(elementwiseAffine))"
  }
}

/// `max(0, x) + a·min(0, x)` with a learned slope per channel (`torch.nn.PReLU`).
///
/// Default init (no random numbers): weight = `init` (0.25), shape `(num_parameters)`.
public final class PReLU: Module {
  /// The constructor's `num_parameters`.
  public let numParameters: Int
  /// The constructor's `init`, the weight's starting value.
  public let initialValue: Double

  /// `nn.PReLU(num_parameters=1, init=0.25)`.
  public init(numParameters: Int = 1, initialValue: Double = 0.25, dtype: DType = .float32) throws {
    self.numParameters = numParameters
    self.initialValue = initialValue
    super.init()
    try declareParameter("weight", [numParameters], dtype, layer: "PReLU")
    try resetParameters(InitContext())
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .constant(initialValue))
  }

  public override var extraDescription: String { "num_parameters=\(numParameters)" }
}
