"""The live camera picture, with the countdown and a recording badge drawn over it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from taketwo.ui.shell.theme import colour


class PreviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Camera preview")
        self.setToolTip("What the camera sees (mirrored like a mirror; the take is not)")
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self.countdown = 0
        self.recording = False
        self.message = "Opening the camera…"
        self.frames_shown = 0

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def show_image(self, image: QImage) -> None:
        self._image = image
        self.frames_shown += 1
        self.update()

    def clear(self, message: str) -> None:
        self._image = None
        self.message = message
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), colour("preview"))  # dark in both schemes, like a viewfinder
        if self._image is not None and not self._image.isNull():
            size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(self.rect().center())
            p.drawImage(target, self._image)
        else:
            p.setPen(QColor("#b8bcc4"))
            p.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message
            )
        if self.countdown > 0:
            p.fillRect(self.rect(), QColor(0, 0, 0, 110))
            font = QFont(self.font())
            font.setPixelSize(max(48, self.height() // 3))
            font.setBold(True)
            p.setFont(font)
            p.setPen(QColor("white"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, str(self.countdown))
        if self.recording:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setBrush(QColor("#e5383b"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(16, 16, 18, 18)
            p.setPen(QColor("white"))
            font = QFont(self.font())
            font.setBold(True)
            p.setFont(font)
            p.drawText(42, 31, "REC")
        p.end()
