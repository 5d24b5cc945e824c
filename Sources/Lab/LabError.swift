/// Why a lab experiment or data set was rejected, with the offending value.
public enum LabError: Error, Equatable, CustomStringConvertible {
  /// A configuration value outside its range, e.g. `depth must be at least 1, got 0`.
  case invalidConfiguration(String)
  /// An activation name the lab does not know.
  case unknownActivation(String)
  /// An init scheme the lab cannot use (unparsable CALL, or a scheme that fails on a Linear weight).
  case invalidInit(text: String, reason: String)
  /// An unknown built-in data set name.
  case unknownDataset(String)
  /// A CSV file that cannot be used, with the file and what is wrong.
  case badCSV(file: String, reason: String)

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    switch self {
    case .invalidConfiguration(let message): message
    case .unknownActivation(let name):
      "unknown activation '\(name)'; expected one of \(LabActivation.allCases.map(\.rawValue).joined(separator: ", "))"
    case .invalidInit(let text, let reason): "init '\(text)': \(reason)"
    case .unknownDataset(let name):
      "unknown dataset '\(name)'; expected digits, spirals, teacher or a .csv file"
    case .badCSV(let file, let reason): "\(file): \(reason)"
    }
  }
}

/// Throws ``LabError/invalidConfiguration(_:)`` with `message` unless `condition` holds.
func _require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
  if !condition { throw LabError.invalidConfiguration(message()) }
}
