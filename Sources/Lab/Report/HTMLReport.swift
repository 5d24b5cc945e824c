import Foundation

/// Renders ``ReportContent`` as one self-contained HTML page: inline CSS, inline SVG, no scripts.
struct HTMLReport {
  let content: ReportContent
  init(_ content: ReportContent) { self.content = content }

  func render() -> String {
    let r = content.result, c = r.config
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>NNInit lab: what initialization does</title>
      <style>\(ReportStyle.css)</style>
      </head>
      <body>
      <main>
      <header>
      <h1>What initialization does to a network</h1>
      <p class="lede">\(escape(c.inits.count.description)) inits × \(escape(ReportContent.list(c.activations.map(\.moduleName)))) × depths \
      \(escape(ReportContent.list(c.depths.map(String.init)))), measured at initialization and trained on \(escape(r.dataset.name)).</p>
      </header>
      <section class="summary">
      <h2>In short</h2>
      <ul>
      """
    for sentence in content.summary { html += "<li>\(escape(sentence))</li>\n" }
    html += "</ul>\n<nav>" + content.sections.map { "<a href=\"#\($0.anchor)\">\(escape($0.title))</a>" }.joined(separator: " · ")
    html += " · <a href=\"#setup\">Setup</a></nav>\n</section>\n"
    for section in content.sections {
      html += "<section id=\"\(section.anchor)\">\n<h2>\(escape(section.title))</h2>\n<p>\(escape(section.intro))</p>\n"
      for (i, chart) in section.charts.enumerated() {
        html += "<figure>\n<figcaption class=\"title\">\(escape(chart.title))</figcaption>\n\(chart.svg)"
        html += "<figcaption>\(escape(chart.caption))</figcaption>\n</figure>\n"
        if i < section.conclusions.count && section.charts.count == section.conclusions.count {
          html += "<p class=\"conclusion\"><strong>What this shows.</strong> \(escape(section.conclusions[i]))</p>\n"
        }
      }
      for table in section.tables { html += renderTable(table) }
      if section.charts.count != section.conclusions.count {
        for conclusion in section.conclusions {
          html += "<p class=\"conclusion\"><strong>What this shows.</strong> \(escape(conclusion))</p>\n"
        }
      }
      html += "</section>\n"
    }
    html += setup()
    html += "</main>\n</body>\n</html>\n"
    return html
  }

  func renderTable(_ table: ReportContent.Table) -> String {
    var s = "<div class=\"table\"><table>\n<thead><tr>"
    for (i, h) in table.header.enumerated() { s += "<th\(table.numeric[i] ? " class=\"num\"" : "")>\(escape(h))</th>" }
    s += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      s += "<tr>"
      for (i, cell) in row.enumerated() {
        let bad = cell.hasPrefix("diverged")
        let classes = [table.numeric[i] ? "num" : nil, bad ? "bad" : nil].compactMap { $0 }
        s += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(escape(cell))</td>"
      }
      s += "</tr>\n"
    }
    return s + "</tbody>\n</table></div>\n"
  }

  func setup() -> String {
    let r = content.result, c = r.config
    var items = [
      "Data: \(r.dataset.summary).",
      "Networks: MLPs of depth \(ReportContent.list(c.depths.map(String.init))) (Linear layers), hidden width \(c.width), "
        + "\(ReportContent.list(c.activations.map(\.moduleName))) between the layers, built as PyTorch builds "
        + "nn.Sequential(nn.Linear, …) after torch.manual_seed(\(c.seed)), then re-initialized: weight init on every Linear weight, "
        + "zeros on every bias (PyTorch's default keeps its own bias init).",
      "Inits: " + ReportContent.list(c.inits.map(\.name)) + ".",
      "Training: \(content.trainingSettings); the batch order is torch.randperm with a generator seeded \(c.seed + 1).",
      "Signal experiment: square layers of width \(c.width), \(c.signalBatch) inputs ~ N(0, 1), generator \(c.generator.rawValue).",
      "Ran \(2 * c.cells.count) runs in \(LabFormat.duration(r.seconds)) on \(r.threads) thread\(r.threads == 1 ? "" : "s"). "
        + "Scripts/lab_torch_reference.py repeats these experiments in PyTorch.",
    ]
    items.append("Files: results.json holds every number of this page; report.md the same text with the charts as SVG files.")
    return "<section id=\"setup\">\n<h2>Setup</h2>\n<ul>\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n</section>\n"
  }
}

/// The report's stylesheet.
enum ReportStyle {
  static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #f4f5f7; color: #1d1f23; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 60px; background: #fff; box-shadow: 0 0 0 1px #e2e4e8; }
    h1 { font-size: 28px; margin: 8px 0 4px; }
    h2 { font-size: 21px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid #e6e8eb; }
    .lede { color: #555; margin-top: 0; }
    .summary ul { padding-left: 20px; }
    nav { font-size: 14px; margin-top: 8px; }
    nav a { color: #0b5cad; text-decoration: none; }
    figure { margin: 18px 0 8px; }
    figure svg { width: 100%; height: auto; display: block; border: 1px solid #e6e8eb; border-radius: 4px; }
    figcaption { font-size: 13px; color: #555; margin-top: 4px; }
    figcaption.title { font-size: 15px; font-weight: 600; color: #1d1f23; margin: 0 0 6px; }
    .conclusion { background: #f1f6fc; border-left: 4px solid #0072B2; padding: 10px 14px; border-radius: 0 4px 4px 0; }
    .table { overflow-x: auto; margin: 12px 0; }
    table { border-collapse: collapse; font-size: 13.5px; width: 100%; }
    th, td { padding: 6px 9px; border-bottom: 1px solid #e6e8eb; text-align: left; vertical-align: top; }
    th { background: #f6f7f9; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.bad { color: #b3261e; }
    tbody tr:hover { background: #fafbfc; }
    """
}
