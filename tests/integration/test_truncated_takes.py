"""A library take whose file was cut short is refused by export and pack in one line, and said
to be cut short by analyze; a closed fragmented take and a take recovered after a crash export."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from taketwo.cli import main
from tests.support.media_checks import closed_with_index, ffprobe

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """A library with one question and one 4-s take from the demo devices, as `record` left it."""
    folder = tmp_path_factory.mktemp("truncated") / "library"
    base = [sys.executable, "-m", "taketwo", "--library", str(folder)]
    subprocess.run([*base, "question", "add", "Why us?"], check=True, capture_output=True)
    subprocess.run(
        [
            *base,
            "record",
            "--question",
            "1",
            "--camera",
            "demo",
            "--mic",
            "demo",
            "--size",
            "320x240",
            "--seconds",
            "4",
            "--quiet",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return folder


@pytest.fixture
def library(recorded, tmp_path) -> Path:
    folder = tmp_path / "library"
    shutil.copytree(recorded, folder)
    return folder


def cli(folder: Path, capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--library", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


def take_file(folder: Path) -> Path:
    [path] = (folder / "media").glob("*/*.mp4")
    return path


def fragment_offsets(path: Path) -> list[int]:
    """Where each top-level ``moof`` box starts (read here, not by Take Two's reader)."""
    data, offset, found = path.read_bytes(), 0, []
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset : offset + 4], "big")
        if data[offset + 4 : offset + 8] == b"moof":
            found.append(offset)
        offset += size
    return found


def cut(path: Path, at: int) -> None:
    with open(path, "r+b") as f:
        f.truncate(at)


def test_a_closed_fragmented_take_exports_and_packs(library, capsys, tmp_path):
    assert closed_with_index(take_file(library))
    code, _out, err = cli(
        library, capsys, "take", "export", "1", "--output", str(tmp_path / "a.mp4")
    )
    assert code == 0, err
    assert abs(float(ffprobe(tmp_path / "a.mp4")["format"]["duration"]) - 4.0) < 0.2
    code, _out, err = cli(
        library, capsys, "pack", "--takes", "1", "--output", str(tmp_path / "p.zip")
    )
    assert code == 0, err


@pytest.mark.parametrize("where", ["between fragments", "inside a fragment"])
def test_a_cut_take_is_refused_in_one_line_and_nothing_is_written(library, capsys, tmp_path, where):
    path = take_file(library)
    second = fragment_offsets(path)[1]
    cut(path, second if where == "between fragments" else second + 3000)
    out = tmp_path / "out"
    out.mkdir()
    for argv in (
        ("take", "export", "1", "--output", str(out / "clip.mp4")),
        ("take", "export", "1", "--start", "0.2", "--end", "0.5", "--output", str(out / "c.mp4")),
        ("pack", "--takes", "1", "--output", str(out / "pack.zip")),
        ("pack", "--question", "1", "--output", str(out / "pack.zip")),
    ):
        code, stdout, err = cli(library, capsys, *argv)
        assert code == 1, argv
        assert stdout == ""
        assert len(err.strip().splitlines()) == 1, err
        assert "truncated" in err
        assert "Traceback" not in err
    assert list(out.iterdir()) == []
    with sqlite3.connect(library / "taketwo.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM packs").fetchone()[0] == 0


def test_analyze_says_a_cut_take_is_cut_short(library, capsys):
    path = take_file(library)
    cut(path, fragment_offsets(path)[2])
    code, out, err = cli(library, capsys, "analyze", "1", "--json")
    assert code == 0, err
    assert "cut short" in err
    assert len(err.strip().splitlines()) == 1
    result = json.loads(out)
    assert "truncated" in result["warnings"]
    assert result["readable_s"] < 3.0


def test_a_take_recovered_after_a_crash_exports(library, capsys, tmp_path):
    """A crash leaves the row `recording` and the file torn; the check recovers what is there."""
    path = take_file(library)
    cut(path, fragment_offsets(path)[2] + 3000)
    with sqlite3.connect(library / "taketwo.sqlite3") as conn:
        conn.execute("UPDATE takes SET state = 'recording'")
    code, _out, err = cli(library, capsys, "library", "check", "--repair")
    assert code in (0, 1), err
    code, out, err = cli(library, capsys, "take", "show", "1", "--json")
    assert json.loads(out)["state"] == "recovered"
    clip = tmp_path / "clip.mp4"
    code, _out, err = cli(library, capsys, "take", "export", "1", "--output", str(clip))
    assert code == 0, err
    assert 1.5 < float(ffprobe(clip)["format"]["duration"]) < 3.2
    code, _out, err = cli(
        library, capsys, "pack", "--takes", "1", "--output", str(tmp_path / "p.zip")
    )
    assert code == 0, err


def test_a_file_shorter_than_the_library_recorded_is_refused(library, capsys, tmp_path):
    """Whole boxes, but not the take the library holds: the recorded length tells."""
    with sqlite3.connect(library / "taketwo.sqlite3") as conn:
        conn.execute("UPDATE takes SET duration = 10.0")
    code, _out, err = cli(
        library, capsys, "take", "export", "1", "--output", str(tmp_path / "a.mp4")
    )
    assert code == 1
    assert "of the 10.0 s recorded" in err
    assert not (tmp_path / "a.mp4").exists()
