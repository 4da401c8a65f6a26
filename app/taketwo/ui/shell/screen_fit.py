"""Keep a window inside the screen's available area: a saved geometry from a bigger screen is
clamped when restored, and the window never grows past the area (its title-bar buttons and
its bottom row stay in reach on a 1366x768 laptop)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fitted(frame: QRect, available: QRect) -> QRect:
    """``frame`` moved, then shrunk if need be, to lie inside ``available``."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    x = min(max(frame.x(), available.x()), available.x() + available.width() - width)
    y = min(max(frame.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


def clamp_to_screen(window: QWidget) -> None:
    """Move and shrink ``window`` so its frame (title bar included) fits its screen."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    if QGuiApplication.platformName() == "offscreen":
        return  # a virtual 800x800 screen that tests size windows past on purpose
    available = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    window.setMaximumSize(available.size() - extra)
    target = fitted(frame, available)
    if target != frame:
        window.resize(target.size() - extra)
        window.move(target.topLeft())


class ScreenFit(QObject):
    """Clamps its window whenever it is shown, resized, or moved to another screen, and once
    more when the window manager has put its frame on (no event says so; the first paint after
    it does)."""

    # Move too: a window manager that re-places the window moves it.
    _EVENTS = (
        QEvent.Type.Show,
        QEvent.Type.Resize,
        QEvent.Type.Move,
        QEvent.Type.ScreenChangeInternal,
    )

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._busy = False
        self._framed = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(watched, QWidget) or self._busy:
            return False
        kind = event.type()
        if kind is QEvent.Type.Show:
            self._framed = False
        if kind in self._EVENTS:
            self._clamp(watched)
        elif (
            kind is QEvent.Type.Paint
            and not self._framed
            and watched.frameGeometry() != watched.geometry()
        ):
            self._framed = True  # the frame is known now: fit it, after this paint
            QTimer.singleShot(0, lambda: self._clamp(watched))
        return False

    def _clamp(self, window: QWidget) -> None:
        self._busy = True
        try:
            clamp_to_screen(window)
        finally:
            self._busy = False
