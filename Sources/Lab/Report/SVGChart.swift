import Foundation

/// A line chart as a self-contained SVG string: one or more panels side by side sharing a y axis range
/// (linear or log₁₀) and a legend underneath. No scripts, no external fonts or files.
struct SVGChart {
  /// A prefix for element ids, unique within the page that embeds the chart.
  var id: String

  struct Series {
    var name: String
    var color: String
    /// Points; non-finite or (on a log axis) non-positive y values break the line.
    var points: [(x: Double, y: Double)]
    var dashed = false
    var markers = true
    /// Points drawn as a ✕ (e.g. where a run diverged), with a short label.
    var crosses: [(x: Double, y: Double, label: String)] = []
  }

  struct Panel {
    var title: String
    var series: [Series]
    /// The x range; integers get ticks.
    var xRange: ClosedRange<Double>
  }

  struct LegendEntry {
    var name: String
    var color: String
    var dashed = false
    var note: String? = nil
  }

  var panels: [Panel]
  var xLabel: String
  var yLabel: String
  var logY: Bool
  var legend: [LegendEntry]
  /// A fixed y range (in data units), else computed from the data.
  var yRange: ClosedRange<Double>? = nil
  /// The widest log range shown, in decades; values beyond are clipped (and noted in the legend).
  var maxDecades = 14.0

  static let panelWidth = 470.0, panelHeight = 300.0
  static let margin = (left: 64.0, right: 16.0, top: 30.0, bottom: 44.0)

  /// The y range actually drawn.
  var resolvedYRange: ClosedRange<Double> {
    if let yRange { return yRange }
    let ys = panels.flatMap { $0.series.flatMap { $0.points.map(\.y) + $0.crosses.map(\.y) } }.filter { $0.isFinite && (!logY || $0 > 0) }
    guard let lo = ys.min(), let hi = ys.max() else { return logY ? 0.1...10 : 0...1 }
    if logY {
      var a = floor(log10(lo)), b = ceil(log10(hi))
      if b - a < 1 { b = a + 1 }
      if b - a > maxDecades {
        // Keep the window around the middle of the bulk of the data (the median point).
        let median = log10(ys.sorted()[ys.count / 2])
        a = max(a, floor(median - maxDecades / 2))
        b = a + maxDecades
      }
      return pow(10, a)...pow(10, b)
    }
    let pad = (hi - lo) * 0.05
    return (lo == hi ? lo - 1 : min(0, lo - pad))...(lo == hi ? hi + 1 : hi + pad)
  }

