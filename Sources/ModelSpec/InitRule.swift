import Foundation
import Initializers
import Layers

/// One rule of an ``InitPlan``: which parameters it matches, and what it does to them.
///
/// A parameter matches when every given pattern matches: ``module`` the class of the module that owns
/// it, as `isinstance` tests it (`Conv2d`, `BatchNorm*`; `Linear` also matches MultiheadAttention's
/// `NonDynamicallyQuantizableLinear`, see `Module.typeNames`), ``parameter``
/// its own name (`weight`, `weight_ih_*`, `in_proj_weight`), ``path`` its state-dict key
/// (`layers.*.mlp.down_proj.weight`). Patterns are `fnmatch` globs (see `Glob`). A rule with no
/// pattern matches every parameter.
///
/// As text (`--init RULE=CALL`): `Conv2d.weight=kaiming_normal_(mode='fan_out', nonlinearity='relu')`.
/// RULE is `Type.name` (a first part starting with an upper-case letter: module and parameter
/// patterns), `Type` (module pattern), `name` (no dot: parameter pattern) or a dotted path pattern
/// (`*.bias`, `encoder.*.weight`). CALL is a `torch.nn.init` call, or `default` to keep the
/// parameter's default init.
public struct InitRule: Sendable, Equatable {
  /// What a rule does to the parameters it is the first to match.
  public enum Action: Sendable, Equatable {
    /// Run this scheme on the parameter (`nn.init.<scheme>(param)`).
    case initialize(Initializer)
    /// Leave the parameter as the module's default init left it (and stop later rules).
    case keepDefault
  }

  /// Pattern on the owning module's class name.
  public var module: String?
  /// Pattern on the parameter's own name.
  public var parameter: String?
  /// Pattern on the parameter's state-dict key.
  public var path: String?
  /// The scheme, or keep default.
  public var action: Action

  /// A rule from its patterns and action.
  public init(module: String? = nil, parameter: String? = nil, path: String? = nil, action: Action) {
    self.module = module
    self.parameter = parameter
    self.path = path
    self.action = action
  }

  /// Reads `RULE=CALL` (see the type's documentation).
  ///
  /// - Throws: ``InitPlanError`` for a missing `=` or an empty rule; what ``InitCallBuilder`` throws
  ///   for a bad CALL.
  public init(parsing text: String) throws {
    guard let equals = text.firstIndex(of: "=") else {
      throw InitPlanError("expected RULE=CALL, e.g. Conv2d.weight=kaiming_normal_(mode='fan_out'), got '\(text)'")
    }
    let rule = text[..<equals].trimmingCharacters(in: .whitespaces)
    let call = String(text[text.index(after: equals)...])
    guard !rule.isEmpty else { throw InitPlanError("empty RULE before '=' in '\(text)'") }
    let parts = rule.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let typeLike = parts[0].first.map { $0.isUppercase } ?? false
    switch (parts.count, typeLike) {
    case (1, true): self.init(module: rule, action: try Self.action(call))
    case (1, false): self.init(parameter: rule, action: try Self.action(call))
    case (2, true): self.init(module: parts[0], parameter: parts[1], action: try Self.action(call))
    default: self.init(path: rule, action: try Self.action(call))
    }
  }

  /// `default` or a CALL.
  static func action(_ call: String) throws -> Action {
    let trimmed = call.trimmingCharacters(in: .whitespaces)
    if trimmed == "default" { return .keepDefault }
    return .initialize(try InitCallBuilder.initializer(from: trimmed))
  }

  /// The rule's match as `RULE` text, e.g. `Conv2d.weight`, `module=Conv2d parameter=weight path=*.x`.
  public var pattern: String {
    switch (module, parameter, path) {
    case (let m?, let p?, nil): return m + "." + p
    case (let m?, nil, nil): return m
    case (nil, let p?, nil): return p
    case (nil, nil, let path?): return path
    case (nil, nil, nil): return "*"
    default:
      return [module.map { "module=" + $0 }, parameter.map { "parameter=" + $0 }, path.map { "path=" + $0 }]
        .compactMap { $0 }.joined(separator: " ")
    }
  }

  /// The action as CALL text: the scheme's PyTorch call, or `default`.
  public var actionText: String {
    switch action {
    case .initialize(let scheme): scheme.description
    case .keepDefault: "default"
    }
  }

  /// Whether the parameter `name`, at state-dict `key`, of a module whose class and superclasses are
  /// `typeNames` (`Module.typeNames`) matches.
  public func matches(key: String, name: String, typeNames: [String]) -> Bool {
    (module.map { pattern in typeNames.contains { Glob(pattern).matches($0) } } ?? true) && (parameter.map { Glob($0).matches(name) } ?? true)
      && (path.map { Glob($0).matches(key) } ?? true)
  }
}

extension InitRule: Codable {
  enum CodingKeys: String, CodingKey { case module, parameter, path, initCall = "init" }

  /// Decodes `{"module": …, "parameter": …, "path": …, "init": CALL | "default"}`.
  public init(from decoder: any Decoder) throws {
    try rejectUnknownKeys(in: decoder, known: ["module", "parameter", "path", "init"])
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let call = try c.decode(String.self, forKey: .initCall)
    let action: Action
    do {
      action = try Self.action(call)
    } catch {
      throw DecodingError.dataCorruptedError(forKey: .initCall, in: c, debugDescription: "\(error)")
    }
    self.init(
      module: try c.decodeIfPresent(String.self, forKey: .module), parameter: try c.decodeIfPresent(String.self, forKey: .parameter),
      path: try c.decodeIfPresent(String.self, forKey: .path), action: action)
  }

  /// Encodes the patterns that are set and `init` as the scheme's PyTorch call (or `default`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(module, forKey: .module)
    try c.encodeIfPresent(parameter, forKey: .parameter)
    try c.encodeIfPresent(path, forKey: .path)
    try c.encode(actionText, forKey: .initCall)
  }
}

/// A malformed init plan or rule.
public struct InitPlanError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One line saying what is wrong, naming the bad text.
  public var description: String

  /// An error with a one-line message.
  public init(_ description: String) { self.description = description }
}

/// Any JSON object key, to list an object's keys.
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// Throws `DecodingError.dataCorrupted` naming the first key of the object being decoded that is not in
/// `known`, so a misspelt key (`"modul"`) is an error, never silently ignored.
func rejectUnknownKeys(in decoder: any Decoder, known: [String]) throws {
  let container = try decoder.container(keyedBy: AnyCodingKey.self)
  if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
    throw DecodingError.dataCorrupted(
      DecodingError.Context(
        codingPath: decoder.codingPath,
        debugDescription: "unknown key '\(unknown.stringValue)' (expected \(known.map { "'\($0)'" }.joined(separator: ", ")))"))
  }
}
