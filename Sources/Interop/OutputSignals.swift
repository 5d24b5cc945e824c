#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Makes interrupted writes leave nothing behind: on SIGINT, SIGTERM or SIGHUP every unfinished
/// temporary output file is removed, one line is written to standard error
/// (`Error: interrupted by SIGTERM; the unfinished output file was removed`) and the process exits with
/// 128 + the signal number (130, 143, 129), as a shell reports a process killed by that signal.
///
/// Also ignores SIGPIPE and SIGXFSZ, so a closed pipe or the file-size limit (`ulimit -f`) becomes a
/// write error with a message instead of a silent death. A library does not take signals on its own:
/// the `nninit` command calls ``install()``; other programs may.
public enum OutputSignals {
  /// Installs the handlers and unblocks their signals for the calling thread (idempotent). Call it
  /// from the main thread before starting other threads.
  public static func install() {
    _UnfinishedFiles.prepare()
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = _removeUnfinishedFilesAndExit
      #else
        action.__sigaction_handler.sa_handler = _removeUnfinishedFilesAndExit
      #endif
      sigemptyset(&action.sa_mask)
      sigaction(signal, &action, nil)
    }
    signal(SIGPIPE, SIG_IGN)
    signal(SIGXFSZ, SIG_IGN)
    // A parent may have started us with these signals blocked (the mask is inherited); threads created
    // from now on inherit this thread's mask.
    var handled = sigset_t()
    sigemptyset(&handled)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, signal) }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
  }
}

/// The temporary files being written, in a fixed table that a signal handler can read without locks or
/// allocation. Registration happens with the handled signals blocked (see ``withSignalsBlocked(_:)``).
enum _UnfinishedFiles {
  static let capacity = 64
  nonisolated(unsafe) private static var slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    slots.initialize(repeating: nil, count: capacity)
    return slots
  }()
  /// Per signal number `s`: at `2s` the line written when a file was removed, at `2s + 1` when none was.
  nonisolated(unsafe) private static var messages: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let messages = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 2 * 65)
    messages.initialize(repeating: nil, count: 2 * 65)
    for (signal, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")] {
      messages[2 * Int(signal)] = strdup("Error: interrupted by \(name); the unfinished output file was removed\n")
      messages[2 * Int(signal) + 1] = strdup("Error: interrupted by \(name)\n")
    }
    return messages
  }()

  /// Initializes the table and the messages before any handler can run.
  static func prepare() {
    withSignalsBlocked {
      _ = slots
      _ = messages
    }
  }

  /// Adds `path` to the table (if full, the path is simply not cleaned up on a signal).
  static func register(_ path: String) {
    withSignalsBlocked {
      for i in 0..<capacity where slots[i] == nil {
        slots[i] = strdup(path)
        return
      }
    }
  }

  /// Removes `path` from the table.
  static func unregister(_ path: String) {
    withSignalsBlocked {
      for i in 0..<capacity {
        guard let entry = slots[i], String(cString: entry) == path else { continue }
        slots[i] = nil
        free(entry)
      }
    }
  }

  /// Runs `body` with SIGINT, SIGTERM and SIGHUP held back for this thread.
  static func withSignalsBlocked<T>(_ body: () -> T) -> T {
    var blocked = sigset_t(), previous = sigset_t()
    sigemptyset(&blocked)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, signal) }
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return body()
  }

  /// The handler's work: only async-signal-safe calls (`unlink`, `write`, `_exit`).
  static func removeAllAndExit(_ signal: Int32) {
    var removed = false
    for i in 0..<capacity {
      if let entry = slots[i], unlink(entry) == 0 { removed = true }
    }
    if (1...64).contains(signal), let line = messages[2 * Int(signal) + (removed ? 0 : 1)] {
      _ = write(2, line, strlen(line))
    }
    _exit(128 + signal)
  }
}

private func _removeUnfinishedFilesAndExit(_ signal: Int32) {
  _UnfinishedFiles.removeAllAndExit(signal)
}
