import Foundation

import Initializers
import Layers

/// A free parameter that cannot be declared where it was asked for.
public struct FreeParameterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One line naming the parameter and the problem.
  public var description: String
}

extension ModelBuilder {
  /// Adds a free `nn.Parameter` to a built model, from `--parameter KEY=SHAPE:CALL`, e.g.
  /// `cls_token=(1, 1, 768):zeros_()` or `encoder.pos_embedding=[1, 197, 768]:normal_(std=0.02)`: the
  /// user's class at KEY's prefix gets parameter `name` (after its other parameters), drawn now —
  /// after construction, as `model.cls_token = nn.Parameter(…)` after `__init__` would. A `(name):
  /// Parameter(shape, init)` line in the model text instead draws at its place in construction.
  ///
  /// - Throws: ``FreeParameterError`` for malformed text or an owner that is not a user's class; SPEC
  ///   and init-call errors for SHAPE and CALL.
  public func addParameter(_ text: String, to model: Module) throws {
    guard let equals = text.firstIndex(of: "="), let colon = text[equals...].firstIndex(of: ":") else {
      throw FreeParameterError(description: "expected KEY=SHAPE:CALL, e.g. cls_token=(1, 1, 768):zeros_(), got '\(text)'")
    }
    let key = text[..<equals].trimmingCharacters(in: .whitespaces)
    let parts = key.split(separator: ".", omittingEmptySubsequences: false)
    guard let name = parts.last, !name.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
      throw FreeParameterError(description: "expected a parameter key like 'cls_token' or 'encoder.pos_embedding' before '=', got '\(key)'")
    }
    let ownerPath = parts.dropLast().joined(separator: ".")
    guard let owner = model.submodule(ownerPath) else {
      throw FreeParameterError(description: "'\(key)': the model has no module '\(ownerPath)'")
    }
    let shape = text[text.index(after: equals)..<colon], call = text[text.index(after: colon)...]
    let parsed = try SpecParser.parseModel("Parameter(\(shape), \(call))")
    try declareParameter(String(name), parsed, in: owner)
  }

  /// `Parameter(shape, init)` on `container`, which must be a user's class: declares the parameter and
  /// runs `init` with this builder's generator.
  func declareParameter(_ name: String, _ call: SpecCall, in container: Module) throws {
    guard let owner = container as? CustomModule else {
      throw FreeParameterError(description: "a free Parameter belongs to a user's class, not to \(container.typeName)")
    }
    let a = try SpecSignature("Parameter", [.required("shape"), .required("init")]).bind(call)
    let scheme: Initializer
    switch a.value("init") {
    case .call(let initCall): scheme = try InitCallBuilder.initializer(from: initCall)
    case .string(let text): scheme = try InitCallBuilder.initializer(from: text)
    default: throw a.wrongType("init", expected: "a torch.nn.init call such as zeros_() or normal_(std=0.02)")
    }
    guard !owner.parameterNames.contains(name) else {
      throw FreeParameterError(description: "\(owner.className) already has a parameter '\(name)'")
    }
    try owner.declareFreeParameter(
      name, shape: try a.intList("shape"), dtype: dtype, scheme: scheme, context: InitContext(generator: generator, prefix: ""))
  }
}
