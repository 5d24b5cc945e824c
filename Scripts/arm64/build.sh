#!/usr/bin/env bash
# Builds Scripts/arm64/kernel_check.c with every C kernel of Sources/_Kernels, with the Swift toolchain's
# clang: `build.sh native OUT` for this machine, `build.sh aarch64 OUT` cross-compiled for aarch64 Linux
# against Debian's arm64 cross libc (libc6-dev-arm64-cross), linked by the toolchain's lld — no arm64
# GCC needed (crt files and libc given explicitly, so no libgcc).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: build.sh native|aarch64 OUT}
out=${2:?usage: build.sh native|aarch64 OUT}

clang=""
if command -v swift >/dev/null 2>&1; then
  candidate="$(dirname "$(readlink -f "$(command -v swift)")")/clang"
  [ -x "$candidate" ] && clang=$candidate
fi
[ -z "$clang" ] && [ -x /opt/swift/usr/bin/clang ] && clang=/opt/swift/usr/bin/clang
[ -z "$clang" ] && { echo "build.sh: no clang (the Swift toolchain's, or /opt/swift/usr/bin/clang)" >&2; exit 1; }

flags=(-std=gnu11 -O2 -Wall -I Sources/_Kernels/include)
sources=(Sources/_Kernels/*.c Scripts/arm64/kernel_check.c)
case "$target" in
  native)
    "$clang" "${flags[@]}" "${sources[@]}" -o "$out" -lm -lpthread ;;
  aarch64)
    sysroot=/usr/aarch64-linux-gnu
    lib=$sysroot/lib
    "$clang" --target=aarch64-linux-gnu --sysroot="$sysroot" -fuse-ld=lld -nostartfiles -nodefaultlibs \
      "${flags[@]}" "${sources[@]}" \
      "$lib/Scrt1.o" "$lib/crti.o" "$lib/libm.so.6" "$lib/libc.so.6" "$lib/libc_nonshared.a" \
      "$lib/ld-linux-aarch64.so.1" "$lib/crtn.o" -o "$out" ;;
  *) echo "build.sh: unknown target $target (native or aarch64)" >&2; exit 1 ;;
esac
