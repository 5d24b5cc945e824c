import Foundation

/// How a checkpoint's tensors are split into files, as `save_pretrained` splits them
/// (`huggingface_hub.split_state_dict_into_shards_factory`): tensors in order; a tensor joins the
/// current file unless that would take the file past `maxShardSize` bytes, then a new file starts;
/// a tensor larger than `maxShardSize` gets a file of its own. One file is `model.safetensors`;
/// several are `model-00001-of-0000N.safetensors` … with `model.safetensors.index.json`.
public struct HFShardPlan: Sendable {
  /// transformers' default `max_shard_size` for `save_pretrained` (5.25): `"50GB"`, 50 · 10⁹ bytes.
  public static let defaultMaxShardSize = 50_000_000_000

  /// One file and the tensors it holds, in order.
  public struct Shard: Sendable {
    /// `model.safetensors` or `model-0000i-of-0000N.safetensors`.
    public let fileName: String
    /// The tensors it holds, in order.
    public let parameters: [HFParameter]
  }

  /// The files, in order.
  public let shards: [Shard]
  /// `total_size` in the index: the bytes of every tensor.
  public let totalSize: Int

  /// Splits `model`'s tensors into files of at most `maxShardSize` bytes each.
  public init(model: HFModel, maxShardSize: Int = defaultMaxShardSize) {
    var groups: [[HFParameter]] = []
    var current: [HFParameter] = [], currentSize = 0, total = 0
    for parameter in model.parameters {
      let size = model.byteCount(of: parameter)
      total += size
      if size > maxShardSize {
        groups.append([parameter])
        continue
      }
      if currentSize + size > maxShardSize {
        groups.append(current)
        current = []
        currentSize = 0
      }
      current.append(parameter)
      currentSize += size
    }
    if !current.isEmpty || groups.isEmpty { groups.append(current) }
    let count = groups.count
    func padded(_ n: Int) -> String { String(repeating: "0", count: max(0, 5 - String(n).count)) + String(n) }
    shards = groups.enumerated().map { index, parameters in
      Shard(
        fileName: count == 1 ? "model.safetensors" : "model-\(padded(index + 1))-of-\(padded(count)).safetensors",
        parameters: parameters)
    }
    totalSize = total
  }

  /// Whether there is more than one file (and so an index).
  public var isSharded: Bool { shards.count > 1 }

  /// `model.safetensors.index.json` as `save_pretrained` writes it:
  /// `{"metadata": {"total_parameters": …, "total_size": …}, "weight_map": {name: file}}`.
  public func indexJSON(totalParameters: Int) -> [UInt8] {
    var weightMap: [String: HFJSON] = [:]
    for shard in shards {
      for parameter in shard.parameters { weightMap[parameter.name] = .string(shard.fileName) }
    }
    let index = HFJSON.object([
      "metadata": .object(["total_parameters": .int(totalParameters), "total_size": .int(totalSize)]),
      "weight_map": .object(weightMap),
    ])
    return Array((index.pythonJSON() + "\n").utf8)
  }

  /// Parses a size as `max_shard_size` takes it: bytes (`1000000`) or a number with a decimal unit,
  /// `KB`, `MB`, `GB`, `TB` (`"5GB"` = 5 · 10⁹; `huggingface_hub.parse_size_to_int`).
  ///
  /// - Returns: `nil` for anything else, or a size below 1 byte.
  public static func parseSize(_ text: String) -> Int? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let bytes = Int(trimmed) { return bytes >= 1 ? bytes : nil }
    let units: [String: Double] = ["KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12]
    guard trimmed.count > 2, let unit = units[String(trimmed.suffix(2)).uppercased()],
      let value = Double(trimmed.dropLast(2).trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0,
      value * unit < 9e18
    else { return nil }
    let bytes = Int(value * unit)
    return bytes >= 1 ? bytes : nil
  }
}
