"""The real app in a real X server under a window manager, driven with real key presses only,
through the whole loop: new question, three takes with ratings and a note, review, compare,
comfortable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from taketwo.domain.question import QuestionStatus
from taketwo.storage import Library
from tests.support.media_checks import decodes_cleanly
from tests.support.needs import require

DRIVER = Path(__file__).parents[1] / "support" / "drive_app.sh"


@pytest.mark.slow
def test_the_whole_loop_from_the_keyboard_under_a_window_manager(tmp_path):
    tools = ("xvfb-run", "xdotool", "import", "openbox", "xprop")
    require(
        all(shutil.which(tool) for tool in tools),
        "needs xvfb-run, xdotool, imagemagick and openbox",
    )
    library, shot = tmp_path / "library", tmp_path / "rehearse.png"
    compare_shot = tmp_path / "rehearse-compare.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TAKETWO_SETTINGS"] = str(tmp_path / "settings.ini")
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "bash",
            str(DRIVER),
            sys.executable,
            str(library),
            str(shot),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    keep = os.environ.get("TAKETWO_SCREENSHOTS")
    if keep:
        shutil.copy(shot, Path(keep) / "rehearse.png")
        if compare_shot.exists():
            shutil.copy(compare_shot, Path(keep) / "compare.png")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    red_badge = sum(
        1
        for x in range(0, 400, 2)
        for y in range(0, 300, 2)
        if (c := image.pixelColor(x, y)).red() > 200 and c.green() < 80 and c.blue() < 80
    )
    assert red_badge > 20, "the REC badge shows while recording"
    with Library.open(library, readonly=True) as lib:
        [question] = [
            s.question
            for s in lib.list_questions()
            if s.question.prompt == "What would you do in your first 90 days?"
        ]
        assert question.key_points == ["listen first"]
        takes = lib.list_takes(question.id)
    assert question.status is QuestionStatus.COMFORTABLE
    assert [t.state.value for t in takes] == ["final"] * 3
    assert [t.comfort for t in takes] == [2, 5, 4], "rated 4 after the take, 2 in Review"
    assert [t.notes for t in takes] == ["", "good pace", ""]
    for take in takes:
        assert 1.0 < (take.duration or 0) < 4.0
    ok, errors = decodes_cleanly(takes[0].path)
    assert ok, errors
