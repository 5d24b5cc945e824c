// The platform C library's math functions (`log`, `sin`, `erf`, `fmaf`, …) for the library's own modules.
// Each module imports this one internally, file by file, so a user's `import NNInit` never re-exports libc.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#endif
