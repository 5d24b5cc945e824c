import Initializers
import Layers

extension ModelBuilder {
  /// Builds a model from the text `print(model)` printed (see `ModelTextNode` for the layout), so its
  /// state dict has the user's keys and its repr is the text.
  ///
  /// - A leaf line is a SPEC call (`Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), bias=False)`),
  ///   built with PyTorch's default init. A class NNInit does not know is an error naming it and its
  ///   line — except `Name()` with no arguments, read as a user's class without children or parameters.
  /// - `Sequential(`, `ModuleDict(` and a user's class `Name(` become containers with the printed child
  ///   names; `ModuleList(` also prints repeats as `(0-11): 12 x Block(…)`, which build 12 blocks.
  /// - A module whose repr hides its constructor arguments (`MultiheadAttention(` prints only its
  ///   `out_proj`) is an error; its lines can be replaced by the constructor call on one line
  ///   (`(attn): MultiheadAttention(768, 12)`), which prints back the same repr.
  /// - `(name): Parameter(shape, init)` declares a free `nn.Parameter` of its container, e.g.
  ///   `(cls_token): Parameter((1, 1, 768), zeros_())`: PyTorch does not print these, so add them by hand.
  ///
  /// **Draw order.** Modules are built in text order, so each one's default init draws in registration
  /// order — PyTorch's construction order in the usual case, where `__init__` creates each child as it
  /// assigns it. It differs when a module is created before a sibling registered earlier (torchvision's
  /// `downsample` is built before its block's `conv1`): the values then match only where a later init
  /// overwrites those draws (torchvision's own init loop does). A free parameter draws at its line.
  ///
  /// A text of one line that does not open a container is a SPEC (`Linear(10, 5), ReLU()`).
  ///
  /// - Throws: ``ModelTextError`` with the line for structure and unknown classes; SPEC errors inside a
  ///   line are reported with the line too.
  public func build(modelText text: String) throws -> Module {
    var parser = ModelTextParser(text)
    let content = parser.contentLines
    if content.count == 1, !content[0].hasSuffix("(") {
      do { return try build(content[0]) } catch let error as ModelTextError { throw error } catch {
        throw ModelTextError(line: 1, "\(error)")
      }
    }
    return try build(parser.parseRoot())
  }

  /// Container classes built from their printed children (rather than from constructor arguments).
  static let printedContainers: Set<String> = ["Sequential", "ModuleList", "ModuleDict"]

  func build(_ node: ModelTextNode) throws -> Module {
    switch node {
    case .leaf(let call, let line):
      if call.name == "Parameter" {
        throw ModelTextError(line: line, "a Parameter line belongs inside a module, as '(name): Parameter(shape, init)'")
      }
      guard ModelBuilder.catalog[call.name] != nil else {
        guard call.arguments.isEmpty else {
          throw ModelTextError(
            line: line, "module class '\(call.name)' is not supported (yet): NNInit cannot tell its parameters from its repr")
        }
        return CustomModule(className: call.name)
      }
      do { return try build(call) } catch { throw ModelTextError(line: line, "\(error)") }
    case .container(let className, let children, let extraLines, let line):
      let container: Module
      switch className {
      case "Sequential": container = Sequential([])
      case "ModuleList": container = ModuleList()
      case "ModuleDict": container = NamedContainer("ModuleDict")
      case _ where ModelBuilder.catalog[className] != nil && !ModelBuilder.printedContainers.contains(className):
        throw ModelTextError(
          line: line,
          "'\(className)(' prints its children but not its constructor arguments, so it cannot be rebuilt from print text; replace its lines by its constructor call on one line, e.g. '(attn): \(className)(…)'")
      default: container = CustomModule(className: className, extraLines: extraLines)
      }
      if !extraLines.isEmpty && !(container is CustomModule) {
        throw ModelTextError(line: line, "unexpected line '\(extraLines[0])' in '\(className)(' (expected '(name): Module(…)')")
      }
      for child in children {
        for name in child.names {
          if case .leaf(let call, let childLine) = child.node, call.name == "Parameter" {
            try declareParameter(name, call, in: container, line: childLine)
          } else {
            container.registerModule(name, try build(child.node))
          }
        }
      }
      return container
    }
  }

  /// `(name): Parameter(shape, init)`: declares the free parameter on a user's class and runs `init` now.
  private func declareParameter(_ name: String, _ call: SpecCall, in container: Module, line: Int) throws {
    do {
      try declareParameter(name, call, in: container)
    } catch {
      throw ModelTextError(line: line, "\(error)")
    }
  }
}
