"""Quitting in order: finish a take in progress, ask before stopping an export, then stop the
devices, the players and the background jobs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from taketwo.tasks.runner import TaskRunner
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState

if TYPE_CHECKING:  # only screens already built are asked
    from taketwo.ui.playback.review import ReviewScreen
    from taketwo.ui.rehearse.screen import RehearseScreen


def ready_to_close(
    window: QWidget,
    controller: RecorderController,
    rehearse: RehearseScreen | None,
    review: ReviewScreen | None,
) -> bool:
    """Whether the window may close now. A take being finished closes it again once saved;
    an export running is stopped only if the user says so."""
    if controller.state is RecState.COUNTDOWN and rehearse is not None:
        rehearse.escape()  # cancels it and drops the row written for the take
    if controller.state is RecState.RECORDING:
        if rehearse is not None:
            rehearse.say("Finishing the take before quitting…")
        controller.stop_take()
    if controller.state is RecState.FINISHING:
        controller.take_finished.connect(lambda _r: QTimer.singleShot(0, window.close))
        return False
    dialog = review.export_dialog if review is not None else None
    if dialog is not None and dialog.exporting:
        answer = QMessageBox.question(window, "Quit", "An export is running. Stop it and quit?")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        dialog.cancel_export()
    return True


def stop_all(
    controller: RecorderController, screens: Iterable[QWidget], runner: TaskRunner
) -> None:
    """Stop the devices, close the screens that play media, and wait for the jobs."""
    controller.close_devices()
    for screen in screens:
        screen.close()
    runner.shutdown()
