"""bench/words.py --smoke runs every row on small inputs, so the benchmark cannot rot."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.needs import require

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_words_bench_smoke():
    require(bool(shutil.which("espeak-ng") and shutil.which("sox")), "espeak-ng and sox")
    require(importlib.util.find_spec("faster_whisper") is not None, "faster-whisper")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "words.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=280,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for row in ("WER, 1 voices pooled", "um/uh kept", "fillers on 3 s of silence",
                "fillers on 3 s of demo tone", "real-time factor", "peak memory",
                "GUI event-loop stall p99"):  # fmt: skip
        assert row in done.stdout
