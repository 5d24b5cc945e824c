import Foundation
import Initializers
import ModelSpec

/// How a lab MLP's Linear layers are initialized: a weight scheme and a bias scheme, each either a
/// `torch.nn.init` CALL or PyTorch's default (`nn.Linear.reset_parameters`: weight and bias from
/// U(−k, k), k = 1/√fan_in).
///
/// Schemes are applied as in the seed tutorial: the MLP is built (drawing PyTorch's default init),
/// then for each Linear in `model.apply` order the weight scheme runs on `weight`, then the bias scheme
/// on `bias`. A weight CALL without an explicit bias scheme zeroes the biases (`nn.init.zeros_`), as the
/// tutorial does; ``pytorchDefault`` keeps both defaults.
public struct LabInit: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
  /// The name shown in reports and legends: the CALL as given, or `default`.
  public var name: String
  /// The weight scheme, or `nil` for PyTorch's default.
  public var weight: Initializer?
  /// The bias scheme, or `nil` for PyTorch's default.
  public var bias: Initializer?

  /// A scheme pair with a display name.
  public init(name: String, weight: Initializer?, bias: Initializer?) {
    self.name = name
    self.weight = weight
    self.bias = bias
  }

  /// PyTorch's default init for both weight and bias (what `nn.Linear` does when left alone).
  public static let pytorchDefault = LabInit(name: "default", weight: nil, bias: nil)

  /// The names that mean PyTorch's default.
  public static let defaultNames: Set<String> = ["default", "pytorch", "pytorch_default", "torch_default"]

  /// Parses a weight CALL (`kaiming_uniform_(nonlinearity='relu')`; parentheses may be left out:
  /// `xavier_uniform_`) or `default`, and an optional bias CALL.
  ///
  /// - Throws: ``LabError/invalidInit(text:reason:)`` naming the text and what is wrong with it.
  public init(parsing text: String, bias biasText: String? = nil) throws {
    let trimmed = LabInit.normalize(text)
    // nil: no bias CALL given; .some(nil): `default`; .some(scheme): a CALL.
    let explicitBias: Initializer?? = try biasText.map { try LabInit.scheme(LabInit.normalize($0)) }
    let biasSuffix = biasText.map { ", bias " + LabInit.normalize($0) } ?? ""
    if LabInit.defaultNames.contains(trimmed.lowercased()) {
      self.init(name: "default" + biasSuffix, weight: nil, bias: explicitBias.flatMap { $0 })
      return
    }
    guard let weight = try LabInit.scheme(trimmed) else {
      throw LabError.invalidInit(text: text, reason: "'default' is only valid on its own")
    }
    self.init(name: trimmed + biasSuffix, weight: weight, bias: explicitBias ?? .zeros)
  }

  /// The tutorial's comparison: uniform_(-0.1, 0.1), xavier_uniform_, kaiming_uniform_(relu),
  /// constant_(0.5) — biases zero — and PyTorch's default.
  public static let tutorialDefaults: [LabInit] = [
    LabInit(name: "uniform_(-0.1, 0.1)", weight: .uniform(a: -0.1, b: 0.1), bias: .zeros),
    LabInit(name: "xavier_uniform_()", weight: .xavierUniform(gain: 1), bias: .zeros),
    LabInit(name: "kaiming_uniform_(nonlinearity='relu')", weight: .kaimingUniform(a: 0, mode: .fanIn, nonlinearity: .relu), bias: .zeros),
    LabInit(name: "constant_(0.5)", weight: .constant(0.5), bias: .zeros),
    .pytorchDefault,
  ]

  /// The short name used in reports and tables (see ``name``).
  public var description: String { name }

  /// A short label for chart legends: the function name with its most telling argument,
  /// e.g. `kaiming_uniform_(relu)`, `uniform_(±0.1)`, `default`.
  public var shortName: String {
    guard let weight else { return name }
    func g(_ x: Double) -> String { LabFormat.number(x) }
    let base: String
    switch weight {
    case .uniform(let a, let b): base = a == -b ? "uniform_(±\(g(b)))" : "uniform_(\(g(a)), \(g(b)))"
    case .normal(let mean, let std): base = mean == 0 ? "normal_(std=\(g(std)))" : "normal_(\(g(mean)), \(g(std)))"
    case .constant(let v): base = "constant_(\(g(v)))"
    case .xavierUniform(let gain): base = gain == 1 ? "xavier_uniform_" : "xavier_uniform_(gain=\(g(gain)))"
    case .xavierNormal(let gain): base = gain == 1 ? "xavier_normal_" : "xavier_normal_(gain=\(g(gain)))"
    case .kaimingUniform(_, _, let nl): base = "kaiming_uniform_(\(nl.rawValue))"
    case .kaimingNormal(_, _, let nl): base = "kaiming_normal_(\(nl.rawValue))"
    case .orthogonal(let gain): base = gain == 1 ? "orthogonal_" : "orthogonal_(gain=\(g(gain)))"
    default: base = weight.description
    }
    guard let bias, bias != .zeros else { return bias == nil ? base + ", default bias" : base }
    return base + ", bias " + bias.description
  }

  /// `xavier_uniform_` → `xavier_uniform_()`; surrounding whitespace removed.
  static func normalize(_ text: String) -> String {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return t.isEmpty || t.contains("(") || defaultNames.contains(t.lowercased()) ? t : t + "()"
  }

  /// The scheme a CALL names, or `nil` for `default`.
  static func scheme(_ text: String) throws -> Initializer? {
    if defaultNames.contains(text.lowercased()) { return nil }
    guard !text.isEmpty else { throw LabError.invalidInit(text: text, reason: "empty; expected a torch.nn.init call such as xavier_uniform_()") }
    do {
      return try InitCallBuilder.initializer(from: text)
    } catch {
      throw LabError.invalidInit(text: text, reason: String(describing: error).split(separator: "\n").joined(separator: " "))
    }
  }
}
