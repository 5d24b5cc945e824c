#!/usr/bin/env bash
# Builds the DocC documentation (swift-docc-plugin) of every library module into one combined archive —
# the NNInit catalog's articles plus a page per module — and fails if
#   - DocC reports any warning or error (a link to a symbol or article that does not exist, a parameter
#     missing from a `- Parameters:` list, a malformed directive), or
#   - a public symbol declared in Sources/ has no doc comment (symbols whose documentation is inherited
#     from a protocol, such as `==` or `init(from:)`, and compiler-synthesized ones count as documented).
#
# Usage: Scripts/check_docs.sh [OUTPUT_DIR]    (default: .build/docs; open OUTPUT_DIR/index.html through
#        a web server, or use `swift package preview-documentation --target NNInit` while writing)
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-.build/docs}"
start=$SECONDS

# Every Swift library target under Sources/, except underscored ones (the C kernels).
targets=$(swift package describe --type json | python3 -c '
import json, sys
for t in json.load(sys.stdin)["targets"]:
    if t["type"] == "library" and t.get("module_type") == "SwiftTarget" \
            and t["path"].startswith("Sources/") and not t["name"].startswith("_"):
        print(t["name"])')
arguments=()
for target in $targets; do arguments+=(--target "$target"); done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
swift package --allow-writing-to-directory "$output" generate-documentation "${arguments[@]}" \
  --enable-experimental-combined-documentation --output-path "$output" >"$log" 2>&1
status=$?
set -e
# DocC's diagnostics start their line with `warning:`/`error:` (compiler diagnostics start with a path).
grep -v '^\[[0-9]*/[0-9]*\]' "$log" | grep -E -A6 '^(warning|error):' || true
warnings=$(grep -c -E '^warning:' "$log" || true)
errors=$(grep -c -E '^error:' "$log" || true)

# Public symbols of our sources without a doc comment, from the symbol graphs the plugin extracted.
undocumented=$(python3 - $targets <<'EOF'
import glob, json, sys
for target in sys.argv[1:]:
    for path in glob.glob(f".build/*/extracted-symbols/*/{target}/{target}*.symbols.json"):
        for symbol in json.load(open(path))["symbols"]:
            location = symbol.get("location")
            if location and not symbol.get("docComment"):
                file = location["uri"].split("/Sources/", 1)[-1]
                line = location["position"]["line"] + 1
                print(f"Sources/{file}:{line}: undocumented public symbol {'.'.join(symbol['pathComponents'])}")
EOF
)
[ -n "$undocumented" ] && echo "$undocumented"
missing=$(printf '%s' "$undocumented" | grep -c . || true)

echo "check_docs: targets: $(echo $targets); DocC warnings: $warnings, errors: $errors;" \
  "undocumented public symbols: $missing; $((SECONDS - start)) s; archive: $output"
if [ "$status" -ne 0 ] || [ "$warnings" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$missing" -ne 0 ]; then
  [ "$status" -ne 0 ] && tail -20 "$log"
  echo "check_docs: FAILED"
  exit 1
fi
echo "check_docs: OK"
