"""Fixtures for the playback screens: real takes recorded once per session, a library per test.

Use with ``pytest_plugins = ["tests.support.ui_fixtures"]``. The takes come from the real
recorder with the demo devices, whose camera shows one fully white frame at each whole second;
frame times are read with PyAV, not with the Qt player under test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import av
import pytest

from taketwo.domain import Question, Take
from taketwo.storage import Library

# Take 3 is 2 s longer than take 1: comparing them must find a length difference (explain.py
# reports one from 1 s) even when a busy machine stretches or cuts a take by a tenth or two.
CLIP_SECONDS = (2.0, 2.0, 4.0)
CLIP_SIZE = "320x240"
WHITE = 200  # lightness above which a frame counts as the demo camera's white mark


@dataclass(frozen=True)
class Clip:
    """A recorded take file and what an independent reader found in it."""

    path: Path
    sidecar: dict[str, object]
    duration: float
    frames: list[float]  # start time of every video frame, seconds
    white: list[float]  # start times of the white frames

    def frame_after(self, start: float, n: int = 1) -> float:
        index = min(range(len(self.frames)), key=lambda i: abs(self.frames[i] - start))
        return self.frames[index + n]

    def frames_at(self, t: float, slack: float = 0.002) -> set[float]:
        """Start of the frame on screen at ``t`` (both neighbours if ``t`` is on a boundary)."""
        return {start for start in (self._frame_at(t - slack), self._frame_at(t + slack))}

    def _frame_at(self, t: float) -> float:
        return max((start for start in self.frames if start <= t), default=self.frames[0])


@dataclass
class StockedLibrary:
    library: Library
    question: Question
    takes: list[Take] = field(default_factory=list)
    clips: list[Clip] = field(default_factory=list)

    def take_id(self, index: int) -> int:
        take_id = self.takes[index].id
        assert take_id is not None
        return take_id


def _read_clip(path: Path) -> Clip:
    frames, white = [], []
    with av.open(str(path)) as container:
        duration = (container.duration or 0) / 1_000_000
        for frame in container.decode(video=0):
            assert frame.time is not None
            frames.append(float(frame.time))
            if frame.to_ndarray(format="gray").mean() > WHITE:
                white.append(float(frame.time))
    sidecar = json.loads(path.with_suffix(".json").read_text())
    return Clip(path, sidecar, duration, frames, white)


@pytest.fixture(scope="session")
def recorded_clips(tmp_path_factory: pytest.TempPathFactory) -> list[Clip]:
    """Record the takes in parallel, once: recording runs in real time."""
    folder = tmp_path_factory.mktemp("clips")
    jobs = []
    for i, seconds in enumerate(CLIP_SECONDS):
        out = folder / f"clip-{i}.mp4"
        jobs.append(
            (
                out,
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "taketwo",
                        "record",
                        "--camera",
                        "demo",
                        "--mic",
                        "demo",
                        "--size",
                        CLIP_SIZE,
                        "--seconds",
                        str(seconds),
                        "--output",
                        str(out),
                        "--quiet",
                    ],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    clips = []
    for out, job in jobs:
        stdout, stderr = job.communicate(timeout=60)
        assert job.returncode == 0, f"recording failed: {stdout}\n{stderr}"
        clips.append(_read_clip(out))
    return clips


@pytest.fixture
def stocked_library(tmp_path: Path, recorded_clips: list[Clip]) -> Iterator[StockedLibrary]:
    """A library with one question and the recorded clips as its finished takes 1, 2, 3."""
    library = Library.open(tmp_path / "library")
    try:
        question = library.add_question(Question(prompt="Tell me about a conflict you resolved"))
        assert question.id is not None
        stocked = StockedLibrary(library, question)
        for clip in recorded_clips:
            take = library.begin_take(question.id, {"camera": "demo", "microphone": "demo"})
            assert take.id is not None
            assert take.path is not None
            shutil.copyfile(clip.path, take.path)
            stocked.takes.append(
                library.finish_take(take.id, clip.duration, sidecar=dict(clip.sidecar))
            )
            stocked.clips.append(clip)
        yield stocked
    finally:
        library.close()


def lightness(image) -> int:
    """Lightness of the middle pixel of a QImage (-1 for no image)."""
    if image.isNull():
        return -1
    return image.pixelColor(image.width() // 2, image.height() // 2).lightness()


def wait_for_frame(qtbot, player, start: float, timeout: int = 3000) -> None:
    """Wait until ``player`` shows the frame that starts at ``start`` seconds."""
    qtbot.waitUntil(
        lambda: player.frame_start is not None and abs(player.frame_start - start) < 0.002,
        timeout=timeout,
    )


def wait_for_any_frame(qtbot, player, starts: set[float], timeout: int = 3000) -> None:
    """Wait until ``player`` shows one of the frames starting at ``starts``."""
    qtbot.waitUntil(
        lambda: (
            player.frame_start is not None
            and any(abs(player.frame_start - s) < 0.002 for s in starts)
        ),
        timeout=timeout,
    )


def wait_loaded(qtbot, player, timeout: int = 3000) -> None:
    qtbot.waitUntil(
        lambda: player.state == "paused" and player.frame_start is not None and player.duration > 0,
        timeout=timeout,
    )


def show_active(qtbot, widget) -> None:
    """Show ``widget`` as the active window, so its shortcuts fire on key clicks."""
    widget.resize(1100, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)


def assert_controls_are_named(widget) -> None:
    """Every button, combo box, slider and text box in ``widget`` has a name and a tooltip."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPlainTextEdit, QSlider

    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QSlider, QPlainTextEdit)
        for w in widget.findChildren(kind)
    ]
    assert controls
    for control in controls:
        if isinstance(control.parent(), QComboBox):
            continue  # the combo box's own popup parts
        assert control.accessibleName(), control
        assert control.toolTip(), control.accessibleName()
