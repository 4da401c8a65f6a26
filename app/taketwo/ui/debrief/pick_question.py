"""Which question to practise a mistake with: a short list of close ones, or a new one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import Question

CANCELLED = 0  # question ids start at 1
NEW = "A new question with the mistake's words"


class PickQuestionDialog(QDialog):
    def __init__(self, candidates: tuple[Question, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rehearse with which question?")
        self.list = QListWidget()
        self.list.setAccessibleName("Questions")
        for q in candidates:
            item = QListWidgetItem(" ".join(q.prompt.split()))
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            self.list.addItem(item)
        new = QListWidgetItem(NEW)
        new.setData(Qt.ItemDataRole.UserRole, None)
        self.list.addItem(new)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        label = QLabel(
            "No question has the same words. Practise with one of these, so its takes "
            "count, or make a new one:"
        )
        label.setWordWrap(True)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setFocus()

    def picked(self) -> int | None:
        """The chosen question's id; ``None`` for a new question."""
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None
