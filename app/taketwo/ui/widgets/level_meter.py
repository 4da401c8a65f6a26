"""A microphone level meter: RMS bar, peak tick, green/amber/red zones, in dBFS."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from taketwo.ui.shell.theme import colour

FLOOR_DB = -60.0


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Microphone level")
        self.setToolTip("Microphone level: speak so the bar reaches the amber zone")
        self.setMinimumSize(160, 14)
        self.rms_db = FLOOR_DB
        self.peak_db = FLOOR_DB
        self._painted: tuple[int, int, str] | None = None  # what the last paint drew

    def sizeHint(self) -> QSize:
        return QSize(240, 16)

    def set_level(self, rms_db: float, peak_db: float) -> None:
        # Fall back slowly, rise at once: easier to read than the raw value.
        self.rms_db = max(rms_db, self.rms_db - 1.5)
        self.peak_db = max(peak_db, self.peak_db - 0.8)
        described = f"{self.rms_db:.0f} dBFS"
        if described != self.accessibleDescription():
            self.setAccessibleDescription(described)
        # The preview polls 30 times a second; the bar is repainted only when it would look
        # different (a quiet room's level moves by less than a pixel).
        if self._look() != self._painted:
            self.update()

    def _look(self) -> tuple[int, int, str]:
        return self._x(self.rms_db), self._x(self.peak_db), _zone(self.rms_db)

    def _x(self, db: float) -> int:
        frac = (max(FLOOR_DB, min(0.0, db)) - FLOOR_DB) / -FLOOR_DB
        return int(frac * self.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = x, px, zone = self._look()
        p = QPainter(self)
        p.fillRect(self.rect(), colour("meter_track"))
        p.fillRect(0, 0, x, self.height(), colour(zone))
        p.fillRect(max(0, px - 2), 0, 2, self.height(), colour("text"))
        p.end()


def _zone(rms_db: float) -> str:
    return "success" if rms_db < -18 else "meter_amber" if rms_db < -6 else "danger"
