"""What a screen with nothing to show says instead of a black box: what belongs here and the
keys that bring it, with an optional button that goes there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from taketwo.paths import resource_path

GUIDANCE_WIDTH = 520  # px: a readable line length for one or two sentences
ICON_SIZE = 48


def app_icon() -> QIcon:
    """Take Two's own icon: a friendly mark for screens that are waiting for a take."""
    return QIcon(str(resource_path("icons", "taketwo.svg")))


class EmptyState(QWidget):
    """A centred title, one line of guidance and, when given, a button (``button.clicked``).

    Colours come from the palette (and the theme's stylesheet, through the object names), so
    it reads in light and dark alike."""

    def __init__(
        self,
        title: str,
        guidance: str,
        *,
        button_text: str | None = None,
        button_tip: str = "",
        icon: QIcon | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A column of fixed reading width in the middle; labels inside it without alignment
        # flags, so Qt gives wrapped text the height it needs.
        middle = QWidget()
        middle.setMaximumWidth(GUIDANCE_WIDTH)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if icon is not None and not icon.isNull():
            self.icon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
        else:
            self.icon.hide()
        column.addWidget(self.icon)
        self.title = QLabel()
        self.title.setObjectName("emptyStateTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a search term is shown as typed
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        column.addWidget(self.title)
        self.guidance = QLabel()
        self.guidance.setObjectName("emptyStateGuidance")
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance.setAccessibleName("What to do")
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.guidance)
        self.button = QPushButton(button_text or "")
        self.button.setAccessibleName(button_text or "")
        self.button.setToolTip(button_tip or button_text or "")
        self.button.setVisible(bool(button_text))
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(middle, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)  # a little above the middle, where the eye lands
        self.set_text(title, guidance)

    def set_text(self, title: str, guidance: str) -> None:
        self.title.setText(title)
        self.guidance.setText(guidance)
        self.setAccessibleName(title)
        self.setAccessibleDescription(guidance)

    def say(self, title: str, guidance: str, button_text: str) -> None:
        """Change all three at once; ``button_text`` is the words, two spaces and the key
        ("New question  Ctrl+N"); its accessible name is the words alone."""
        self.set_text(title, guidance)
        self.button.setText(button_text)
        self.button.setAccessibleName(button_text.split("  ")[0])
        self.button.setVisible(bool(button_text))
