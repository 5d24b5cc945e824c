#!/usr/bin/env bash
# Uses NNInit as another Swift package would: a throwaway package in a temporary directory depends on a
# file:// clone of this repository by version requirement (a tag made in the clone), and
#   - every ```swift block of README.md and the DocC articles compiles and runs (Scripts/consumer/make_consumer.py);
#   - the README's seed tutorial prints PyTorch's repr and writes PyTorch's weights, bit for bit;
#   - `import NNInit` does not re-export libc (a file calling `sqrt` with only `import NNInit` fails to compile);
#   - the `NNInitCore` product builds on its own.
# Checks the committed HEAD (a clone); exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone --quiet "file://$repo" "$work/nninit"
git -C "$work/nninit" tag --force 0.1.0 >/dev/null
docs=("$repo/README.md")
for article in "$repo"/Sources/*/*.docc/*.md; do [ -e "$article" ] && docs+=("$article"); done
python3 "$repo/Scripts/consumer/make_consumer.py" "file://$work/nninit" 0.1.0 "$work/consumer" "${docs[@]}" \
  > "$work/targets.txt"
cd "$work/consumer"
echo "consumer: $(grep -c Snippet "$work/targets.txt") snippet programs from ${#docs[@]} documents"

if swift build --target NoLibcLeak > "$work/leak.log" 2>&1; then
  echo "FAIL: a file with only 'import NNInit' could call sqrt: NNInit re-exports libc"; exit 1
fi
grep -q "cannot find 'sqrt' in scope" "$work/leak.log" || { cat "$work/leak.log"; echo "FAIL: NoLibcLeak failed for another reason"; exit 1; }
echo "consumer: 'import NNInit' does not re-export libc (sqrt not in scope)"

mkdir "$work/run"
# PyTorch's results for this machine's default flavor (README, "Parity with PyTorch").
case "$(uname -m)" in
  aarch64 | arm64) fixtures="$repo/Tests/Fixtures/torch/aarch64" ;;
  *) fixtures="$repo/Tests/Fixtures/torch/vectorized" ;;
esac
while read -r target source; do
  [ "$target" = NoLibcLeak ] && continue
  swift build --product "$target" > "$work/build.log" 2>&1 || { cat "$work/build.log"; echo "FAIL: $source does not compile"; exit 1; }
  (cd "$work/run" && "$work/consumer/.build/debug/$target" > "$work/run/$target.out") \
    || { cat "$work/run/$target.out"; echo "FAIL: $source exits non-zero"; exit 1; }
  echo "consumer: $source compiles and runs"
  if grep -q "final class SimpleNN" "Sources/$target/main.swift"; then
    python3 "$repo/Scripts/consumer/check_tutorial_output.py" "$work/run/$target.out" "$work/run/simple.safetensors" \
      "$fixtures/tutorial.json" "$fixtures/tutorial.safetensors"
  fi
done < "$work/targets.txt"
echo "consumer: all checks passed"
