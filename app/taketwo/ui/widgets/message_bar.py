"""One line of news above a screen's content, with an optional action (Undo)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from taketwo.ui.widgets.plain_text import plain_label


class MessageBar(QFrame):
    """One line of news with an optional action button (Undo after trashing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setStyleSheet(  # palette roles, so it reads in light and dark themes alike
            "#messageBar { background: palette(alternate-base); border: 1px solid "
            "palette(highlight); border-radius: 4px; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Message")
        row.addWidget(self.label, 1)
        self.action = QPushButton("Undo")
        self.action.setAccessibleName("Undo")
        self.action.setToolTip("Put the take back — Ctrl+Z")
        row.addWidget(self.action)
        self.hide()

    def say(self, text: str, action: bool = False) -> None:
        self.label.setText(text)
        self.action.setVisible(action)
        self.show()
