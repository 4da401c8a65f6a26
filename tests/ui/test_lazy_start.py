"""A window in half a second: screens other than the Library are built when first shown,
the capture engine, OpenCV and FFmpeg load after the window, and the last-used devices open
without waiting for the device list."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

from PySide6.QtCore import Qt

from taketwo.ui.rehearse.recorder_controller import RecState
from taketwo.ui.shell import device_choice
from taketwo.ui.shell.main_window import MainWindow
from tests.support.ui_fixtures import show_active

LATER = ("rehearse", "review", "compare", "debrief", "progress", "welcome")


def test_only_the_library_is_built_at_start(qtbot, library, settings, runner):
    window = MainWindow(library, settings, runner)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    assert all(window.navigation.built(name) is None for name in LATER)
    assert window.stack.count() == 7  # a place for every screen and the first-start page
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    review = window.navigation.built("review")
    assert review is not None
    assert window.stack.currentWidget() is review
    assert window.sidebar.current() == "Review"
    assert all(window.navigation.built(name) is None for name in LATER if name != "review")
    window.controller.close_devices()
    window.close()


WINDOW_IMPORTS = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.shell.main_window import MainWindow
with tempfile.TemporaryDirectory() as tmp:
    library = Library.open(Path(tmp) / "lib")
    runner = TaskRunner()
    window = MainWindow(library, Settings(Path(tmp) / "s.ini"), runner)
    window.show()
    app.processEvents()
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("cv2", "av") or m in (
        "taketwo.capture.recorder", "taketwo.capture.session", "taketwo.devices.discovery",
        "taketwo.tasks.analysis", "taketwo.ui.rehearse.screen", "taketwo.ui.playback.review",
        "taketwo.ui.playback.compare", "taketwo.ui.debrief.screen", "taketwo.ui.progress.screen"))
    window.close()
    runner.shutdown()
    library.close()
print(json.dumps(loaded))
"""


def test_the_shown_window_has_not_loaded_the_engine_opencv_ffmpeg_or_other_screens():
    out = subprocess.run(
        [sys.executable, "-c", WINDOW_IMPORTS], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_last_used_devices_open_before_the_device_list_comes(
    qtbot, library, settings, runner, monkeypatch
):
    listed = threading.Event()

    def slow_discover(job):
        listed.wait(20)  # a slow camera probe
        return [("demo", "Demo camera"), ("cam1", "USB camera")], [("demo", "Demo microphone")]

    monkeypatch.setattr(device_choice, "discover", slow_discover)
    settings.set("camera", "demo")
    settings.set("mic", "demo")
    window = MainWindow(library, settings, runner)
    qtbot.addWidget(window)
    states: list[str] = []
    window.controller.state_changed.connect(states.append)
    try:
        window.discover_devices()
        qtbot.waitUntil(lambda: window.controller.state is RecState.PREVIEW, timeout=10000)
        assert not listed.is_set()
        assert window.rehearse.camera_box.currentData() == "demo"
        listed.set()
        qtbot.waitUntil(lambda: window.rehearse.camera_box.count() == 2)
        assert window.rehearse.camera_box.currentData() == "demo"  # the saved choice stays
        assert states == ["opening", "preview"]  # not reopened for the same choice
    finally:
        listed.set()
        window.controller.close_devices()
        window.close()


def test_work_started_after_showing_waits_until_the_window_is_on_screen(qtbot):
    from PySide6.QtWidgets import QWidget

    from taketwo.ui.shell.app import after_exposed

    window = QWidget()
    qtbot.addWidget(window)
    ran: list[bool] = []
    window.show()
    after_exposed(window, lambda: ran.append(window.windowHandle().isExposed()))
    qtbot.waitUntil(lambda: bool(ran))
    assert ran == [True]
