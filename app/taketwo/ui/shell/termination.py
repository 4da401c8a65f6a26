"""A polite end on SIGTERM or SIGINT: the window closes as Ctrl+Q closes it.

A logout, `kill` or Ctrl+C in the terminal would otherwise end the process wherever it is: in
the middle of a take, or on the background thread that is still starting PortAudio, whose JACK
client then leaves its lock held in /dev/shm and every later audio start on the machine hangs.
Closing the window runs the ordered shutdown instead: the take is finished, the devices stop and
the background jobs are waited for.
"""

from __future__ import annotations

import contextlib
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QWidget

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class TerminationWatch(QObject):
    """Owns the socket pair that carries a signal into Qt's loop; lives as long as the window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._wake)

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self.reader.recv(64)
        self.window.close()


def close_on_termination(window: QWidget) -> TerminationWatch | None:
    """Turn SIGTERM and SIGINT into ``window.close()`` on the GUI thread.

    Python runs signal handlers only between bytecodes, never while Qt's loop waits; the wakeup
    fd makes the signal wake that loop through a socket it watches. None off the main thread
    (an embedding host), whose signals are left alone."""
    watch = TerminationWatch(window)
    try:
        signal.set_wakeup_fd(watch.writer.fileno(), warn_on_full_buffer=False)
    except ValueError:
        watch.deleteLater()
        return None
    for number in SIGNALS:
        signal.signal(number, lambda _n, _f: None)  # the wakeup fd carries it to the loop
    return watch
