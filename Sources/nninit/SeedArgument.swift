/// `--seed` as `torch.manual_seed` takes it: an integer in [−2⁶³, 2⁶⁴); a negative seed wraps to its
/// two's-complement bit pattern (`-1` is `2⁶⁴ − 1`), as PyTorch's `manual_seed` does.
///
/// The option is parsed `.unconditional`ly, so `--seed -1` works (not only `--seed=-1`).
enum SeedArgument {
  /// The seed `text` names.
  ///
  /// - Throws: ``CLIError``: not an integer, or outside [−2⁶³, 2⁶⁴) (swift-argument-parser prefixes the
  ///   option and the value).
  static func parse(_ text: String) throws -> UInt64 {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let value = UInt64(trimmed) { return value }
    if let value = Int64(trimmed) { return UInt64(bitPattern: value) }
    let isInteger = !trimmed.isEmpty && trimmed.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isASCII)
      && trimmed.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber) && trimmed.filter({ $0 == "-" || $0 == "+" }).count <= 1
    guard isInteger else { throw CLIError("not an integer (e.g. --seed 42 or --seed -1)") }
    throw CLIError("out of range; torch.manual_seed takes integers from -9223372036854775808 to 18446744073709551615")
  }
}
