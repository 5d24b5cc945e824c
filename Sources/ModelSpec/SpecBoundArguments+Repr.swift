/// Text of constructor arguments as PyTorch's `extra_repr()` prints them, with the type checks that
/// keep a malformed SPEC from printing a repr PyTorch could never produce.
extension SpecBoundArguments {
  /// Python's `repr` of the argument as given, e.g. `2`, `(3, 2)`, `None`, `'nearest'`.
  func text(_ name: String) -> String { value(name).description }

  /// The argument printed after checking it is an int or a tuple of ints (`kernel_size=2`,
  /// `kernel_size=(3, 2)`), or also `None` when `allowNone`.
  func size(_ name: String, allowNone: Bool = false) throws(SpecArgumentError) -> String {
    switch value(name) {
    case .int: return text(name)
    case .none where allowNone: return "None"
    case .tuple(let items) where !items.isEmpty && items.allSatisfy({ if case .int = $0 { true } else { allowNone && $0 == .none } }):
      return text(name)
    default: throw wrongType(name, expected: allowNone ? "int, None or tuple of them" : "int or tuple of ints")
    }
  }

  /// The argument expanded to `count` ints as PyTorch's `_single`/`_pair`/`_triple`/`_ntuple` store
  /// it, printed as a tuple: `2` → `(2, 2)`.
  func expanded(_ name: String, count: Int) throws(SpecArgumentError) -> String {
    SpecValue.tuple(try intTuple(name, count: count).map(SpecValue.int)).description
  }

  /// The argument, or `fallback`'s when it is `None` (pooling's `stride = stride or kernel_size`).
  func text(_ name: String, orElse fallback: String) -> String {
    if case .none = value(name) { return text(fallback) }
    return text(name)
  }

  /// A number argument printed as given (`0.5`, `2`).
  func numberText(_ name: String) throws(SpecArgumentError) -> String {
    switch value(name) {
    case .int, .float: return text(name)
    default: throw wrongType(name, expected: "float")
    }
  }

  /// `", inplace=True"` when `inplace` is true (`separator` before it), else `""`.
  func inplace(separator: String = ", ") throws(SpecArgumentError) -> String {
    try bool("inplace") ? separator + "inplace=True" : ""
  }

  /// Rejects a tensor-valued argument (a loss's `weight`): SPEC has no tensors, so only `None`.
  func requireNone(_ name: String) throws(SpecArgumentError) {
    guard case .none = value(name) else {
      throw invalidValue(name, requirement: "None (tensor arguments cannot be written in a SPEC)")
    }
  }
}