  func render() -> String {
    let columns = panels.count
    let width = Double(columns) * SVGChart.panelWidth
    let legendRows = Int((Double(legend.count) / 3).rounded(.up))
    let height = SVGChart.panelHeight + 16 + Double(legendRows) * 20 + 8
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" \
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="12" role="img">
      <rect width="100%" height="100%" fill="#ffffff"/>

      """
    let y = resolvedYRange
    for (index, panel) in panels.enumerated() {
      svg += renderPanel(panel, index: index, offset: Double(index) * SVGChart.panelWidth, yRange: y)
    }
    svg += renderLegend(top: SVGChart.panelHeight + 12, width: width)
    svg += "</svg>\n"
    return svg
  }

  // MARK: Panels

  private func renderPanel(_ panel: Panel, index: Int, offset: Double, yRange: ClosedRange<Double>) -> String {
    let m = SVGChart.margin
    let left = offset + m.left, top = m.top
    let w = SVGChart.panelWidth - m.left - m.right, h = SVGChart.panelHeight - m.top - m.bottom
    let clip = "\(id)-clip\(index)"
    func px(_ x: Double) -> Double {
      let span = panel.xRange.upperBound - panel.xRange.lowerBound
      return left + (span == 0 ? w / 2 : (x - panel.xRange.lowerBound) / span * w)
    }
    func py(_ v: Double) -> Double {
      if logY {
        let a = log10(yRange.lowerBound), b = log10(yRange.upperBound)
        return top + h - (log10(v) - a) / (b - a) * h
      }
      return top + h - (v - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * h
    }
    var s = "<g>\n"
    s += "<text x=\"\(f(left + w / 2))\" y=\"\(f(top - 10))\" text-anchor=\"middle\" font-weight=\"600\" font-size=\"13\">\(escape(panel.title))</text>\n"
    s += "<clipPath id=\"\(clip)\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(w))\" height=\"\(f(h))\"/></clipPath>\n"
    s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n"
    // y grid and ticks
    for tick in yTicks(yRange) {
      let yy = py(tick)
      s += "<line x1=\"\(f(left))\" x2=\"\(f(left + w))\" y1=\"\(f(yy))\" y2=\"\(f(yy))\" stroke=\"#e3e3e3\"/>\n"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(yy + 4))\" text-anchor=\"end\" fill=\"#444\">\(yTickLabel(tick))</text>\n"
    }
    // x ticks
    for tick in xTicks(panel.xRange) {
      let xx = px(tick)
      s += "<line x1=\"\(f(xx))\" x2=\"\(f(xx))\" y1=\"\(f(top + h))\" y2=\"\(f(top + h + 4))\" stroke=\"#888\"/>\n"
      s += "<text x=\"\(f(xx))\" y=\"\(f(top + h + 17))\" text-anchor=\"middle\" fill=\"#444\">\(LabFormat.number(tick))</text>\n"
    }
    s += "<text x=\"\(f(left + w / 2))\" y=\"\(f(top + h + 36))\" text-anchor=\"middle\" fill=\"#222\">\(escape(xLabel))</text>\n"
    if index == 0 {
      let cx = offset + 16, cy = top + h / 2
      s += "<text x=\"\(f(cx))\" y=\"\(f(cy))\" text-anchor=\"middle\" fill=\"#222\" transform=\"rotate(-90 \(f(cx)) \(f(cy)))\">\(escape(yLabel))</text>\n"
    }
    // series
    s += "<g clip-path=\"url(#\(clip))\">\n"
    for series in panel.series {
      for run in segments(series.points) {
        let coords = run.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
        if run.count > 1 {
          s += "<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"\(series.dashed ? "1.5" : "2")\""
          s += series.dashed ? " stroke-dasharray=\"5 4\" opacity=\"0.85\"" : ""
          s += " stroke-linejoin=\"round\"/>\n"
        }
        if series.markers || run.count == 1 {
          for p in run {
            s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"2.6\" fill=\"\(series.color)\"/>\n"
          }
        }
      }
    }
    s += "</g>\n"
    for series in panel.series {
      for cross in series.crosses where cross.y.isFinite && (!logY || cross.y > 0) {
        let cy = min(max(py(min(max(cross.y, yRange.lowerBound), yRange.upperBound)), top + 6), top + h - 6)
        let cx = min(max(px(cross.x), left + 6), left + w - 6)
        s += "<path d=\"M\(f(cx - 6)),\(f(cy - 6)) L\(f(cx + 6)),\(f(cy + 6)) M\(f(cx - 6)),\(f(cy + 6)) L\(f(cx + 6)),\(f(cy - 6))\" stroke=\"\(series.color)\" stroke-width=\"2.5\"/>\n"
        let anchor = cx > left + w * 0.7 ? "end" : "start"
        let tx = anchor == "end" ? cx - 9 : cx + 9
        s += "<text x=\"\(f(tx))\" y=\"\(f(cy + 4))\" text-anchor=\"\(anchor)\" fill=\"\(series.color)\" font-size=\"11\">\(escape(cross.label))</text>\n"
      }
    }
    s += "</g>\n"
    return s
  }

  private func renderLegend(top: Double, width: Double) -> String {
    var s = "<g>\n"
    let columnWidth = width / 3
    for (i, entry) in legend.enumerated() {
      let x = 20 + Double(i % 3) * columnWidth, y = top + Double(i / 3) * 20 + 10
      s += "<line x1=\"\(f(x))\" x2=\"\(f(x + 26))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(entry.color)\" stroke-width=\"\(entry.dashed ? "1.5" : "3")\""
      s += entry.dashed ? " stroke-dasharray=\"5 4\"/>\n" : "/>\n"
      let text = entry.note.map { "\(entry.name) (\($0))" } ?? entry.name
      s += "<text x=\"\(f(x + 32))\" y=\"\(f(y + 4))\" fill=\"#222\">\(escape(text))</text>\n"
    }
    return s + "</g>\n"
  }

  // MARK: Axes

  private func yTicks(_ range: ClosedRange<Double>) -> [Double] {
    if logY {
      let a = Int(log10(range.lowerBound).rounded()), b = Int(log10(range.upperBound).rounded())
      let step = max(1, Int((Double(b - a) / 7).rounded(.up)))
      return stride(from: a, through: b, by: step).map { pow(10, Double($0)) }
    }
    let span = range.upperBound - range.lowerBound
    let raw = span / 5, magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let first = (range.lowerBound / step).rounded(.up) * step
    return stride(from: first, through: range.upperBound + step * 1e-9, by: step).map { abs($0) < step * 1e-9 ? 0 : $0 }
  }

  private func yTickLabel(_ v: Double) -> String {
    guard logY else { return LabFormat.number(v) }
    let e = Int(log10(v).rounded())
    if e == 0 { return "1" }
    if e == 1 { return "10" }
    return "10" + String(e).map { superscripts[$0] ?? String($0) }.joined()
  }

  private let superscripts: [Character: String] = [
    "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
  ]

  private func xTicks(_ range: ClosedRange<Double>) -> [Double] {
    let span = range.upperBound - range.lowerBound
    guard span > 0 else { return [range.lowerBound] }
    let raw = span / 8, magnitude = pow(10, floor(log10(raw)))
    let step = max(1, [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw)
    let first = (range.lowerBound / step).rounded(.up) * step
    var ticks = Array(stride(from: first, through: range.upperBound, by: step))
    if ticks.first != range.lowerBound, range.lowerBound == 1 { ticks.insert(1, at: 0) }
    return ticks
  }

  /// Runs of drawable points (finite, and positive on a log axis).
  private func segments(_ points: [(x: Double, y: Double)]) -> [[(x: Double, y: Double)]] {
    var runs: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
    for p in points {
      if p.y.isFinite && p.x.isFinite && (!logY || p.y > 0) {
        current.append(p)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }

  private func f(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// Escapes text for XML/HTML.
func escape(_ text: String) -> String {
  var out = ""
  for c in text {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    default: out.append(c)
    }
  }
  return out
}
