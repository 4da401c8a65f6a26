"""A clone of the project holds all it refers to: no document or source names a path outside
the checkout (a sibling folder of notes, a build machine's home)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

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


def test_no_tracked_link_leads_out_of_the_checkout():
    """A committed symlink to a machine's path (a venv, a notes folder) breaks every clone."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    links = [line.split("\t", 1)[1] for line in listing.splitlines() if line.startswith("120000")]
    outside = []
    for name in links:
        link = os.readlink(ROOT / name)
        target = os.path.normpath((ROOT / name).parent / link)
        if os.path.isabs(link) or not Path(target).is_relative_to(ROOT):  # absolute: this machine
            outside.append(f"{name} -> {link}")
    assert outside == []
