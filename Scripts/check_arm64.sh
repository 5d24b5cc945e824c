#!/usr/bin/env bash
# The aarch64 check of the C kernels (run by .ci/run): every kernel, dtype and distribution — Philox
# uniform / normal / truncated normal in float32 and float64, the float32 Box–Muller stages on all
# 2²⁴ inputs, MT19937, PyTorch's uniform_ / normal_ kernels, the GEMM — on odd sizes and offsets, at
# every ISA level (scalar and NEON), cross-compiled for aarch64 and run under qemu-aarch64, must give
# the hashes of Scripts/arm64/kernel_golden.txt, produced on x86-64 (Scripts/arm64/make_golden.sh).
# On x86-64 the native kernels (scalar, AVX2, AVX-512) are checked against the same file first.
# Installs qemu-user and libc6-dev-arm64-cross with apt-get if missing (as root). Prints one summary
# line, `check_arm64: PASS …` or `check_arm64: FAIL …`, and exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v qemu-aarch64 >/dev/null 2>&1 || missing+=(qemu-user)
[ -f /usr/aarch64-linux-gnu/lib/Scrt1.o ] || missing+=(libc6-dev-arm64-cross)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "check_arm64: FAIL: missing ${missing[*]} (install them, or run as root)"
    exit 1
  fi
  echo "installing ${missing[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "check_arm64: FAIL: apt-get install ${missing[*]} failed"
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
golden=Scripts/arm64/kernel_golden.txt
status=0

if [ "$(uname -m)" = x86_64 ]; then
  Scripts/arm64/build.sh native "$work/kernel_check_x86" || { echo "check_arm64: FAIL: native build"; exit 1; }
  echo "x86-64 (native):"
  "$work/kernel_check_x86" check "$golden" | sed 's/^/  /' || status=1
fi

Scripts/arm64/build.sh aarch64 "$work/kernel_check_arm64" || { echo "check_arm64: FAIL: aarch64 cross-compilation"; exit 1; }
echo "aarch64 (qemu-aarch64):"
start=$(date +%s)
qemu-aarch64 -L /usr/aarch64-linux-gnu "$work/kernel_check_arm64" check "$golden" | sed 's/^/  /' || status=1
echo "  (NEON figures under qemu are a functional check, not a speed claim; $(($(date +%s) - start)) s)"

cases=$(grep -vc '^#' "$golden")
if [ $status -eq 0 ]; then
  echo "check_arm64: PASS: $cases cases, every ISA level on aarch64 (scalar, NEON) bit-identical to x86-64's golden hashes"
else
  echo "check_arm64: FAIL: see the FAIL lines above"
fi
exit $status
