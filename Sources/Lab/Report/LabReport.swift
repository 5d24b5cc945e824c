import Foundation

/// Writes a comparison as `report.html` (self-contained: inline CSS and SVG, no scripts, no external
/// files), `report.md` (with the charts as SVG files beside it) and `results.json`.
public enum LabReport {
  /// The files a report consists of.
  public struct Files: Sendable {
    /// Where `report.html`, `report.md` and `results.json` were written.
    public var html: URL, markdown: URL, json: URL
    /// The chart SVGs `report.md` links to.
    public var charts: [URL]
  }

  /// Creates `directory` (and parents) if needed, so that a bad path fails before the experiments run.
  ///
  /// - Throws: ``LabError/invalidConfiguration(_:)`` naming the path when it exists as a file or
  ///   cannot be created.
  public static func prepare(_ directory: URL) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw LabError.invalidConfiguration("\(directory.path) exists and is not a directory") }
      return
    }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw LabError.invalidConfiguration("cannot create directory \(directory.path): \(error.localizedDescription)")
    }
  }

  /// Writes the report into `directory` (created if needed) and returns the files.
  public static func write(_ result: CompareResult, to directory: URL) throws -> Files {
    try prepare(directory)
    let content = ReportContent(result)
    let charts = content.charts
    var chartFiles: [URL] = []
    for chart in charts {
      let url = directory.appendingPathComponent(chart.fileName)
      try Data(chart.svg.utf8).write(to: url, options: .atomic)
      chartFiles.append(url)
    }
    let files = Files(
      html: directory.appendingPathComponent("report.html"), markdown: directory.appendingPathComponent("report.md"),
      json: directory.appendingPathComponent("results.json"), charts: chartFiles)
    try Data(HTMLReport(content).render().utf8).write(to: files.html, options: .atomic)
    try Data(MarkdownReport(content).render().utf8).write(to: files.markdown, options: .atomic)
    try Data((try LabJSON.encode(result) + "\n").utf8).write(to: files.json, options: .atomic)
    return files
  }
}
