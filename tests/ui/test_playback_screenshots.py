"""Screenshots of Review and Compare, empty and loaded, at 1366x768 under a real X server with
a window manager, kept in tests/artifacts/ for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.needs import require
from tests.ui.test_debrief_screenshots import distinct_colours

pytest_plugins = ["tests.support.ui_fixtures"]

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "tests" / "support" / "playback_screenshots.sh"
ARTIFACTS = ROOT / "tests" / "artifacts"
SHOTS = ("review-empty", "compare-empty", "review", "compare", "compare-details")


@pytest.mark.slow
def test_review_and_compare_screenshots(tmp_path, stocked_library):
    require(
        all(shutil.which(tool) for tool in ("xvfb-run", "openbox")), "needs xvfb-run and openbox"
    )
    folder = stocked_library.library.folder
    first, second = stocked_library.take_id(0), stocked_library.take_id(2)
    stocked_library.library.close()  # the app takes the library's lock
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TAKETWO_SETTINGS"] = str(tmp_path / "settings.ini")
    for name in SHOTS:
        (ARTIFACTS / f"{name}.png").unlink(missing_ok=True)
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            "bash",
            str(SCRIPT),
            sys.executable,
            str(folder),
            str(ARTIFACTS),
            str(first),
            str(second),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    for name in SHOTS:
        image = QImage(str(ARTIFACTS / f"{name}.png"))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1366, 768), name
        assert distinct_colours(image) > 20, f"{name}.png looks blank"
