import Initializers

/// Turns CALL text (`kaiming_uniform_(a=0, mode='fan_in', nonlinearity='relu')`) into an
/// `Initializer`, binding the arguments against the `torch.nn.init` function's signature.
///
/// Deprecated PyTorch aliases without the trailing underscore (`uniform`, `xavier_normal`, …) are
/// accepted with PyTorch's `FutureWarning` text — exactly those PyTorch has (`deprecatedAliases`;
/// there is no `zeros` or `ones`). Arguments are checked as PyTorch checks them: positional counts
/// include the tensor (`zeros_(1)`: "takes 1 positional argument but 2 were given"), `generator=` exists
/// only where PyTorch has it, and can only be `None` (NNInit's generator comes from the command line).
public enum InitCallBuilder {
  /// Parses and binds a CALL.
  ///
  /// - Throws: `SpecSyntaxError`, ``ModelSpecError`` for an unknown function, `SpecArgumentError` for
  ///   bad arguments, `InitError` for a bad nonlinearity or mode.
  public static func initializer(from text: String) throws -> Initializer {
    try initializer(from: try SpecParser.parseInitCall(text))
  }

  /// Binds a parsed CALL.
  public static func initializer(from call: SpecCall) throws -> Initializer {
    var call = call
    if deprecatedAliases.contains(call.name) {
      InitWarnings.warn("`nn.init.\(call.name)` is now deprecated in favor of `nn.init.\(call.name)_`.")
      call.name += "_"
    }
    guard let parameters = signatures[call.name] else {
      throw ModelSpecError(name: call.name, position: call.position, kind: "torch.nn.init function", known: functionNames)
    }
    let takesGenerator = !["constant_", "ones_", "zeros_", "eye_", "dirac_"].contains(call.name)
    var signature = SpecSignature(call.name, parameters + (takesGenerator ? [.optional("generator", .none)] : []))
    signature.implicitPositional = 1
    let a = try signature.bind(call)
    if takesGenerator, a.value("generator") != .none {
      throw a.wrongType("generator", expected: "torch.Generator (NNInit takes None: the generator comes from --generator and --seed)")
    }
    switch call.name {
    case "uniform_": return .uniform(a: try a.double("a"), b: try a.double("b"))
    case "normal_": return .normal(mean: try a.double("mean"), std: try a.double("std"))
    case "trunc_normal_":
      return .truncNormal(mean: try a.double("mean"), std: try a.double("std"), a: try a.double("a"), b: try a.double("b"))
    case "constant_": return .constant(try a.double("val"))
    case "ones_": return .ones
    case "zeros_": return .zeros
    case "eye_": return .eye
    case "dirac_": return .dirac(groups: try a.int("groups"))
    case "xavier_uniform_": return .xavierUniform(gain: try a.double("gain"))
    case "xavier_normal_": return .xavierNormal(gain: try a.double("gain"))
    case "orthogonal_": return .orthogonal(gain: try a.double("gain"))
    case "sparse_": return .sparse(sparsity: try a.double("sparsity"), std: try a.double("std"))
    case "variance_scaling_":
      let mode = try a.string("mode"), distribution = try a.string("distribution")
      guard let fanMode = VarianceScalingMode(rawValue: mode) else { throw a.invalidValue("mode", requirement: "one of 'fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg'") }
      guard let shape = VarianceScalingDistribution(rawValue: distribution) else {
        throw a.invalidValue("distribution", requirement: "one of 'truncated_normal', 'normal', 'uniform'")
      }
      return .varianceScaling(scale: try a.double("scale"), mode: fanMode, distribution: shape)
    default:
      let nonlinearity = try Nonlinearity(pytorchName: try a.string("nonlinearity"))
      let slope: Double
      switch a.value("a") {
      case .int(let i): slope = Double(i)
      case .float(let d): slope = d
      case let other:
        guard nonlinearity == .leakyReLU else { slope = 0; break }
        if case .string(let text) = other { throw InitError.invalidNegativeSlope(text) }  // Python's str(x)
        throw InitError.invalidNegativeSlope(other.description)
      }
      let mode = try FanMode(pytorchName: try a.string("mode"))
      return call.name == "kaiming_uniform_"
        ? .kaimingUniform(a: slope, mode: mode, nonlinearity: nonlinearity)
        : .kaimingNormal(a: slope, mode: mode, nonlinearity: nonlinearity)
    }
  }

  /// The names without the trailing underscore that PyTorch still accepts with a `FutureWarning`
  /// (`torch.nn.init._make_deprecate`).
  static let deprecatedAliases: Set<String> = [
    "uniform", "normal", "constant", "eye", "dirac", "xavier_uniform", "xavier_normal", "kaiming_uniform",
    "kaiming_normal", "orthogonal", "sparse",
  ]

  /// Every function CALL accepts.
  public static var functionNames: [String] { signatures.keys.sorted() }

  static let kaiming: [SpecParameter] = [
    .optional("a", .int(0)), .optional("mode", .string("fan_in")), .optional("nonlinearity", .string("leaky_relu")),
  ]

  /// The `torch.nn.init` signatures (without the tensor and `generator`).
  static let signatures: [String: [SpecParameter]] = [
    "uniform_": [.optional("a", .float(0)), .optional("b", .float(1))],
    "normal_": [.optional("mean", .float(0)), .optional("std", .float(1))],
    "trunc_normal_": [.optional("mean", .float(0)), .optional("std", .float(1)), .optional("a", .float(-2)), .optional("b", .float(2))],
    "constant_": [.required("val")],
    "ones_": [], "zeros_": [], "eye_": [],
    "dirac_": [.optional("groups", .int(1))],
    "xavier_uniform_": [.optional("gain", .float(1))],
    "xavier_normal_": [.optional("gain", .float(1))],
    "kaiming_uniform_": kaiming,
    "kaiming_normal_": kaiming,
    "orthogonal_": [.optional("gain", .int(1))],
    "sparse_": [.required("sparsity"), .optional("std", .float(0.01))],
    // Not in torch.nn.init: Keras'/JAX's variance_scaling (Flax's and Keras' defaults), see Initializer.varianceScaling.
    "variance_scaling_": [
      .optional("scale", .float(1)), .optional("mode", .string("fan_in")), .optional("distribution", .string("truncated_normal")),
    ],
  ]
}
