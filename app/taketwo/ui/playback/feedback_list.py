"""The coach's comments on a take, listed beside the Review timeline; clicking one seeks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from taketwo.domain.formatting import position_text
from taketwo.storage.feedback import Comment
from taketwo.ui.widgets.marked_text import plain_tip


class FeedbackList(QGroupBox):
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Coach comments", parent)
        layout = QVBoxLayout(self)
        self.empty = QLabel(
            "None yet. Export a coach pack, then drop the feedback file your "
            "coach sends back onto this window."
        )
        self.empty.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Coach comments")
        self.list.setToolTip("Click a comment to play from there")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        self.show_comments([])

    def show_comments(self, comments: list[Comment]) -> None:
        self.list.clear()
        for c in comments:
            who = f" — {c.coach}" if c.coach else ""
            item = QListWidgetItem(f"{position_text(c.at)}  {c.text}{who}")
            item.setData(Qt.ItemDataRole.UserRole, c.at)
            item.setToolTip(plain_tip(c.text))
            self.list.addItem(item)
        self.empty.setVisible(not comments)
        self.list.setVisible(bool(comments))
        self.setTitle(f"Coach comments ({len(comments)})" if comments else "Coach comments")

    def _clicked(self, item: QListWidgetItem) -> None:
        self.seek_requested.emit(float(item.data(Qt.ItemDataRole.UserRole)))
