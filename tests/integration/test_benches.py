"""Every bench under bench/ runs at its --smoke size and prints its table, so none can rot
unnoticed. New benches are found by globbing; one that needs more than ``--smoke`` (or several
runs, one per mode) says so in SMOKE_RUNS."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHES = sorted(p.name for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_"))

# Bench file -> the argument lists its smoke runs take; anything not named runs `--smoke` once.
SMOKE_RUNS: dict[str, list[list[str]]] = {
    "analysis.py": [["--smoke"], ["--smoke", "--accuracy"], ["--smoke", "--stages"]],
}
RUNS = [
    pytest.param(name, args, id=" ".join([name, *args]))
    for name in BENCHES
    for args in SMOKE_RUNS.get(name, [["--smoke"]])
]
NUMBER = re.compile(r"\d+(\.\d+)?")


def table_rows(text: str) -> list[str]:
    """Lines that read as a table row: a label and at least one measured number."""
    return [
        line for line in text.splitlines() if re.search(r"[A-Za-z]", line) and NUMBER.search(line)
    ]


def test_every_bench_is_covered():
    assert BENCHES, "no benches found"
    assert set(SMOKE_RUNS) <= set(BENCHES), "SMOKE_RUNS names a bench that is gone"


@pytest.mark.slow
@pytest.mark.parametrize(("name", "args"), RUNS)
def test_bench_runs_at_its_smoke_size_and_prints_its_table(name, args, tmp_path):
    path = [str(ROOT / "app"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, path)))
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / name), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=240,
    )
    assert proc.returncode == 0, f"{name} {args} failed:\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    rows = table_rows(proc.stdout)
    assert len(rows) >= 3, f"{name} printed no table:\n{proc.stdout}"
