/// Modules held by name (`torch.nn.ModuleDict`).
///
/// A stored property of type `[String: Module]` in a ``Module`` subclass is registered as a `ModuleDict`
/// under the property's name (and one of type `[Module]`, `[Linear]`, … as a ``ModuleList``), as
/// PyTorch users write `self.heads = nn.ModuleDict({...})`: its modules appear in `print(model)` and
/// `stateDict()` as `heads.<key>.weight`, …. A Swift dictionary has no order, so its keys are taken in
/// sorted order (PyTorch's keeps insertion order; build a `ModuleDict` yourself to choose).
///
/// Default init: none of its own (the modules were built, and drew their init, before the dict).
public final class ModuleDict: NamedContainer {
  /// `nn.ModuleDict(pairs)`, in the given order.
  public init(_ modules: [(name: String, module: Module)]) {
    super.init("ModuleDict", modules)
  }
}
