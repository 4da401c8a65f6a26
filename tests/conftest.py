"""Shared test setup: headless Qt, and no test may leave one of our threads running."""

from __future__ import annotations

import os
import threading

import pytest

from tests.support.needs import HARDWARE, in_ci

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's bundled FFmpeg dumps every file it opens to stderr; keep the test log readable.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.ffmpeg*=false")

_OUR_THREADS = ("demo-", "camera-", "file-microphone", "take-encoder", "device-watchdog", "task-")


@pytest.fixture(autouse=True)
def no_dangling_threads():
    """Fail a test that leaves a capture, encoder or task thread behind (napari does the same)."""
    before = set(threading.enumerate())
    yield
    deadline = threading.Event()
    for _ in range(20):
        left = [
            t
            for t in set(threading.enumerate()) - before
            if t.is_alive() and t.name.startswith(_OUR_THREADS)
        ]
        if not left:
            return
        deadline.wait(0.1)
    pytest.fail(f"test left threads running: {sorted(t.name for t in left)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI, a skip is a failure unless tests.support.needs.require marked it as hardware
    CI lacks: an ``importorskip`` or ``skipif`` would otherwise hide a missing install step."""
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if reason.removeprefix("Skipped: ").startswith(HARDWARE):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped under CI ({reason}); only missing hardware may skip there"
