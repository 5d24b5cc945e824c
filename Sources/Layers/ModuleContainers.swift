/// Modules held in a list, named `0`, `1`, … (`torch.nn.ModuleList`).
///
/// A stored property of type `[Module]` (or `[Linear]`, …) in a ``Module`` subclass is registered as a
/// `ModuleList` under the property's name, as PyTorch users write `self.blocks = nn.ModuleList([...])`:
/// its modules appear in `print(model)` and `stateDict()` as `blocks.0.weight`, ….
public final class ModuleList: Module {
  /// `nn.ModuleList(modules)`.
  public init(_ modules: [Module]) {
    super.init()
    for (i, module) in modules.enumerated() { registerModule("\(i)", module) }
  }

  /// The modules in order.
  public var modules: [Module] { registeredChildren.map(\.module) }

  /// PyTorch's `ModuleList.__repr__`: runs of identical reprs are compressed to `(0-2): 3 x Linear(…)`.
  var compressedDescription: String {
    let reprs = modules.map(\.description)
    guard !reprs.isEmpty else { return typeName + "()" }
    var runs: [(start: Int, end: Int, repr: String)] = []
    for (i, repr) in reprs.enumerated() {
      if let last = runs.last, last.repr == repr {
        runs[runs.count - 1].end = i
      } else {
        runs.append((i, i, repr))
      }
    }
    let lines = runs.map { run in
      indented(run.start == run.end ? "(\(run.start)): \(run.repr)" : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x \(run.repr)")
    }
    return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
  }
}

/// Modules held by name (`torch.nn.ModuleDict`).
///
/// A stored property of type `[String: Module]` is registered as a `ModuleDict` under the property's
/// name. A Swift dictionary has no order, so its keys are taken in sorted order (PyTorch's keeps
/// insertion order; build a ``ModuleDict`` yourself, with ``registerModule(_:_:)`` order, to choose).
public final class ModuleDict: Module {
  /// `nn.ModuleDict(pairs)`, in the given order.
  public init(_ modules: [(name: String, module: Module)]) {
    super.init()
    for (name, module) in modules { registerModule(name, module) }
  }
}
