"""The trash: deleted questions and takes, restored or purged for good (purge asks first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.storage import Library

ROLE = Qt.ItemDataRole.UserRole


class TrashDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Trash")
        self.resize(560, 380)
        self.items = QListWidget()
        self.items.setAccessibleName("Deleted questions and takes")
        restore = QPushButton("Restore")
        restore.setToolTip("Put the selected item back — Enter")
        restore.clicked.connect(self.restore)
        purge = QPushButton("Delete for good…")
        purge.setToolTip("Remove the selected item and its files permanently")
        purge.clicked.connect(self.purge)
        for b in (restore, purge):
            b.setAccessibleName(b.text().rstrip("…"))
        self.items.itemActivated.connect(lambda _i: self.restore())
        row = QHBoxLayout()
        row.addWidget(restore)
        row.addWidget(purge)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.items.clear()
        trash = self.library.list_trash()
        for q in trash.questions:
            item = QListWidgetItem(f"Question: {q.prompt}")
            item.setData(ROLE, ("question", q.id))
            self.items.addItem(item)
        for t in trash.takes:
            item = QListWidgetItem(f"Take {t.number} of question {t.question_id}")
            item.setData(ROLE, ("take", t.id))
            self.items.addItem(item)
        if not self.items.count():
            self.items.addItem("The trash is empty.")

    def _selected(self) -> tuple[str, int] | None:
        item = self.items.currentItem()
        data = item.data(ROLE) if item is not None else None
        return (str(data[0]), int(data[1])) if data else None

    def restore(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == "question":
            self.library.restore_question(item_id)
        else:
            self.library.restore_take(item_id)
        self.refresh()

    def purge(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self, "Delete for good?", "This removes the files too and cannot be undone."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        kind, item_id = chosen
        if kind == "question":
            self.library.purge_question(item_id)
        else:
            self.library.purge_take(item_id)
        self.refresh()
