"""The live camera picture, with the countdown and a recording badge drawn over it.

The widget keeps the latest camera frame as the camera gave it and converts it only when it
paints, straight to the size it is drawn at: a frame that arrives while the window is hidden,
minimised or covered by another screen is never converted, and two frames between paints cost
one conversion. The picture is painted from the converted pixels without a copy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from taketwo.devices.base import DECODED, VideoFrame
from taketwo.ui.shell.theme import colour


def frame_image(frame: VideoFrame, size: QSize, mirror: bool) -> tuple[QImage, np.ndarray]:
    """``frame`` scaled to ``size`` and converted to the 32-bit pixels a window is made of (so
    painting it is a plain copy), mirrored if asked. The QImage reads the returned array's
    memory: keep the array as long as the image."""
    from taketwo.devices.opencv import cv2  # loaded already by a camera's backend

    w, h = max(1, size.width()), max(1, size.height())
    if frame.pixel_format == DECODED:  # a decoder's YUV: libswscale scales and converts at once
        pixels = frame.image.reformat(width=w, height=h, format="bgra").to_ndarray()
    else:
        bgr = frame.image
        while 2 * w <= bgr.shape[1] and 2 * h <= bgr.shape[0]:  # halving averages, cheaply
            half = (bgr.shape[1] // 2, bgr.shape[0] // 2)
            bgr = cv2.resize(bgr, half, interpolation=cv2.INTER_AREA)
        # The last step, by less than half, picks the nearest pixel: what Qt's drawImage did
        # when it scaled the preview, at half the CPU of interpolating.
        pixels = cv2.cvtColor(
            cv2.resize(bgr, (w, h), interpolation=cv2.INTER_NEAREST), cv2.COLOR_BGR2BGRA
        )
    if mirror:
        pixels = cv2.flip(pixels, 1)
    elif not pixels.flags.c_contiguous:  # a decoder's rows may be padded
        pixels = np.ascontiguousarray(pixels)
    image = QImage(pixels.data, w, h, pixels.strides[0], QImage.Format.Format_RGB32)
    return image, pixels


class PreviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Camera preview")
        self.setToolTip("What the camera sees (mirrored like a mirror; the take is not)")
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # paintEvent fills every pixel: Qt need not paint the background underneath first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._frame: VideoFrame | None = None  # the latest camera frame, not yet converted
        self._mirror = False
        self._image: QImage | None = None  # what is painted
        self._pixels: Any = None  # the memory _image reads
        self._painted: tuple[QSize, bool] | None = None  # the size and mirror _image has
        self._painted_frame: VideoFrame | None = None  # and the frame it was made from
        self.countdown = 0
        self.recording = False
        self.message = "Opening the camera…"
        self.frames_received = 0  # camera frames handed to the preview, seen or not
        self.frames_shown = 0  # camera frames converted and painted (or stills shown)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def show_frame(self, frame: VideoFrame, mirror: bool) -> None:
        """The camera's latest frame; painted (and only then converted) if anyone can see it."""
        self._frame, self._mirror = frame, mirror
        self.frames_received += 1
        if self.on_screen():
            self.update()

    def show_image(self, image: QImage) -> None:
        """A still picture instead of the camera's."""
        self._frame = self._painted_frame = None
        self._image, self._pixels = image, None
        self.frames_shown += 1
        self.update()

    def clear(self, message: str) -> None:
        self._frame = self._painted_frame = self._image = self._pixels = None
        self.message = message
        self.update()

    def on_screen(self) -> bool:
        """Whether a paint would be seen: shown, its window exposed, and not all covered."""
        if not self.isVisible():
            return False
        handle = self.window().windowHandle()
        if handle is None or not handle.isExposed():
            return False
        return not self.visibleRegion().isEmpty()

    def _picture(self) -> QImage | None:
        """The image to paint, converting the latest frame if it has not been yet."""
        frame = self._frame
        if frame is None:
            return self._image
        size = frame_size(frame).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if frame is not self._painted_frame or self._painted != (size, self._mirror):
            self._image, self._pixels = frame_image(frame, size, self._mirror)
            self._painted_frame, self._painted = frame, (size, self._mirror)
            self.frames_shown += 1
        return self._image

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        image = self._picture()
        if image is not None and not image.isNull():
            size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(QPoint(0, 0), size)
            target.moveCenter(self.rect().center())
            # Only the bars beside the picture are filled: the picture covers the rest.
            for bar in _bars(self.rect(), target):
                p.fillRect(bar, colour("preview"))  # dark in both schemes, like a viewfinder
            if size == image.size():
                p.drawImage(target.topLeft(), image)  # a plain blit, no scaling
            else:
                p.drawImage(target, image)
        else:
            p.fillRect(self.rect(), colour("preview"))
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


def _bars(area: QRect, picture: QRect) -> list[QRect]:
    """The parts of ``area`` around ``picture`` (centred in it): above, below, left, right."""
    w, h = area.width(), area.height()
    bars = [
        QRect(0, 0, w, picture.top()),
        QRect(0, picture.bottom() + 1, w, h - picture.bottom() - 1),
        QRect(0, picture.top(), picture.left(), picture.height()),
        QRect(picture.right() + 1, picture.top(), w - picture.right() - 1, picture.height()),
    ]
    return [bar for bar in bars if not bar.isEmpty()]


def frame_size(frame: VideoFrame) -> QSize:
    if frame.pixel_format == DECODED:
        return QSize(frame.image.width, frame.image.height)
    height, width = frame.image.shape[:2]
    return QSize(width, height)
