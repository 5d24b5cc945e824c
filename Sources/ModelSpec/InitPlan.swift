import Foundation
import Initializers
import Layers

/// An ordered list of ``InitRule``s run after a model is built — the loops people write after
/// construction, as data:
///
///     for m in model.modules():                                  # order: .modules
///         if isinstance(m, nn.Conv2d):                           # Conv2d.weight=kaiming_normal_(mode='fan_out', nonlinearity='relu')
///             nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
///         elif isinstance(m, nn.BatchNorm2d):
///             nn.init.constant_(m.weight, 1)                     # BatchNorm2d.weight=constant_(1)
///             nn.init.constant_(m.bias, 0)                       # BatchNorm2d.bias=constant_(0)
///
/// **Semantics.** Modules are visited in ``order``; within a module, its own parameters in
/// registration order (`weight` before `bias`); each parameter takes the *first* rule that matches it
/// (an `if`/`elif` chain), which runs its scheme or, for ``InitRule/Action/keepDefault``, leaves the
/// default. With `TorchGenerator` the schemes draw from one stream in exactly this order, as the
/// Python loop would; with Philox each parameter's values depend only on its key.
///
/// **Order.** `model.apply(fn)` visits children before their parent (post-order); `for m in
/// model.modules()` visits a parent before its children (pre-order, torchvision's ResNet and
/// MobileNet loops). Both visit leaf modules in the same order, so the two differ only for modules
/// that own parameters *and* have children (MultiheadAttention's `in_proj_weight` versus its
/// `out_proj`, a custom class's free `nn.Parameter`). The default is `apply`.
///
/// **JSON** (`--plan plan.json`): `{"order": "apply", "rules": [{"module": "Conv2d", "parameter":
/// "weight", "init": "kaiming_normal_(…)"}, …]}`. ``jsonData()`` writes the canonical form (sorted
/// keys, two-space indent, each `init` as `Initializer.description`), which decodes and re-encodes
/// to the same bytes.
public struct InitPlan: Sendable, Equatable {
  /// The module visiting order.
  public enum Order: String, Sendable, Codable, CaseIterable {
    /// `model.apply(fn)`: children before their parent.
    case apply
    /// `for m in model.modules()`: a parent before its children.
    case modules
  }

  /// The rules; the first that matches a parameter decides it.
  public var rules: [InitRule]
  /// The module visiting order.
  public var order: Order

  /// A plan of `rules` visited in `order`.
  public init(rules: [InitRule] = [], order: Order = .apply) {
    self.rules = rules
    self.order = order
  }

  /// The seed tutorial's `--weight-init`/`--bias-init`: `weight` then `bias` of every module, in
  /// `apply` order.
  public init(weight: Initializer?, bias: Initializer?) {
    self.init(rules: [
      weight.map { InitRule(parameter: "weight", action: .initialize($0)) },
      bias.map { InitRule(parameter: "bias", action: .initialize($0)) },
    ].compactMap { $0 })
  }

  /// Whether the plan has no rule (construction's default init stays).
  public var isEmpty: Bool { rules.isEmpty }

  /// Reads a plan from JSON.
  ///
  /// - Throws: ``InitPlanError`` naming the first problem (bad JSON, unknown order, bad CALL).
  public init(json: Data) throws {
    do {
      self = try JSONDecoder().decode(InitPlan.self, from: json)
    } catch let DecodingError.dataCorrupted(context) {
      throw InitPlanError(Self.describe(context))
    } catch let DecodingError.keyNotFound(key, context) {
      throw InitPlanError("\(Self.location(context.codingPath))missing key '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context) {
      throw InitPlanError(Self.describe(context))
    } catch let DecodingError.valueNotFound(_, context) {
      throw InitPlanError(Self.describe(context))
    }
  }

  /// The canonical JSON text: sorted keys, pretty-printed, ending with a newline.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self) + Data("\n".utf8)
  }

  private static func location(_ path: [any CodingKey]) -> String {
    let text = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    return text.isEmpty ? "" : "at \(text): "
  }

  private static func describe(_ context: DecodingError.Context) -> String {
    let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
    return location(context.codingPath) + (underlying ?? context.debugDescription)
  }
}

extension InitPlan: Codable {
  enum CodingKeys: String, CodingKey { case order, rules }

  /// Decodes `{"order": "apply" | "modules" (optional, default apply), "rules": [InitRule]}`.
  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(in: decoder, known: ["order", "rules"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    var order = Order.apply
    if let name = try c.decodeIfPresent(String.self, forKey: .order) {
      guard let named = Order(rawValue: name) else {
        throw DecodingError.dataCorruptedError(
          forKey: .order, in: c, debugDescription: "unknown order '\(name)' (expected \(Order.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")))")
      }
      order = named
    }
    self.init(rules: try c.decode([InitRule].self, forKey: .rules), order: order)
  }

  /// Encodes `order` and `rules`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(order, forKey: .order)
    try c.encode(rules, forKey: .rules)
  }
}
