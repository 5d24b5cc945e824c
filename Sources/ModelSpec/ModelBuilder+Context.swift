import Layers
import RandomModule
import TensorModule

extension ModelBuilder {
  /// What a catalog entry builds with: the builder's dtype and generator, and the modules already
  /// built from the call's arguments (keyed by their position in the SPEC).
  struct Context {
    let builder: ModelBuilder
    var modules: [Int: Module] = [:]

    /// The dtype of floating-point parameters and buffers.
    var dtype: DType { builder.dtype }
    /// The generator default init draws from.
    var generator: (any RandomGenerator)? { builder.generator }

    /// Builds every call inside `value` (depth first, in source order, as Python evaluates them).
    mutating func buildModules(in value: SpecValue) throws {
      switch value {
      case .call(let call):
        var inner = builder
        inner.isNested = true
        modules[call.position] = try inner.build(call)
      case .tuple(let items): for item in items { try buildModules(in: item) }
      case .dictionary(let entries): for entry in entries { try buildModules(in: entry.value) }
      default: break
      }
    }

    /// The module built from `value`, which must be a module call.
    func module(_ value: SpecValue, for arguments: SpecBoundArguments, _ name: String) throws -> Module {
      guard case .call(let call) = value, let module = modules[call.position] else {
        throw SpecArgumentError(
          function: arguments.function, reason: .wrongType(argument: name, value: value, expected: "Module"),
          position: arguments.positions[name])
      }
      return module
    }

    /// The module argument `name`.
    func module(_ arguments: SpecBoundArguments, _ name: String) throws -> Module {
      try module(arguments.value(name), for: arguments, name)
    }

    /// The module argument `name`, or `nil` for `None`.
    func optionalModule(_ arguments: SpecBoundArguments, _ name: String) throws -> Module? {
      if case .none = arguments.value(name) { return nil }
      return try module(arguments, name)
    }

    /// The modules of a list or tuple argument (`ModuleList([…])`, `Sequential(*args)`).
    func modules(_ arguments: SpecBoundArguments, _ name: String) throws -> [Module] {
      guard case .tuple(let items) = arguments.value(name) else {
        throw arguments.wrongType(name, expected: "a list of modules")
      }
      return try items.map { try module($0, for: arguments, name) }
    }

    /// The named modules of a dict argument (`ModuleDict({'a': …})`).
    func namedModules(_ arguments: SpecBoundArguments, _ name: String) throws -> [(name: String, module: Module)] {
      switch arguments.value(name) {
      case .dictionary(let entries): return try entries.map { ($0.key, try module($0.value, for: arguments, name)) }
      case .none: return []
      default: throw arguments.wrongType(name, expected: "a dict of modules")
      }
    }
  }
}

extension SpecCall {
  /// The call with a distinct position for every nested call (calls built in code all sit at 0).
  func withUniquePositions() -> SpecCall {
    var seen = Set<Int>()
    var unique = true
    func visit(_ value: SpecValue) {
      switch value {
      case .call(let call):
        unique = unique && seen.insert(call.position).inserted
        call.arguments.forEach { visit($0.value) }
      case .tuple(let items): items.forEach(visit)
      case .dictionary(let entries): entries.forEach { visit($0.value) }
      default: break
      }
    }
    arguments.forEach { visit($0.value) }
    guard !unique else { return self }
    var next = 0
    func renumber(_ value: SpecValue) -> SpecValue {
      switch value {
      case .call(var call):
        next += 1
        call.position = next
        call.arguments = call.arguments.map { SpecArgument(label: $0.label, renumber($0.value), position: $0.position) }
        return .call(call)
      case .tuple(let items): return .tuple(items.map(renumber))
      case .dictionary(let entries): return .dictionary(entries.map { SpecDictionaryEntry(key: $0.key, value: renumber($0.value)) })
      default: return value
      }
    }
    var copy = self
    copy.arguments = arguments.map { SpecArgument(label: $0.label, renumber($0.value), position: $0.position) }
    return copy
  }
}
