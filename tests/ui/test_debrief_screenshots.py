"""Screenshots of the Debrief screen, the note composer and the checklists at 1366x768 under a
real X server with a window manager, in light and dark, kept in tests/artifacts/ for a person to
look at. With all three recovery steps ticked, the window's frame still fits the screen and
every line edit shows its whole text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.support.needs import require

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "tests" / "support" / "debrief_screenshots.sh"
ARTIFACTS = ROOT / "tests" / "artifacts"


def distinct_colours(image: QImage) -> int:
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    )


def test_debrief_note_and_checklist_screenshots(tmp_path):
    require(
        all(shutil.which(tool) for tool in ("xvfb-run", "openbox")), "needs xvfb-run and openbox"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TAKETWO_SETTINGS"] = str(tmp_path / "settings.ini")
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            "bash",
            str(SCRIPT),
            sys.executable,
            str(ARTIFACTS),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    sizes = {}
    for name in ("debrief-light", "debrief-dark", "note", "checklist"):
        image = QImage(str(ARTIFACTS / f"{name}.png"))
        assert not image.isNull(), name
        assert distinct_colours(image) > 20, f"{name}.png looks blank"
        sizes[name] = (image.width(), image.height())
    assert sizes["debrief-light"] == sizes["debrief-dark"] == (1366, 768)
    assert sizes["note"][0] < sizes["debrief-light"][0]  # the right-hand tabs alone
    report = json.loads((ARTIFACTS / "debrief-fit.json").read_text("utf-8"))
    for theme in ("light", "dark"):
        fit = report[theme]
        assert fit["fits"], f"{theme}: frame {fit['frame']} is off the screen {fit['available']}"
        assert fit["cut_line_edits"] == [], theme
