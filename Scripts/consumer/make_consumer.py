#!/usr/bin/env python3
"""Writes a throwaway Swift package that uses NNInit the way a user's package does.

    make_consumer.py REPO_URL VERSION OUT_DIR DOC_FILE...

- every ```swift block of the DOC_FILEs becomes compiled code: a block that starts with `import` is a
  program (an executable target `Snippet<N>`); a block without imports continues the program before it
  in the same file (the README shows a program, then lines that use its `model`);
- `NoLibcLeak` calls `sqrt` with only `import NNInit`: it must NOT compile (NNInit re-exports no libc);
- `CoreOnly` uses the `NNInitCore` product alone.
Prints one line per snippet target: `<target> <doc file>:<line>`.
"""
import json
import pathlib
import re
import sys


def programs(path):
    """(start line, source) of each program in a Markdown file's ```swift blocks."""
    text = pathlib.Path(path).read_text()
    result = []
    for match in re.finditer(r"^```swift\n(.*?)^```", text, re.S | re.M):
        code = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        if re.search(r"^import ", code, re.M) or not result:
            result.append([line, code])
        else:
            result[-1][1] += "\n// continued from the block at line %d\n" % line + code
    return result


def main():
    url, version, out = sys.argv[1:4]
    docs = sys.argv[4:]
    root = pathlib.Path(out)
    targets = []
    for doc in docs:
        for line, code in programs(doc):
            name = "Snippet%d" % (len(targets) + 1)
            (root / "Sources" / name).mkdir(parents=True)
            (root / "Sources" / name / "main.swift").write_text(code)
            targets.append((name, "NNInit", "%s:%d" % (doc, line)))
    extra = {
        "NoLibcLeak": ("NNInit", "import NNInit\n\nprint(sqrt(2.0))  // must not compile: NNInit re-exports no libc\n"),
        "CoreOnly": (
            "NNInitCore",
            "import NNInitCore\n\nlet layer = try Linear(4, 3, generator: TorchGenerator(seed: 0))\n"
            "print(layer.stateDict().map(\\.key))\n",
        ),
    }
    for name, (product, code) in extra.items():
        (root / "Sources" / name).mkdir(parents=True)
        (root / "Sources" / name / "main.swift").write_text(code)
        targets.append((name, product, name))
    lines = [
        "// swift-tools-version:6.0",
        "import PackageDescription",
        "",
        "let package = Package(",
        '  name: "Consumer",',
        "  dependencies: [.package(url: %s, from: %s)]," % (json.dumps(url), json.dumps(version)),
        "  targets: [",
    ]
    for name, product, _ in targets:
        lines.append(
            '    .executableTarget(name: "%s", dependencies: [.product(name: "%s", package: "nninit")]),' % (name, product)
        )
    lines += ["  ]", ")", ""]
    (root / "Package.swift").write_text("\n".join(lines))
    for name, _, source in targets:
        print(name, source)


main()
