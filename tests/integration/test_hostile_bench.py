"""bench/hostile.py keeps working: its smoke size runs one case of each root cause, and every
one of them is handled (refused in one line, or done) with nothing escaped or lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]


def test_the_hostile_table_smoke_run_is_all_handled():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "hostile.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    counts = next(line for line in proc.stdout.splitlines() if line.startswith("ok: "))
    assert counts == "ok: 4  unclear: 0  traceback: 0  data lost: 0  escaped: 0", proc.stdout
