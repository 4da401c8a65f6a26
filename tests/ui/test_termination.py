"""SIGTERM and SIGINT close the window the ordered way, as Ctrl+Q does, instead of ending the
process wherever it is (mid-take, or mid PortAudio start-up on a background thread)."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtWidgets import QWidget

from taketwo.ui.shell.termination import SIGNALS, close_on_termination


@pytest.fixture
def restored_signals():
    saved = {number: signal.getsignal(number) for number in SIGNALS}
    yield
    signal.set_wakeup_fd(-1)
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.parametrize("number", SIGNALS)
def test_a_termination_signal_closes_the_window(qtbot, restored_signals, number):
    closed: list[bool] = []

    class Window(QWidget):
        def closeEvent(self, event):  # noqa: N802 - Qt's name
            closed.append(True)
            super().closeEvent(event)

    window = Window()
    qtbot.addWidget(window)
    window.show()
    assert close_on_termination(window) is not None
    os.kill(os.getpid(), number)
    qtbot.waitUntil(lambda: closed == [True])
    assert not window.isVisible()
