"""Opening and playing a take in the app keeps the terminal quiet: no FFmpeg file dump."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytest_plugins = ["tests.support.ui_fixtures"]

DRIVER = textwrap.dedent(
    """
    import argparse, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from taketwo.ui.shell.app import run

    app = QApplication(sys.argv[:1])

    def drive():
        window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
        window.review_take(int(sys.argv[2]))
        QTimer.singleShot(800, window.review.player.play)
        QTimer.singleShot(2500, window.close)

    QTimer.singleShot(0, drive)
    sys.exit(run(argparse.Namespace(library=Path(sys.argv[1]), camera=None, mic=None)))
    """
)


@pytest.mark.slow
def test_opening_a_take_prints_no_ffmpeg_dump(tmp_path, stocked_library):
    folder = stocked_library.library.folder
    take_id = stocked_library.take_id(0)
    stocked_library.library.close()  # the app takes the library's lock
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}
    env["TAKETWO_SETTINGS"] = str(tmp_path / "settings.ini")
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(folder), str(take_id)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Input #0" not in done.stderr
    assert "Using Qt multimedia with FFmpeg" not in done.stderr
    assert "pipewire" not in done.stderr
