/// A module holding only named children, printed under a given class name: `torch.nn.Module()`,
/// `ModuleList`, `ModuleDict`, `ParameterList()`/`ParameterDict()` without parameters, and
/// `DataParallel`'s `module`.
///
/// Default init: none of its own; each child initialized itself when it was built, in the order the
/// children were built (Python evaluates `nn.ModuleList([a, b])`'s elements before the call).
/// State-dict keys are `<child name>.<key>`, e.g. `0.weight` for a `ModuleList`.
public class NamedContainer: Module {
  private let name: String
  private let extra: String

  /// A container called `typeName` with `children` in order, printing `extraDescription` before them.
  public init(_ typeName: String, _ children: [(name: String, module: Module)] = [], extraDescription: String = "") {
    self.name = typeName
    self.extra = extraDescription
    super.init()
    for (childName, module) in children { registerModule(childName, module) }
  }

  /// The PyTorch class name given at construction.
  public override var typeName: String { name }
  /// The `extra_repr()` text given at construction.
  public override var extraDescription: String { extra }
}

/// Modules indexed `0`, `1`, … (`torch.nn.ModuleList`), printed with PyTorch's run-length form:
/// consecutive children with the same repr appear once, as `(0-11): 12 x Block(…)`.
///
/// Default init: none of its own (the modules were built, and drew their init, before the list).
public final class ModuleList: NamedContainer {
  /// `nn.ModuleList(modules)`.
  public init(_ modules: [Module] = []) {
    super.init("ModuleList", modules.enumerated().map { ("\($0.offset)", $0.element) })
  }

  /// The modules in order.
  public var modules: [Module] { namedChildren.map(\.module) }

  /// `ModuleList.__repr__`: runs of equal child reprs collapse to `(i-j): n x repr`.
  public override var childDescriptionLines: [String] {
    var runs: [(start: Int, end: Int, text: String)] = []
    for (index, module) in modules.enumerated() {
      let text = module.description
      if let last = runs.last, last.text == text {
        runs[runs.count - 1].end = index
      } else {
        runs.append((index, index, text))
      }
    }
    return runs.map { run in
      indented(run.start == run.end ? "(\(run.start)): \(run.text)" : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x \(run.text)")
    }
  }
}
