import Foundation
import Layers

/// The activation between the Linear layers of a lab MLP.
///
/// Each case knows its function and derivative in `Double` (for ``SignalTheory``), the PyTorch module
/// it builds, and what counts as an *inactive* unit: a dead ReLU (output exactly 0), a leaky ReLU on
/// its negative side, a saturated tanh (|y| > 0.99, i.e. |z| > 2.65, where tanh′ < 0.02) or sigmoid
/// (y < 0.01 or y > 0.99, i.e. |z| > 4.6, where σ′ < 0.01).
public enum LabActivation: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// `nn.ReLU`: max(0, z).
  case relu
  /// `nn.LeakyReLU(0.01)`: z for z ≥ 0, 0.01·z otherwise (see ``leakySlope``).
  case leakyReLU = "leaky_relu"
  /// `nn.Tanh`.
  case tanh
  /// `nn.Sigmoid`: σ(z) = 1 / (1 + e^(−z)).
  case sigmoid

  /// Parses a name as the CLI takes it (`relu`, `ReLU`, `leaky_relu`, `tanh`, `sigmoid`).
  ///
  /// - Throws: ``LabError/unknownActivation(_:)``.
  public init(parsing text: String) throws {
    let name = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
    guard let value = LabActivation(rawValue: name == "leakyrelu" ? "leaky_relu" : name) else {
      throw LabError.unknownActivation(text)
    }
    self = value
  }

  /// The negative slope of ``leakyReLU`` (PyTorch's default, 0.01).
  public static let leakySlope = 0.01

  /// PyTorch's name: `relu`, `leaky_relu`, `tanh`, `sigmoid`.
  public var description: String { rawValue }

  /// The PyTorch module name (`ReLU`, `LeakyReLU`, `Tanh`, `Sigmoid`).
  public var moduleName: String {
    switch self {
    case .relu: "ReLU"
    case .leakyReLU: "LeakyReLU"
    case .tanh: "Tanh"
    case .sigmoid: "Sigmoid"
    }
  }

  /// A new module computing the activation.
  public func makeModule() -> Module {
    switch self {
    case .relu: ReLU()
    case .leakyReLU: LeakyReLU(negativeSlope: .float(LabActivation.leakySlope))
    case .tanh: Tanh()
    case .sigmoid: Sigmoid()
    }
  }

  /// φ(z).
  public func value(_ z: Double) -> Double {
    switch self {
    case .relu: max(0, z)
    case .leakyReLU: z > 0 ? z : LabActivation.leakySlope * z
    case .tanh: Foundation.tanh(z)
    case .sigmoid: 1 / (1 + exp(-z))
    }
  }

  /// φ′(z).
  public func derivative(_ z: Double) -> Double {
    switch self {
    case .relu: return z > 0 ? 1 : 0
    case .leakyReLU: return z > 0 ? 1 : LabActivation.leakySlope
    case .tanh: return 1 - Foundation.tanh(z) * Foundation.tanh(z)
    case .sigmoid:
      let s = 1 / (1 + exp(-z))
      return s * (1 - s)
    }
  }

  /// What an inactive unit is called in reports: `dead` (ReLU family) or `saturated` (tanh, sigmoid).
  public var inactiveName: String {
    switch self {
    case .relu, .leakyReLU: "dead"
    case .tanh, .sigmoid: "saturated"
    }
  }

  /// The probability that a unit is inactive when its pre-activation is z ~ N(mean, variance).
  public func inactiveProbability(mean: Double, variance: Double) -> Double {
    let sd = variance.squareRoot()
    func below(_ t: Double) -> Double { sd > 0 ? 0.5 * erfc(-(t - mean) / (sd * 2.0.squareRoot())) : (mean < t ? 1 : 0) }
    switch self {
    case .relu, .leakyReLU: return below(0)
    case .tanh: let t = atanh(0.99); return below(-t) + 1 - below(t)
    case .sigmoid: let t = log(99.0); return below(-t) + 1 - below(t)
    }
  }

  /// Whether a unit with pre-activation `z` and output `y` counts as inactive (see the type's summary).
  @inline(__always)
  public func isInactive(input z: Float, output y: Float) -> Bool {
    switch self {
    case .relu: y == 0
    case .leakyReLU: z < 0
    case .tanh: abs(y) > 0.99
    case .sigmoid: y < 0.01 || y > 0.99
    }
  }
}
