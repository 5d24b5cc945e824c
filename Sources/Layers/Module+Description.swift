extension Module {
  /// The module's repr, identical to PyTorch's `repr(module)` (`Module.__repr__`).
  ///
  /// `Name(extra)` for a leaf with a one-line `extra_repr`, else one line per extra-repr line and per
  /// child `(name): repr` indented by two spaces, closed by `)` on its own line.
  public var description: String {
    let extraLines = extraDescription.isEmpty ? [] : extraDescription.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let childLines = childDescriptionLines
    let lines = extraLines + childLines
    if lines.isEmpty { return typeName + "()" }
    if extraLines.count == 1 && childLines.isEmpty { return typeName + "(" + extraLines[0] + ")" }
    return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
  }
}

/// `torch.nn.modules.module._addindent(s, 2)`: every line after the first gets two more spaces.
func indented(_ text: String) -> String {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  guard lines.count > 1 else { return text }
  return ([String(lines[0])] + lines.dropFirst().map { "  " + $0 }).joined(separator: "\n")
}

/// Python's `str(bool)`.
func pythonBool(_ value: Bool) -> String { value ? "True" : "False" }

/// Python's `str(tuple)` of ints: `(3, 3)`, `(3,)`.
func pythonTuple(_ values: [Int]) -> String {
  values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
}
