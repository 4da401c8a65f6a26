"""The analysis runs in a child process: same result as in-process, progress while it works,
cancel kills it, a child that dies or a file it cannot read gives one line."""

from __future__ import annotations

import signal
import subprocess

import pytest

from taketwo.analysis import child
from taketwo.analysis.child import analyze_in_child, plan_command
from taketwo.analysis.result import AnalysisCancelled, AnalysisError
from taketwo.analysis.take import analyze_file
from taketwo.analysis.worker import EXIT_ORPHANED
from tests.support.library_media import make_video


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_video(tmp_path_factory.mktemp("child") / "clip.mp4", 2.0, fps=10)


@pytest.fixture
def children(monkeypatch):
    """Every child process started, to check how it ended."""
    started: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def recording(*args, **kwargs):
        process = popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(child.subprocess, "Popen", recording)
    return started


def test_the_child_measures_what_the_library_measures_and_reports_progress(clip):
    steps = []
    result = analyze_in_child(clip, 5.0, lambda f, t: steps.append((f, t)) or True)
    assert result == analyze_file(clip, 5.0)
    assert result["target_s"] == 5.0
    fractions = [f for f, _t in steps]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert any(t == "Finding speech and pauses" for _f, t in steps)


def test_names_that_look_like_options_are_still_names(clip, tmp_path, monkeypatch):
    odd = tmp_path / "-h.mp4"
    odd.write_bytes(clip.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = analyze_in_child(odd.name, 5.0, key_points=["-- a point with dashes"])
    assert result["file"] == "-h.mp4"


def test_cancel_kills_the_child_and_returns_nothing(clip, children):
    with pytest.raises(AnalysisCancelled):
        analyze_in_child(clip, progress=lambda f, t: False)
    assert len(children) == 1
    assert children[0].returncode == -signal.SIGKILL


def test_a_file_the_child_cannot_read_is_one_line(tmp_path, children):
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    with pytest.raises(AnalysisError, match="not a media file") as caught:
        analyze_in_child(bad)
    assert "\n" not in str(caught.value)
    assert children[0].returncode == 2


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)", "stopped by SIGSEGV"),
        ("raise RuntimeError('Praat fell over')", "(exit code 1): RuntimeError: Praat fell over"),
        ("print('half a line', end='')", "exit code 0"),
        (
            "import sys; print('Traceback', file=sys.stderr); print('ValueError: bad', file="
            "sys.stderr); print('[PYI-1:ERROR] Failed to execute script', file=sys.stderr); "
            "raise SystemExit(1)",
            "(exit code 1): ValueError: bad",
        ),
    ],
)
def test_a_child_that_dies_is_one_clear_line(clip, monkeypatch, code, said):
    monkeypatch.setattr(child, "WORKER", code)
    with pytest.raises(AnalysisError) as caught:
        analyze_in_child(clip)
    message = str(caught.value)
    assert message.startswith(f"the analysis of {clip.name} stopped unexpectedly")
    assert said in message
    assert "\n" not in message


def test_the_child_stops_when_its_parent_goes_away(clip):
    # stdin closed from the start, as when the parent dies: the child leaves without measuring.
    done = subprocess.run(
        plan_command(clip, None, None, ()),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=child._environment(),
        timeout=60,
    )
    assert done.returncode == EXIT_ORPHANED
    assert b"result" not in done.stdout
