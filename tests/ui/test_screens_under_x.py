"""The main screens under a real X server with a window manager at 1366x768, light and dark:
every key control lies on the screen (the bottom row of Rehearse included), and the
screenshots are kept in tests/artifacts/screens-x/ (or $TAKETWO_ARTIFACTS/screens-x/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from tests.support.needs import require

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "tests" / "support" / "screens_under_x.sh"
SCREEN = QRect(0, 0, 1366, 768)


def artifacts() -> Path:
    root = os.environ.get("TAKETWO_ARTIFACTS")
    return (Path(root) if root else ROOT / "tests" / "artifacts") / "screens-x"


@pytest.mark.slow
def test_screens_fit_a_1366x768_desktop_under_a_window_manager(tmp_path):
    tools = ("xvfb-run", "openbox", "xprop")
    require(all(shutil.which(t) for t in tools), "needs xvfb-run, openbox and xprop")
    out = artifacts()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TAKETWO_SETTINGS"] = str(tmp_path / "settings.ini")
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "bash", str(SCRIPT), sys.executable]
        + [str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    places = json.loads((out / "places.json").read_text())
    assert set(places) == {
        "welcome-light",
        "library-light",
        "rehearse-light",
        "debrief-light",
        "rehearse-dark",
        "welcome-dark",
    }
    for shot, controls in places.items():
        image = QImage(str(out / f"{shot}.png"))
        assert (image.width(), image.height()) == (1366, 768), shot
        for name, (x, y, w, h, visible) in controls.items():
            assert visible, f"{shot}: {name} is hidden"
            assert SCREEN.contains(QRect(x, y, w, h)), f"{shot}: {name} is off the screen"
    light = QImage(str(out / "welcome-light.png")).pixelColor(700, 740).lightness()
    dark = QImage(str(out / "welcome-dark.png")).pixelColor(700, 740).lightness()
    assert light > 180 > 60 > dark, "the window switched scheme while running"
