"""Where a take plays: the video, or a readable message in its place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QWidget

from taketwo.ui.widgets.plain_text import plain_label


def video_area(parent: QWidget | None = None) -> tuple[QStackedWidget, QVideoWidget, QLabel]:
    """A video widget with a readable message in its place when the file cannot be played."""
    stack = QStackedWidget(parent)
    video = QVideoWidget()
    video.setMinimumSize(320, 180)
    video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    video.setAccessibleName("Video")
    message = plain_label()
    message.setAlignment(Qt.AlignmentFlag.AlignCenter)
    message.setWordWrap(True)
    message.setAccessibleName("Playback problem")
    message.setStyleSheet(
        "QLabel { background: palette(alternate-base); color: palette(window-text);"
        " border: 1px solid palette(mid); padding: 24px; }"
    )
    message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    stack.addWidget(video)
    stack.addWidget(message)
    return stack, video, message
