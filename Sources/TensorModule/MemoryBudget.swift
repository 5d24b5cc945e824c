#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many bytes this process can still allocate, so that a request too large for the machine is an
/// error naming the size instead of a trap in the allocator (`Fatal error: failed to allocate …`).
///
/// The budget is the smallest of: the memory the kernel reports as available (`MemAvailable` in
/// `/proc/meminfo` on Linux, the physical memory elsewhere), and what the address-space and data limits
/// (`ulimit -v`, `ulimit -d`) leave above the process's current size. Requests below
/// ``checkThreshold`` are not checked (they cannot fail for want of memory on any machine NNInit runs on).
public enum MemoryBudget {
  /// Requests smaller than this (16 MiB) are not checked.
  public static let checkThreshold = 16 << 20

  /// The bytes available now, and what limits them (`"this machine has 23 GiB of memory available"`).
  public static func available() -> (bytes: Int, limitedBy: String) {
    var best = (bytes: Int.max, limitedBy: "")
    if let memory = availablePhysicalMemory() {
      best = (memory, "this machine has \(ByteCountText.text(memory)) of memory available")
    }
    let limits = [
      (softLimit(addressSpace: true), "the address-space limit (ulimit -v)", currentUsage(field: 0)),
      (softLimit(addressSpace: false), "the data-segment limit (ulimit -d)", currentUsage(field: 5)),
    ]
    for case (let cap?, let name, let usage) in limits {
      let left = max(0, cap - (usage ?? 0))
      if left < best.bytes { best = (left, "\(name) leaves \(ByteCountText.text(left))") }
    }
    return best
  }

  /// Throws ``TensorError/insufficientMemory(shape:dtype:byteCount:limitedBy:)`` when `byteCount` bytes
  /// for a tensor of `shape` and `dtype` exceed ``available()``.
  public static func check(byteCount: Int, shape: [Int], dtype: DType) throws(TensorError) {
    guard byteCount >= checkThreshold else { return }
    let budget = available()
    guard byteCount <= budget.bytes else {
      throw .insufficientMemory(shape: shape, dtype: dtype, byteCount: byteCount, limitedBy: budget.limitedBy)
    }
  }

  /// The soft `RLIMIT_AS` (or `RLIMIT_DATA`) in bytes, or `nil` when unlimited.
  private static func softLimit(addressSpace: Bool) -> Int? {
    var limit = rlimit()
    #if canImport(Glibc)
      let resource = __rlimit_resource_t(addressSpace ? RLIMIT_AS.rawValue : RLIMIT_DATA.rawValue)
    #else
      let resource = addressSpace ? RLIMIT_AS : RLIMIT_DATA
    #endif
    guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
    return Int(exactly: limit.rlim_cur)
  }

  private static func availablePhysicalMemory() -> Int? {
    #if os(Linux)
      if let text = readSmallFile("/proc/meminfo"),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
        let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
      {
        return kib * 1024
      }
    #endif
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return nil }
    return pages.multipliedReportingOverflow(by: pageSize).overflow ? nil : pages * pageSize
  }

  /// A field of `/proc/self/statm` in bytes (0: virtual size, 5: data + stack), or `nil` off Linux.
  private static func currentUsage(field: Int) -> Int? {
    #if os(Linux)
      guard let text = readSmallFile("/proc/self/statm") else { return nil }
      let fields = text.split(separator: " ")
      guard field < fields.count, let pages = Int(fields[field].filter(\.isNumber)) else { return nil }
      return pages * sysconf(Int32(_SC_PAGESIZE))
    #else
      return nil
    #endif
  }

  private static func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 8192)
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard n > 0 else { return nil }
    return String(decoding: buffer[..<n], as: UTF8.self)
  }
}

/// Byte counts as people read them: `512 bytes`, `3.5 MiB`, `37.3 GiB`, `2.0 TiB` (binary units).
public enum ByteCountText {
  /// `bytes` in the largest binary unit that keeps the number ≥ 1, with one decimal.
  public static func text(_ bytes: Int) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    guard bytes >= 1024 else { return "\(bytes) bytes" }
    var value = Double(bytes) / 1024
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let tenths = (value * 10).rounded() / 10
    let number = tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    return "\(number) \(units[unit])"
  }
}
