"""What a screen shows instead of an empty list: a heading, what to do, and the key for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

MEASURE = 560  # a readable line length, in pixels


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setAccessibleName("Hint")
        self.action = QPushButton()
        for label in (self.title, self.text):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # a search term is shown as typed
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        words = QWidget()
        words.setFixedWidth(MEASURE)
        column = QVBoxLayout(words)
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addSpacing(8)
        column.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)
        middle = QHBoxLayout()  # no alignment flag: it would cut the wrapped text's height
        middle.addStretch(1)
        middle.addWidget(words)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

    def say(self, title: str, text: str, action: str) -> None:
        """``action`` is the button's words, then two spaces and its key: "New question  Ctrl+N"."""
        self.title.setText(title)
        self.text.setText(text)
        self.action.setText(action)
        self.action.setAccessibleName(action.split("  ")[0])
