import Foundation

/// Renders ``ReportContent`` as Markdown; the charts are the SVG files written beside it.
struct MarkdownReport {
  let content: ReportContent
  init(_ content: ReportContent) { self.content = content }

  func render() -> String {
    let r = content.result
    var md = "# What initialization does to a network\n\n"
    md += "\(r.config.inits.count) inits × \(ReportContent.list(r.config.activations.map(\.moduleName))) × depths "
    md += "\(ReportContent.list(r.config.depths.map(String.init))), measured at initialization and trained on \(r.dataset.name). "
    md += "The same report with the charts inline: `report.html`; every number: `results.json`.\n\n## In short\n\n"
    for sentence in content.summary { md += "- \(sentence)\n" }
    for section in content.sections {
      md += "\n## \(section.title)\n\n\(section.intro)\n\n"
      for chart in section.charts {
        md += "![\(chart.title)](\(chart.fileName))\n\n*\(chart.caption)*\n\n"
      }
      for table in section.tables { md += renderTable(table) + "\n" }
      for conclusion in section.conclusions { md += "**What this shows.** \(conclusion)\n\n" }
    }
    md += "## Setup\n\n- Data: \(r.dataset.summary).\n- Training: \(content.trainingSettings).\n"
    md += "- Inits: \(r.config.inits.map { "`\($0.name)`" }.joined(separator: ", ")).\n"
    md += "- \(2 * r.config.cells.count) runs in \(LabFormat.duration(r.seconds)) on \(r.threads) thread\(r.threads == 1 ? "" : "s").\n"
    return md
  }

  func renderTable(_ table: ReportContent.Table) -> String {
    func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| " + table.header.map(cell).joined(separator: " | ") + " |"]
    lines.append("|" + table.numeric.map { $0 ? "---:|" : "---|" }.joined())
    for row in table.rows { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n") + "\n"
  }
}
