/// One parameter of a ``SpecSignature``: its name, how it may be passed, and its default.
public struct SpecParameter: Sendable, Equatable {
  /// How an argument may be passed for the parameter, in Python's terms.
  public enum Kind: Int, Sendable, Equatable, Comparable {
    /// Positionally or by keyword (`in_features`).
    case positionalOrKeyword
    /// `*args`: collects the remaining positional arguments as a tuple.
    case variadic
    /// Only by keyword (`device` after `*`).
    case keywordOnly
    /// `**kwargs`: collects the remaining keyword arguments as a dict (`Identity(*args, **kwargs)`).
    case variadicKeywords

    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The Python parameter name, e.g. `out_features`.
  public var name: String
  /// How the argument may be passed.
  public var kind: Kind
  /// The value used when no argument is given; `nil` means required (variadics default to `()`).
  public var defaultValue: SpecValue?

  /// Creates a parameter.
  public init(name: String, kind: Kind, defaultValue: SpecValue?) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
  }

  /// A required parameter that may be passed positionally or by keyword.
  public static func required(_ name: String) -> SpecParameter {
    SpecParameter(name: name, kind: .positionalOrKeyword, defaultValue: nil)
  }

  /// A positional-or-keyword parameter with a default, e.g. `.optional("bias", .bool(true))`.
  public static func optional(_ name: String, _ defaultValue: SpecValue) -> SpecParameter {
    SpecParameter(name: name, kind: .positionalOrKeyword, defaultValue: defaultValue)
  }

  /// A keyword-only parameter with a default, e.g. `.keywordOnly("device", .none)`.
  public static func keywordOnly(_ name: String, _ defaultValue: SpecValue) -> SpecParameter {
    SpecParameter(name: name, kind: .keywordOnly, defaultValue: defaultValue)
  }

  /// A keyword-only parameter without default.
  public static func requiredKeywordOnly(_ name: String) -> SpecParameter {
    SpecParameter(name: name, kind: .keywordOnly, defaultValue: nil)
  }

  /// `**name`: the remaining keyword arguments, e.g. `Identity(*args, **kwargs)`.
  public static func variadicKeywords(_ name: String) -> SpecParameter {
    SpecParameter(name: name, kind: .variadicKeywords, defaultValue: .dictionary([]))
  }

  /// `*name`: the remaining positional arguments, e.g. `Sequential(*args)`.
  public static func variadic(_ name: String) -> SpecParameter {
    SpecParameter(name: name, kind: .variadic, defaultValue: .tuple([]))
  }
}

/// A Python-like function signature that binds a ``SpecCall``'s arguments to parameter names.
///
/// Binding follows CPython: positional arguments fill positional parameters in order (extras go to
/// the variadic or are an error), keywords fill by name, then defaults fill the rest. Errors use
/// Python's `TypeError` wording, counting parameters without `self`.
public struct SpecSignature: Sendable, Equatable, CustomStringConvertible {
  /// The function's name as it appears in messages, e.g. `Linear` gives `Linear() missing …`.
  public var name: String
  /// The parameters: positional-or-keyword, then at most one variadic, then keyword-only.
  public var parameters: [SpecParameter]

  /// Creates a signature, e.g. `SpecSignature("Linear", [.required("in_features"), …])`.
  ///
  /// Precondition (programmer error): unique names, kinds in the order above, and no required
  /// positional parameter after one with a default.
  public init(_ name: String, _ parameters: [SpecParameter]) {
    precondition(Set(parameters.map(\.name)).count == parameters.count, "\(name): duplicate parameter")
    precondition(zip(parameters, parameters.dropFirst()).allSatisfy { $0.kind <= $1.kind }, "\(name): parameter order")
    precondition(parameters.filter { $0.kind == .variadic }.count <= 1, "\(name): several variadics")
    precondition(parameters.filter { $0.kind == .variadicKeywords }.count <= 1, "\(name): several **kwargs")
    let positional = parameters.filter { $0.kind == .positionalOrKeyword }
    precondition(
      zip(positional, positional.dropFirst()).allSatisfy { $0.defaultValue == nil || $1.defaultValue != nil },
      "\(name): required parameter after a parameter with a default")
    self.name = name
    self.parameters = parameters
  }

