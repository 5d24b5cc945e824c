import Foundation

/// The structure of a model as `print(model)` printed it, read line by line.
///
///     GPT(                                              a container: a class name and '(' ending the line
///       (pos_emb): Parameter((1, 8, 32), zeros_())      a free nn.Parameter (not printed by PyTorch; added by hand)
///       (wte): Embedding(50, 32)                        a leaf: the module's repr, read as a SPEC call
///       (h): ModuleList(
///         (0-1): 2 x Block(                             a repeat: built 2 times, named 0 and 1
///           ...
///         )
///       )
///     )                                                 closes the container at its own indentation
///
/// Children are indented two spaces deeper than their container (PyTorch's `_addindent`); a line in a
/// container that is not `(name): …` is one of its `extra_repr` lines. Blank lines and lines starting
/// with `#` are skipped.
indirect enum ModelTextNode: Equatable {
  /// A one-line repr `Name(args…)`, parsed, at a 1-based line.
  case leaf(SpecCall, line: Int)
  /// `Name(` … `)`: named children (each with the names a repeat expands to), and extra-repr lines.
  case container(className: String, children: [ModelTextChild], extraLines: [String], line: Int)
}

/// One `(name): …` line of a container; a repeat `(0-11): 12 x Block(…)` has 12 names.
struct ModelTextChild: Equatable {
  var names: [String]
  var node: ModelTextNode
}

/// A model text that cannot be read, with its 1-based line.
public struct ModelTextError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based line of the problem.
  public var line: Int
  /// What is wrong.
  public var message: String

  /// An error at `line`.
  public init(line: Int, _ message: String) {
    self.line = line
    self.message = message
  }

  /// `model text line 5: …`, one line.
  public var description: String { "model text line \(line): \(message)" }
}

/// Reads model text into ``ModelTextNode``s.
struct ModelTextParser {
  private let lines: [(number: Int, indent: Int, text: String)]
  private var index = 0

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, raw in
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
      return (i + 1, line.prefix { $0 == " " }.count, trimmed)
    }
  }

  /// The non-blank, non-comment lines.
  var contentLines: [String] { lines.map(\.text) }

  /// Parses the whole text: one root module and nothing after it.
  mutating func parseRoot() throws -> ModelTextNode {
    guard let first = lines.first else { throw ModelTextError(line: 1, "empty model text (expected what print(model) prints)") }
    index = 1
    let root = try parseModule(first.text, line: first.number, indent: first.indent, depth: 1)
    if index < lines.count {
      throw ModelTextError(line: lines[index].number, "unexpected text after the model's closing ')': '\(lines[index].text)'")
    }
    return root
  }

  /// A module whose repr starts with `text` on `line` (the rest of a `(name): ` line, or the first line).
  private mutating func parseModule(_ text: String, line: Int, indent: Int, depth: Int) throws -> ModelTextNode {
    guard text.hasSuffix("("), !text.hasSuffix("()") else {
      do {
        let call = try SpecParser.parseModel(text)
        let isList = call.name == "Sequential" && !(text.hasPrefix("Sequential") || text.contains("nn.Sequential"))
        guard text.hasSuffix(")"), !isList else {
          throw ModelTextError(line: line, "expected one module repr like 'Linear(in_features=10, out_features=5, bias=True)', got '\(text)'")
        }
        return .leaf(call, line: line)
      } catch let error as SpecSyntaxError {
        throw ModelTextError(line: line, "\(error) in '\(text)'")
      }
    }
    guard depth <= SpecParser.maximumDepth else {
      throw ModelTextError(line: line, "modules nested more than \(SpecParser.maximumDepth) deep")
    }
    let className = String(text.dropLast())
    guard !className.isEmpty, className.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
      throw ModelTextError(line: line, "expected a class name before '(', got '\(text)'")
    }
    var children: [ModelTextChild] = []
    var extraLines: [String] = []
    while index < lines.count {
      let current = lines[index]
      index += 1
      if current.text == ")" {
        guard current.indent == indent else {
          throw ModelTextError(line: current.number, "')' closes '\(className)(' from line \(line) but is indented \(current.indent), not \(indent)")
        }
        return .container(className: className.split(separator: ".").last.map(String.init) ?? className, children: children, extraLines: extraLines, line: line)
      }
      guard current.indent == indent + 2 else {
        throw ModelTextError(line: current.number, "expected a line of '\(className)(' from line \(line) indented \(indent + 2) spaces, got \(current.indent)")
      }
      guard let (names, rest) = try Self.childHeader(current.text, line: current.number) else {
        if !children.isEmpty {
          throw ModelTextError(line: current.number, "expected '(name): Module(…)' or ')', got '\(current.text)'")
        }
        extraLines.append(current.text)
        continue
      }
      children.append(ModelTextChild(names: names, node: try parseModule(rest, line: current.number, indent: current.indent, depth: depth + 1)))
    }
    throw ModelTextError(line: line, "'\(className)(' is never closed")
  }

  /// `(name): rest` → ([name], rest); `(3-5): 3 x rest` → (["3", "4", "5"], rest); `nil` when the line
  /// does not start a child.
  static func childHeader(_ text: String, line: Int) throws -> ([String], String)? {
    guard text.hasPrefix("("), let close = text.firstIndex(of: ")") else { return nil }
    let after = text[text.index(after: close)...]
    guard after.hasPrefix(": ") else { return nil }
    let name = String(text[text.index(after: text.startIndex)..<close])
    var rest = String(after.dropFirst(2))
    let range = name.split(separator: "-", omittingEmptySubsequences: false)
    guard range.count == 2, let start = Int(range[0]), let end = Int(range[1]) else {
      guard !name.isEmpty else { throw ModelTextError(line: line, "empty child name in '\(text)'") }
      return ([name], rest)
    }
    let count = end - start + 1
    guard start >= 0, count >= 2, rest.hasPrefix("\(count) x ") else {
      throw ModelTextError(line: line, "a repeat '(\(name)): ' must read '(a-b): n x Module(…)' with n = b - a + 1 >= 2, got '\(text)'")
    }
    rest.removeFirst("\(count) x ".count)
    return ((start...end).map(String.init), rest)
  }
}
