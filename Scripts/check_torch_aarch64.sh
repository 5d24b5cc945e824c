#!/usr/bin/env bash
# Which PyTorch does NNInit's parity generator match on arm64?  Runs the aarch64 torch wheel under qemu.
#
#   Scripts/check_torch_aarch64.sh           # compare a fresh aarch64 run with Tests/Fixtures/torch/
#   Scripts/check_torch_aarch64.sh --write   # ... and (re)write Tests/Fixtures/torch/aarch64/
#
# Optional, not run by CI: needs root (apt-get), network (deb.debian.org, PyPI: ~3.5 GB of wheels, because
# PyPI's aarch64 torch wheel is the CUDA build and does not import without its nvidia-* libraries), ~10 GB of
# disk and 10–20 minutes. On an x86-64 Debian/Ubuntu host:
#
#   1. debootstrap (first stage only, no binfmt needed) a Debian bookworm arm64 root with python3, and unpack
#      its packages;
#   2. pip-download the manylinux aarch64 wheels (torch==$TORCH_VERSION, numpy, safetensors) and install them
#      with --target into that root;
#   3. run `Scripts/make_torch_fixtures.py --child` under `qemu-aarch64 -L <root>` three times, once per CPU
#      capability the aarch64 wheel dispatches to — DEFAULT, SVE128, SVE256 — chosen by qemu's SVE vector
#      length (torch picks SVE128/SVE256 from the machine, not from ATEN_CPU_CAPABILITY);
#   4. if llvm-objdump is installed, show the float `uniform_` kernel's `fmadd` in each capability;
#   5. Scripts/compare_torch_aarch64.py: the three runs must agree bit for bit; print how they differ from the
#      x86 `vectorized/` and `scalar/` fixtures; check (or with --write, write) Tests/Fixtures/torch/aarch64/.
#
# qemu 7.2 (Debian bookworm) does not emulate /proc/cpuinfo for aarch64 and the guest then reads the host's
# x86 one: torch's cpuinfo crashes on import (SIGSEGV in cpuinfo_arm_linux_init) and oneDNN cannot read
# MIDR_EL1. `qemu -L` looks paths up in the root first, so the root gets an aarch64 /proc/cpuinfo and
# /sys/.../midr_el1 (a Neoverse N1). They only name the CPU; qemu still emulates its own `-cpu max`.
#
# Environment: HOST_PYTHON (x86 python with torch + safetensors, for step 4; default: python3),
# WORK (default /var/tmp/nninit-aarch64), TORCH_VERSION (default 2.15.0).
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/var/tmp/nninit-aarch64}"
TORCH_VERSION="${TORCH_VERSION:-2.15.0}"
HOST_PYTHON="${HOST_PYTHON:-python3}"
ARMROOT="$WORK/root"
WHEELS="$WORK/wheels"
SITE="$ARMROOT/opt/torchsite"
OUT="$WORK/out"
WRITE=()
[[ "${1:-}" == "--write" ]] && WRITE=(--write)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need qemu-aarch64 || ! need debootstrap; then
  apt-get update -qq && apt-get install -y -qq qemu-user debootstrap
fi
mkdir -p "$WORK" "$WHEELS" "$OUT"

# 1. arm64 Debian root with python3 (first stage only: packages downloaded and unpacked, nothing executed).
if [[ ! -x "$ARMROOT/usr/bin/python3.11" ]]; then
  debootstrap --arch=arm64 --foreign --variant=minbase --include=python3 bookworm "$ARMROOT" \
    http://deb.debian.org/debian
  for deb in "$ARMROOT"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$ARMROOT"; done
fi
mkdir -p "$ARMROOT/proc"
for i in 0 1; do
  printf 'processor\t: %d\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x3\nCPU part\t: 0xd0c\nCPU revision\t: 1\n\n' "$i"
done >"$ARMROOT/proc/cpuinfo"
for i in 0 1; do
  d="$ARMROOT/sys/devices/system/cpu/cpu$i/regs/identification"
  mkdir -p "$d" && echo 0x00000000413fd0c1 >"$d/midr_el1" && echo 0x0000000000000000 >"$d/revidr_el1"
done

# 2. The aarch64 wheels (manylinux tags up to glibc 2.36, bookworm's) and their dependencies.
PLATFORMS=(--platform linux_aarch64 --platform manylinux2014_aarch64)
for v in $(seq 17 36); do PLATFORMS+=(--platform "manylinux_2_${v}_aarch64"); done
PIP_TARGET_ARGS=("${PLATFORMS[@]}" --python-version 3.11 --implementation cp --abi cp311 --only-binary=:all:)
if [[ ! -d "$SITE/torch" ]]; then
  python3 -m pip download -q -d "$WHEELS" "${PIP_TARGET_ARGS[@]}" "torch==$TORCH_VERSION" numpy safetensors
  python3 -m pip install -q --no-index --find-links "$WHEELS" --target "$SITE" "${PIP_TARGET_ARGS[@]}" \
    "torch==$TORCH_VERSION" numpy safetensors
fi

# 3. One run per capability: qemu's SVE vector length in bytes decides which one torch dispatches to.
run_child() {  # name, vector length in bytes
  rm -rf "${OUT:?}/$1"
  echo "== aarch64 torch, sve-default-vector-length=$2 -> $OUT/$1"
  PYTHONPATH="$SITE" qemu-aarch64 -cpu "max,sve-default-vector-length=$2" -L "$ARMROOT" \
    "$ARMROOT/usr/bin/python3.11" "$ROOT_DIR/Scripts/make_torch_fixtures.py" --child "$OUT/$1"
}
run_child default 64
run_child sve128 16
run_child sve256 32

# 4. The instruction itself (when llvm-objdump is installed): uniform_'s float kernel in each capability
#    computes x * (to - from) + from with one fmadd.
LIB="$SITE/torch/lib/libtorch_cpu.so"
if need llvm-objdump; then
  nm -S "$LIB" | grep -E '(7DEFAULT|6SVE128|6SVE256)17cpu_serial_kernel.*14uniform_kernel.*ENKUlvE0_clEvEUlvE_.*EEvlS2_S4_ll$' |
    while read -r addr size _ name; do
      echo "== float uniform_kernel, $(echo "$name" | grep -oE 'DEFAULT|SVE128|SVE256' | head -1):"
      llvm-objdump -d --no-show-raw-insn --start-address=$((0x$addr)) --stop-address=$((0x$addr + 0x$size)) "$LIB" |
        grep -E '\bf(madd|mul|add|sub)\b'
    done
fi

# 5. Compare (and check or write the committed fixture).
"$HOST_PYTHON" "$ROOT_DIR/Scripts/compare_torch_aarch64.py" "$OUT" "${WRITE[@]}"
