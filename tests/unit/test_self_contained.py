"""A clone of the project holds all it refers to: no document or source names a path outside
the checkout (a sibling folder of notes, a build machine's home)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("app", "bench", "docs", "packaging", "resources", "tests")
SUFFIXES = {".py", ".md", ".sh", ".toml", ".txt", ".spec", ".cfg", ".in", ".html", ".json"}
# A sibling folder of notes (the shared style page beside the checkout) or an absolute path into a
# workplace's folders (the names are built up so that this file does not match itself).
SHARED, WORK = "shared" + "/", "/" + "work" + "/"
OUTSIDE = re.compile(rf"\.\./{SHARED}|(?<![\w./]){SHARED}STYLE|(?<![\w.]){WORK}")


def test_no_file_points_outside_the_checkout():
    files = [
        ROOT / n for n in ("README.md", "CONTRIBUTING.md", "pyproject.toml") if (ROOT / n).exists()
    ]
    for folder in SCANNED:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    offenders = []
    for path in files:
        if any(part in (".venv", "out", "artifacts", "__pycache__") for part in path.parts):
            continue
        text = path.read_text("utf-8", errors="replace")
        offenders += [
            f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
            for n, line in enumerate(text.splitlines(), 1)
            if OUTSIDE.search(line)
        ]
    assert offenders == []