  /// Python's rendering: `Linear(in_features, out_features, bias=True, *, device=None)`.
  public var description: String {
    var parts: [String] = []
    for (index, parameter) in parameters.enumerated() {
      if parameter.kind == .keywordOnly && (index == 0 || parameters[index - 1].kind == .positionalOrKeyword) {
        parts.append("*")
      }
      switch (parameter.kind, parameter.defaultValue) {
      case (.variadic, _): parts.append("*" + parameter.name)
      case (.variadicKeywords, _): parts.append("**" + parameter.name)
      case (_, .some(let value)): parts.append("\(parameter.name)=\(value)")
      case (_, nil): parts.append(parameter.name)
      }
    }
    return "\(name)(" + parts.joined(separator: ", ") + ")"
  }

  /// Binds `call`'s arguments to the parameters, filling defaults.
  ///
  /// - Throws: ``SpecArgumentError`` for an unexpected keyword, a parameter given twice, too many
  ///   positional arguments, or missing required ones (checked in that order, as CPython does).
  public func bind(_ call: SpecCall) throws(SpecArgumentError) -> SpecBoundArguments {
    let positional = parameters.filter { $0.kind == .positionalOrKeyword }
    let variadic = parameters.first { $0.kind == .variadic }
    var bound = SpecBoundArguments(function: name, callPosition: call.position)
    var extras: [SpecArgument] = []
    let variadicKeywords = parameters.first { $0.kind == .variadicKeywords }
    var extraKeywords: [SpecDictionaryEntry] = []
    for argument in call.arguments where argument.label == nil {
      if bound.values.count < positional.count {
        bound.supply(positional[bound.values.count].name, argument)
      } else {
        extras.append(argument)
      }
    }
    for argument in call.arguments {
      guard let label = argument.label else { continue }
      guard let parameter = parameters.first(where: { $0.name == label && $0.kind < .variadicKeywords && $0.kind != .variadic })
      else {
        if variadicKeywords != nil {
          extraKeywords.append(SpecDictionaryEntry(key: label, value: argument.value))
          continue
        }
        throw SpecArgumentError(function: name, reason: .unexpectedKeyword(label), position: argument.position)
      }
      guard bound.values[parameter.name] == nil else {
        throw SpecArgumentError(function: name, reason: .multipleValues(label), position: argument.position)
      }
      bound.supply(label, argument)
    }
    if let variadicKeywords { bound.values[variadicKeywords.name] = .dictionary(extraKeywords) }
    if let variadic {
      bound.values[variadic.name] = .tuple(extras.map(\.value))
      bound.positions[variadic.name] = extras.first?.position
    } else if let extra = extras.first {
      let keywordOnlyGiven = call.arguments.filter { argument in
        parameters.contains { $0.name == argument.label && $0.kind == .keywordOnly }
      }.count
      let reason = SpecArgumentError.Reason.tooManyPositional(
        minimum: positional.filter { $0.defaultValue == nil }.count, maximum: positional.count,
        given: positional.count + extras.count, keywordOnlyGiven: keywordOnlyGiven)
      throw SpecArgumentError(function: name, reason: reason, position: extra.position)
    }
    for keywordOnly in [false, true] {
      let missing = parameters.filter {
        ($0.kind == .keywordOnly) == keywordOnly && $0.defaultValue == nil && bound.values[$0.name] == nil
      }
      guard missing.isEmpty else {
        throw SpecArgumentError(
          function: name, reason: .missing(missing.map(\.name), keywordOnly: keywordOnly),
          position: call.position)
      }
    }
    for parameter in parameters where bound.values[parameter.name] == nil {
      bound.values[parameter.name] = parameter.defaultValue
    }
    return bound
  }
}
