"""`taketwo record --question ID`: a take goes into the library, row first, final when done."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.media_checks import ffprobe

TAKETWO = [sys.executable, "-m", "taketwo"]


def cli(library, *args, check=True):
    proc = subprocess.run(
        [*TAKETWO, "--library", str(library), *args], capture_output=True, text=True, timeout=120
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_a_recorded_take_lands_in_the_library_as_final(tmp_path):
    lib = tmp_path / "lib"
    question = json.loads(cli(lib, "question", "add", "Why this company?", "--json").stdout)
    take = json.loads(
        cli(
            lib,
            "record",
            "--question",
            str(question["id"]),
            "--camera",
            "demo",
            "--mic",
            "demo",
            "--size",
            "320x240",
            "--seconds",
            "1.5",
            "--json",
        ).stdout
    )
    takes = json.loads(
        cli(lib, "takes", "list", "--question", str(question["id"]), "--json").stdout
    )
    assert [t["id"] for t in takes] == [take["id"]]
    assert takes[0]["state"] == "final"
    assert abs(takes[0]["duration"] - 1.5) < 0.2
    info = ffprobe(take["path"])
    assert {s["codec_name"] for s in info["streams"]} == {"h264", "aac"}
    assert "/media/" in take["path"]


def test_a_take_under_a_second_is_not_kept_from_the_command_line_either(tmp_path):
    """The rule the Rehearse screen keeps lives in the take workflow, so `record` keeps it."""
    lib = tmp_path / "lib"
    question = json.loads(cli(lib, "question", "add", "Why this company?", "--json").stdout)
    proc = cli(
        lib,
        "record",
        "--question",
        str(question["id"]),
        *("--camera", "demo", "--mic", "demo", "--size", "320x240"),
        *("--seconds", "0.3", "--json"),
        check=False,
    )
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["state"] == "too short"
    assert "under a second" in data["error"]
    takes = json.loads(
        cli(lib, "takes", "list", "--question", str(question["id"]), "--json").stdout
    )
    assert takes == []


def test_recording_for_a_missing_question_is_one_clear_line(tmp_path):
    proc = cli(
        tmp_path / "lib",
        "record",
        "--question",
        "42",
        "--camera",
        "demo",
        "--mic",
        "demo",
        "--seconds",
        "1",
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "taketwo: no question with id 42"


def test_a_device_that_cannot_open_leaves_no_take_row(tmp_path):
    lib = tmp_path / "lib"
    question = json.loads(cli(lib, "question", "add", "Tell me about yourself", "--json").stdout)
    proc = cli(
        lib,
        "record",
        "--question",
        str(question["id"]),
        "--camera",
        "file:/nope.mp4",
        "--mic",
        "demo",
        "--seconds",
        "1",
        check=False,
    )
    assert proc.returncode == 1
    assert "no such video file" in proc.stderr
    takes = json.loads(cli(lib, "takes", "list", "--json").stdout)
    assert takes == []
