"""A thin strip under Review's timeline with the take's pauses drawn where they fall, and its
fillers (um, uh) as ticks; clicking a pause jumps the player to its start. Separate from the
transport's slider on purpose."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from taketwo.domain.formatting import position_text, span_text
from taketwo.ui.shell.theme import colour

LONG_PAUSE_S = 3.0
FILLER = QColor("#7a4fc2")


class PauseStrip(QWidget):
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pauses: list[tuple[float, float]] = []
        self.fillers: list[float] = []
        self.duration = 0.0
        self.position = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Pauses")
        self.setMouseTracking(True)
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(300, 14)

    def set_pauses(self, pauses: list[tuple[float, float]], duration: float | None = None) -> None:
        self.pauses = sorted(pauses)
        if duration:
            self.duration = max(self.duration, float(duration))
        self._describe()
        self.update()

    def set_fillers(self, times: list[float]) -> None:
        self.fillers = sorted(times)
        self.update()

    def set_duration(self, seconds: float) -> None:
        if seconds > 0:
            self.duration = float(seconds)
            self.update()

    def set_position(self, seconds: float) -> None:
        self.position = float(seconds)
        self.update()

    def _describe(self) -> None:
        if not self.pauses:
            self.setToolTip("Pauses: none measured yet")
            return
        longest = max(end - start for start, end in self.pauses)
        self.setToolTip(
            f"{len(self.pauses)} pauses, longest {span_text(longest)} — click one to jump to it"
        )

    def _span_rect(self, start: float, end: float) -> QRectF:
        width = max(1.0, float(self.width()))
        scale = width / self.duration if self.duration > 0 else 0.0
        x0, x1 = start * scale, end * scale
        return QRectF(x0, 2.0, max(2.0, x1 - x0), self.height() - 4.0)

    def pause_at(self, x: float) -> tuple[float, float] | None:
        for start, end in self.pauses:
            if self._span_rect(start, end).adjusted(-3, 0, 3, 0).contains(x, self.height() / 2):
                return start, end
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Theme tokens that keep 3:1 against the lane in light and dark (WCAG SC 1.4.11).
        painter.fillRect(self.rect(), colour("lane"))
        if self.duration > 0:
            for start, end in self.pauses:
                token = "long_pause" if end - start > LONG_PAUSE_S else "pause"
                painter.fillRect(self._span_rect(start, end), colour(token))
            for t in self.fillers:
                painter.fillRect(self._span_rect(t, t).adjusted(0, -2, 0, 2), FILLER)
            x = self.position / self.duration * self.width()
            painter.setPen(self.palette().text().color())
            painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.pause_at(event.position().x())
        if hit is not None:
            self.setToolTip(f"Pause at {position_text(hit[0])}, {span_text(hit[1] - hit[0])}")
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self._describe()
            self.unsetCursor()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.pause_at(event.position().x())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(hit[0])
