"""The real app in a real X server, driven with real key presses, as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from taketwo.storage import Library
from tests.support.media_checks import decodes_cleanly

DRIVER = Path(__file__).parents[1] / "support" / "drive_app.sh"


def test_record_a_take_with_the_keyboard_and_screenshot_rehearse(tmp_path):
    if not all(shutil.which(tool) for tool in ("xvfb-run", "xdotool", "import")):
        if os.environ.get("CI"):
            pytest.fail("xvfb, xdotool and imagemagick are installed by packaging/setup.sh --dev")
        pytest.skip("needs xvfb-run, xdotool and imagemagick")
    library, shot = tmp_path / "library", tmp_path / "rehearse.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TAKETWO_SETTINGS"] = str(tmp_path / "settings.ini")
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", str(DRIVER), sys.executable,
         str(library), str(shot)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    keep = os.environ.get("TAKETWO_SCREENSHOTS")
    if keep:
        shutil.copy(shot, Path(keep) / "rehearse.png")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    red_badge = sum(
        1 for x in range(0, 400, 2) for y in range(0, 300, 2)
        if (c := image.pixelColor(x, y)).red() > 200 and c.green() < 80 and c.blue() < 80
    )
    assert red_badge > 20, "the REC badge shows while recording"
    with Library.open(library, readonly=True) as lib:
        takes = lib.list_takes()
    assert len(takes) == 1
    take = takes[0]
    assert take.state.value == "final"
    assert 1.0 < (take.duration or 0) < 4.0
    ok, errors = decodes_cleanly(take.path)
    assert ok, errors
