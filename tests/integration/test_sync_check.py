"""sync-check measures a file's known A/V offset, stores it, and later takes are shifted by it.

The file is a demo take whose sound is moved 80 ms late by ffmpeg (-itsoffset), played through
the `file:` camera and microphone; the results are checked with ffmpeg, not our reader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from tests.support.media_checks import sync_marks

TAKETWO = [sys.executable, "-m", "taketwo"]


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([*TAKETWO, *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
def test_sync_check_finds_a_known_80_ms_offset_and_later_takes_are_in_sync(tmp_path):
    env = {**os.environ, "TAKETWO_SYNC_OFFSETS": str(tmp_path / "offsets.json")}
    source, late = tmp_path / "source.mp4", tmp_path / "late80.mp4"
    proc = run(
        "record",
        "--camera",
        "demo",
        "--mic",
        "demo",
        "--size",
        "640x360",
        "--seconds",
        "5.5",
        "--output",
        str(source),
        "--quiet",
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(source),
            "-itsoffset",
            "0.080",
            "-i",
            str(source),
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c",
            "copy",
            str(late),
        ],
        check=True,
    )
    spec = f"file:{late}"
    proc = run("sync-check", "--camera", spec, "--mic", spec, "--seconds", "6", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["claps"] >= 3
    assert abs(report["offset_ms"] - 80) <= 1000 / 30, report  # within one frame
    assert report["saved"]
    stored = json.loads((tmp_path / "offsets.json").read_text())
    assert stored == {f"{spec}|{spec}": pytest.approx(report["offset_ms"] / 1000, abs=1e-3)}

    after = tmp_path / "after.mp4"
    proc = run(
        "record",
        "--camera",
        spec,
        "--mic",
        spec,
        "--seconds",
        "5",
        "--output",
        str(after),
        "--json",
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(after.with_suffix(".json").read_text())["audio_delay_ms"] == pytest.approx(
        report["offset_ms"], abs=0.1
    )
    marks = sync_marks(after)
    assert len(marks.offsets_ms) >= 3
    assert np.max(np.abs(marks.offsets_ms)) <= 15, marks.offsets_ms


def test_sync_check_without_claps_says_so_in_one_line(tmp_path):
    env = {**os.environ, "TAKETWO_SYNC_OFFSETS": str(tmp_path / "offsets.json")}
    proc = run(
        "sync-check", "--camera", "demo", "--mic", "demo:tone=440", "--seconds", "2", env=env
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith("taketwo: found 0 claps")
    assert not (tmp_path / "offsets.json").exists()
