"""`taketwo analyze TAKE_ID` and `--all` store results with the take and in its sidecar."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from taketwo.analysis.take import VERSION
from taketwo.cli import main
from taketwo.storage import Library
from tests.support.library_media import make_video

pytest_plugins = ["tests.support.library_fixtures"]


@pytest.fixture
def takes(library: Library, question, tmp_path):
    made = []
    for i in range(2):
        take = library.import_media(make_video(tmp_path / f"clip{i}.mp4", 2.0, fps=10), question.id)
        made.append(take)
    library.close()
    return made


def test_analyze_a_take_stores_it_and_writes_the_sidecar(library_dir, takes, capsys):
    take = takes[0]
    assert main(["--library", str(library_dir), "analyze", str(take.id), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    with Library.open(library_dir) as lib:
        stored = lib.get_analysis(take.id)
        assert lib.get_analysis(takes[1].id) is None
        sidecar = json.loads(lib.get_take(take.id).sidecar_path.read_text())
    assert stored == printed
    assert sidecar["analysis"] == printed
    assert oct(take.sidecar_path.stat().st_mode & 0o777) == "0o600"


def test_analyze_all_does_each_take_once(library_dir, takes, capsys):
    assert main(["--library", str(library_dir), "analyze", "--all", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["analyzed"] == [t.id for t in takes]
    assert main(["--library", str(library_dir), "analyze", "--all"]) == 0
    assert "already analysed" in capsys.readouterr().out
    with Library.open(library_dir) as lib:
        assert lib.takes_to_analyze(VERSION) == []
        assert len(lib.takes_to_analyze(VERSION, again=True)) == 2
        assert set(lib.analyses_for_question(takes[0].question_id)) == {t.id for t in takes}


def test_a_take_whose_file_is_damaged_fails_in_one_line_and_is_remembered(library_dir, takes):
    takes[0].path.write_bytes(b"not a video any more")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "taketwo",
            "--library",
            str(library_dir),
            "analyze",
            str(takes[0].id),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not a media file" in done.stderr
    with Library.open(library_dir) as lib:
        assert lib.get_analysis(takes[0].id) is None
        assert "not a media file" in lib.analysis_error(takes[0].id)


def test_an_unknown_take_id_is_one_line(library_dir, takes):
    done = subprocess.run(
        [sys.executable, "-m", "taketwo", "--library", str(library_dir), "analyze", "999"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "taketwo: no take with id 999"
