"""Before the next interview: the routine checklists, ticked per interview and edited per user,
and the recovery-phrases card."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import DomainError
from taketwo.domain.checklist import LISTS, grouped
from taketwo.storage import Library, LibraryError
from taketwo.storage.debrief import load_defaults
from taketwo.ui.widgets.accessible import named

ITEM = Qt.ItemDataRole.UserRole


class ChecklistPanel(QWidget):
    def __init__(
        self, library: Library, say: Callable[[str, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.say = library, say
        self.interview_id: int | None = None
        self._filling = False
        self.tree = named(
            QTreeWidget(), "Checklists", "Tick what you did for this interview; F2 rewords an item"
        )
        self.tree.setHeaderHidden(True)
        self.tree.itemChanged.connect(self._changed)
        self.list_choice = named(QComboBox(), "List", "Which list the new item goes on")
        for key, title in LISTS.items():
            self.list_choice.addItem(title, key)
        self.new_text = named(QLineEdit(), "New item", "A new item; Enter adds it")
        self.new_text.setPlaceholderText("Add an item…")
        self.new_text.returnPressed.connect(self.add_item)
        add = named(QPushButton("Add"), "Add item", "Add the item to the end of the list")
        add.clicked.connect(self.add_item)
        self.up = named(QPushButton("Up"), "Move up", "Move the item up — Alt+Up")
        self.up.clicked.connect(lambda: self.move_item(-1))
        self.down = named(QPushButton("Down"), "Move down", "Move the item down — Alt+Down")
        self.down.clicked.connect(lambda: self.move_item(1))
        self.remove_button = named(
            QPushButton("Remove"), "Remove item", "Remove the item from your checklists — Delete"
        )
        self.remove_button.clicked.connect(self.remove)
        context = Qt.ShortcutContext.WidgetShortcut
        QShortcut(QKeySequence("Alt+Up"), self.tree, lambda: self.move_item(-1), context=context)
        QShortcut(QKeySequence("Alt+Down"), self.tree, lambda: self.move_item(1), context=context)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete), self.tree, self.remove, context=context
        )
        adding = QHBoxLayout()
        adding.addWidget(self.list_choice)
        adding.addWidget(self.new_text, 1)
        adding.addWidget(add)
        editing = QHBoxLayout()
        for b in (self.up, self.down, self.remove_button):
            editing.addWidget(b)
        editing.addStretch(1)
        self.phrases = QLabel()
        self.phrases.setWordWrap(True)
        self.phrases.setAccessibleName("Recovery phrases")
        self.phrases.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QGroupBox("Recovery phrases")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.phrases)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(adding)
        layout.addLayout(editing)
        layout.addWidget(card)
        self._show_phrases()

    def _show_phrases(self) -> None:
        try:
            phrases = load_defaults().phrases
        except LibraryError as exc:
            self.phrases.setText(str(exc))
            return
        self.phrases.setText(
            "".join(
                f"<p style='margin:2px 0'><b>{html.escape(when)}:</b> {html.escape(say)}</p>"
                for when, say in phrases
            )
        )

    def show_interview(self, interview_id: int | None) -> None:
        self.interview_id = interview_id
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        try:
            items = self.library.checklist(self.interview_id)
        except LibraryError as exc:
            self.say(str(exc), True)
            return
        self._filling = True
        try:
            self.tree.clear()
            for key, members in grouped(items).items():
                head = QTreeWidgetItem(self.tree, [LISTS.get(key, key)])
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                for item in members:
                    row = QTreeWidgetItem(head, [item.text])
                    row.setData(0, ITEM, item.id)
                    row.setFlags(
                        Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsUserCheckable
                        | Qt.ItemFlag.ItemIsEditable
                    )
                    row.setCheckState(
                        0, Qt.CheckState.Checked if item.ticked_on else Qt.CheckState.Unchecked
                    )
                    row.setToolTip(
                        0,
                        f"ticked on {item.ticked_on}"
                        if item.ticked_on
                        else "not ticked for this interview",
                    )
                    if item.id == keep:
                        self.tree.setCurrentItem(row)
            self.tree.expandAll()
        finally:
            self._filling = False

    def _selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ITEM) if item is not None else None
        return int(value) if value else None

    def _changed(self, row: QTreeWidgetItem, _column: int) -> None:
        if self._filling:
            return
        item_id = int(row.data(0, ITEM) or 0)
        if not item_id:
            return
        current = next(
            (i for i in self.library.checklist(self.interview_id) if i.id == item_id), None
        )
        if current is None:
            return
        try:
            if row.text(0) != current.text:
                self.library.edit_checklist_item(item_id, row.text(0))
            ticked = row.checkState(0) == Qt.CheckState.Checked
            if ticked != (current.ticked_on is not None):
                if self.interview_id is None:
                    raise LibraryError("save the interview first; ticks belong to an interview")
                self.library.tick_checklist_item(
                    self.interview_id, item_id, dt.date.today() if ticked else None
                )
        except (DomainError, LibraryError) as exc:
            self.say(str(exc), True)
            # Put the row back as stored, once Qt is done delivering this change.
            QTimer.singleShot(0, lambda: self.reload(keep=item_id))
            return
        row.setToolTip(
            0,
            "ticked today"
            if row.checkState(0) == Qt.CheckState.Checked
            else "not ticked for this interview",
        )

    def tick(self, item_id: int, on: bool) -> None:
        """Tick an item as if clicked (keyboard users: Space on the item does the same)."""
        for row in self.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if row.data(0, ITEM) == item_id:
                row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return

    def add_item(self) -> None:
        try:
            item_id = self.library.add_checklist_item(
                self.list_choice.currentData(), self.new_text.text()
            )
        except (DomainError, LibraryError) as exc:
            self.say(str(exc), True)
            return
        self.new_text.clear()
        self.reload(keep=item_id)

    def move_item(self, offset: int) -> None:
        item_id = self._selected_id()
        if item_id is None:
            return
        try:
            self.library.move_checklist_item(item_id, offset)
        except LibraryError as exc:
            self.say(str(exc), True)
        self.reload(keep=item_id)

    def remove(self) -> None:
        item_id = self._selected_id()
        if item_id is None:
            return
        try:
            self.library.remove_checklist_item(item_id)
        except LibraryError as exc:
            self.say(str(exc), True)
        self.reload()
