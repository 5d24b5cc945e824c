import Foundation
import RandomModule
import TensorModule

extension LabDataset {
  /// The most distinct whole-number target values that still make a CSV target a class label.
  public static let maximumCSVClasses = 32

  /// A data set from a CSV file: one column is the target, every other column a numeric feature.
  ///
  /// - The first line is a header if any of its fields is not a number; otherwise the columns are
  ///   named `0`, `1`, … (0-based). Fields may be wrapped in double quotes; blank lines are skipped.
  /// - `target` names the target column (default: the last column).
  /// - The task is `classification` when every target is a whole number and there are at most
  ///   ``maximumCSVClasses`` distinct values (classes are the sorted distinct values), else
  ///   `regression`; `task` overrides this.
  /// - Split: `perm = torch.randperm(rows, generator=torch.Generator().manual_seed(splitSeed))`, the
  ///   first 80 % train. Features are standardized by the training split's mean and std (regression
  ///   targets too).
  ///
  /// - Throws: ``LabError/badCSV(file:reason:)`` naming the file and, for a bad cell, its line and column:
  ///   a missing or unreadable file, an empty file, no data rows, a row with the wrong number of fields,
  ///   a cell that is not a finite number, an unknown target column, no feature column, fewer than 5
  ///   rows, or a non-integer class label when `task` is `classification`.
  public static func csv(
    contentsOf url: URL, target: String? = nil, task requestedTask: Task? = nil, splitSeed: Int = 0
  ) throws -> LabDataset {
    let file = url.path
    func fail(_ reason: String) -> LabError { .badCSV(file: file, reason: reason) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { throw fail("no such file") }
    guard !isDirectory.boolValue else { throw fail("is a directory, expected a CSV file") }
    guard let data = FileManager.default.contents(atPath: file) else { throw fail("cannot read the file") }
    guard let text = String(data: data, encoding: .utf8) else { throw fail("is not UTF-8 text") }

    var lines: [(number: Int, fields: [String])] = []
    // Split on Character.isNewline: "\r\n" is one Character in Swift, so splitting on "\n" would miss it.
    for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      lines.append((index + 1, trimmed.split(separator: ",", omittingEmptySubsequences: false).map(unquote)))
    }
    guard let first = lines.first else { throw fail("the file is empty") }
    let hasHeader = first.fields.contains { Double($0) == nil }
    let columns = hasHeader ? first.fields : first.fields.indices.map(String.init)
    let rows = hasHeader ? Array(lines.dropFirst()) : lines
    guard !rows.isEmpty else { throw fail("has a header but no data rows") }
    guard columns.count >= 2 else {
      throw fail("has \(columns.count) column; need a target column and at least one feature column")
    }
    let targetName = target ?? columns.last!
    guard let targetIndex = columns.firstIndex(of: targetName) else {
      throw fail("no column named '\(targetName)'; the columns are \(columns.joined(separator: ", "))")
    }
    guard rows.count >= 5 else { throw fail("has \(rows.count) data rows; need at least 5 to split into train and test") }

    let featureCount = columns.count - 1
    var features = [Float](), targets = [Double]()
    features.reserveCapacity(rows.count * featureCount)
    for row in rows {
      guard row.fields.count == columns.count else {
        throw fail("line \(row.number) has \(row.fields.count) fields, expected \(columns.count) (as many as the \(hasHeader ? "header" : "first line"))")
      }
      for (c, field) in row.fields.enumerated() {
        guard let value = Double(field), value.isFinite else {
          let what = field.isEmpty ? "is empty" : "'\(field)' is not \(Double(field) == nil ? "a number" : "a finite number")"
          throw fail("line \(row.number), column '\(columns[c])' (column \(c + 1)): \(what)")
        }
        if c == targetIndex { targets.append(value) } else { features.append(Float(value)) }
      }
    }

    let distinct = Array(Set(targets)).sorted()
    let wholeNumbers = targets.allSatisfy { $0 == $0.rounded() }
    let task = requestedTask ?? (wholeNumbers && distinct.count <= maximumCSVClasses ? .classification : .regression)
    var classNames: [String] = []
    if task == .classification {
      guard wholeNumbers else {
        let bad = targets.firstIndex { $0 != $0.rounded() }!
        throw fail("line \(rows[bad].number): target '\(targetName)' is \(rows[bad].fields[targetIndex]), not a whole-number class label")
      }
      let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
      targets = targets.map { Double(index[$0]!) }
      classNames = distinct.map { LabFormat.number($0, digits: 6) }
    }
    let permutation = TorchGenerator(seed: splitSeed).randperm(rows.count)
    let trainCount = rows.count * 4 / 5
    let (train, test) = split(rows: features, targets: targets, featureCount: featureCount, permutation: permutation, trainCount: trainCount)
    var dataset = LabDataset(
      name: url.lastPathComponent,
      summary: "\(url.lastPathComponent): \(featureCount) standardized feature\(featureCount == 1 ? "" : "s"), target '\(targetName)' ("
        + (task == .classification ? "\(distinct.count) classes" : "regression, standardized") + "); "
        + "\(trainCount) training and \(rows.count - trainCount) test rows (split seed \(splitSeed))",
      task: task, classCount: task == .classification ? distinct.count : 1, classNames: classNames, train: train, test: test)
    dataset.standardizeFeatures()
    dataset.standardizeTargets()
    return dataset
  }
}

/// A CSV field without surrounding whitespace and double quotes.
private func unquote(_ field: Substring) -> String {
  var s = field.trimmingCharacters(in: .whitespaces)
  if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
  return s
}
