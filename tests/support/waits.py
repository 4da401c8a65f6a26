"""Waiting on a condition, never on the clock: a busy machine makes things late, not wrong."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

DEADLINE = 30.0  # seconds: only ever reached when something is broken


def collect(
    device: Any, enough: Callable[[list[Any]], bool], timeout: float = DEADLINE
) -> tuple[list[Any], list[BaseException]]:
    """Start a camera or microphone, keep what it delivers until ``enough(items)`` holds or it
    reports an error (both checked on its own thread), then stop it."""
    items: list[Any] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def take(item: Any) -> None:
        items.append(item)
        if enough(items):
            done.set()

    def fail(error: BaseException) -> None:
        errors.append(error)
        done.set()

    device.start(take, fail)
    try:
        if not done.wait(timeout):
            raise AssertionError(f"{len(items)} items in {timeout} s and the condition never held")
    finally:
        device.stop()
    return items, errors


def wait_until(
    condition: Callable[[], bool], timeout: float = DEADLINE, step: float = 0.02
) -> None:
    """Poll ``condition`` (for outside processes and files, which send no signal)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {condition}")
        time.sleep(step)


def flush_events() -> None:
    """Deliver every event already posted (layout requests, results queued from threads), with
    no clock involved: what a test asserts next sees the GUI as it settles."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):  # a delivered event may post the next (a layout lays out its children)
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()


def wait_idle(qtbot: Any, runner: Any, timeout: int = 10_000) -> None:
    """Until the task runner has no job left and their results have reached the GUI thread
    (a job emits its result before it counts as finished)."""

    def idle() -> bool:
        if runner.busy:
            return False
        flush_events()
        return not runner.busy

    qtbot.waitUntil(idle, timeout=timeout)


def wait_recorded(qtbot: Any, controller: Any, seconds: float, timeout: int = 15_000) -> None:
    """Until the take in progress has recorded ``seconds``: its own clock, not the test's."""

    def recorded() -> bool:
        recorder = controller.recorder
        return recorder is not None and recorder.elapsed >= seconds

    qtbot.waitUntil(recorded, timeout=timeout)
