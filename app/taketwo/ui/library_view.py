"""Library: interviews → mistakes → questions → takes, with counts, best take and trend.

The tree is built from three quick queries; takes load when a question is opened, and the
comfort trends arrive from a background job, so a library of thousands of takes opens at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.progress import comfort_trend
from taketwo.domain.question import QuestionSummary
from taketwo.storage import Library, LibraryError
from taketwo.tasks.runner import Job, TaskRunner
from taketwo.ui.review import MessageBar
from taketwo.ui.take_facts import length_text

KIND, ID = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1
COLUMNS = ["Interview / mistake / question / take", "Takes", "Best", "Comfort", "Status"]


def _trends(job: Job, library: Library) -> dict[int, str]:
    ratings: dict[int, list[int | None]] = defaultdict(list)
    for take in library.list_takes():
        ratings[take.question_id].append(take.comfort)
        job.check()
    return {qid: comfort_trend(values) for qid, values in ratings.items()}


class LibraryView(QWidget):
    question_activated = Signal(int)
    interview_activated = Signal(int)  # opens the Debrief screen
    take_activated = Signal(int)
    compare_requested = Signal(int, int)
    new_question_requested = Signal()
    trash_requested = Signal()
    edit_question_requested = Signal(int)
    changed = Signal()  # an undo changed the library behind the other screens' backs

    def __init__(self, library: Library, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.runner = library, runner
        self._question_items: dict[int, QTreeWidgetItem] = {}
        self._undo: Callable[[], object] | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search questions, notes, mistakes (Ctrl+F)")
        self.search.setAccessibleName("Search the library")
        self.search.setToolTip("Search questions, notes, mistakes and transcripts — Ctrl+F")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.tree_focus)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAccessibleName("Library")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.itemExpanded.connect(self._expand)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(0, 460)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.setFocusProxy(self.tree)  # Ctrl+1 lands in the tree: arrows and Enter work at once
        self.message = MessageBar()
        self.message.action.setToolTip("Put it back — Ctrl+Z")
        self.message.action.clicked.connect(self.undo)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName("Library hint")
        buttons = QHBoxLayout()
        self.new_button = self._button(
            "New question", "Add a question to rehearse — Ctrl+N", self.new_question_requested.emit
        )
        self.rehearse_button = self._button(
            "Rehearse", "Rehearse the selected question — Enter", self._rehearse_selected
        )
        self.compare_button = self._button(
            "Compare", "Compare the two selected takes — C", self._compare_selected
        )
        self.trash_button = self._button(
            "Trash…", "Show deleted questions and takes", self.trash_requested.emit
        )
        for b in (self.new_button, self.rehearse_button, self.compare_button, self.trash_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        screen = Qt.ShortcutContext.WidgetWithChildrenShortcut
        only = Qt.ShortcutContext.WidgetShortcut
        for key, owner, slot, context in (
            ("Ctrl+F", self, self.search.setFocus, screen),
            ("Ctrl+Z", self, self.undo, screen),
            ("C", self.tree, self._compare_selected, only),
            ("Delete", self.tree, self.trash_selected, only),
            ("F2", self.tree, self._edit_selected, only),
            ("Down", self.search, self.tree_focus, only),
            ("Escape", self.search, self.tree_focus, only),
        ):
            # Set apart: PySide6 ignores ``context=`` when a slot is passed to the constructor.
            shortcut = QShortcut(QKeySequence(key), owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self._selection_changed()

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- filling --------------------------------------------------------------------------
    def reload(self) -> None:
        expanded = {qid for qid, item in self._question_items.items() if item.isExpanded()}
        current = self.tree.currentItem()
        keep = (current.data(0, KIND), current.data(0, ID)) if current is not None else None
        self.tree.clear()
        self._question_items.clear()
        interviews = {i.id: i for i in self.library.list_interviews()}
        mistakes = self.library.list_mistakes()
        summaries = self.library.list_questions()
        by_mistake: dict[int | None, list[QuestionSummary]] = defaultdict(list)
        for s in summaries:
            by_mistake[s.question.mistake_id].append(s)
        interview_items: dict[int | None, QTreeWidgetItem] = {}
        notes = {i.id: status.value for i, status in self.library.notes_due(datetime.now())}
        for iid, interview in interviews.items():
            label = f"{interview.company}" + (f" — {interview.role}" if interview.role else "")
            if interview.date:
                label += f" ({interview.date.isoformat()})"
            note = f" · note {notes[iid]}" if iid in notes else ""
            interview_items[iid] = self._item(
                self.tree, "interview", iid, label, status=interview.outcome.value + note
            )
        for mistake in mistakes:
            parent = interview_items.get(mistake.interview_id)
            if parent is None:
                parent = interview_items.setdefault(
                    None, self._item(self.tree, "group", 0, "Mistakes not tied to an interview")
                )
            flag = "do-or-die" if mistake.do_or_die else mistake.kind.value.replace("_", " ")
            m_item = self._item(
                parent,
                "mistake",
                mistake.id,
                mistake.asked or mistake.what_went_wrong,
                status=f"{flag}, {mistake.status.value}",
            )
            for s in by_mistake.pop(mistake.id, []):
                self._question_item(m_item, s)
        loose = [s for group in by_mistake.values() for s in group]
        if loose:
            group = self._item(self.tree, "group", 0, "Questions")
            for s in loose:
                self._question_item(group, s)
        self.tree.expandAll() if len(summaries) < 60 else self.tree.expandToDepth(0)
        for qid in expanded:
            if qid in self._question_items:
                self._question_items[qid].setExpanded(True)
        self._set_current(keep)
        self.empty.setVisible(not summaries)
        self.empty.setText(
            "Your library is empty. Add the question you stumbled on "
            "(New question, Ctrl+N) and record your first take."
        )
        self.runner.submit("trends", _trends, self.library, on_done=self._show_trends)

    def _item(
        self,
        parent: QTreeWidget | QTreeWidgetItem,
        kind: str,
        item_id: int | None,
        text: str,
        status: str = "",
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, "", "", "", status])
        item.setData(0, KIND, kind)
        item.setData(0, ID, item_id or 0)
        item.setToolTip(0, text)
        return item

    def _question_item(self, parent: QTreeWidgetItem, summary: object) -> None:
        q = summary.question  # type: ignore[attr-defined]
        item = self._item(parent, "question", q.id, q.prompt, status=q.status.value)
        item.setText(1, str(summary.take_count))  # type: ignore[attr-defined]
        best = summary.best_take_id  # type: ignore[attr-defined]
        item.setText(2, "★" if best else "")
        if summary.take_count:  # type: ignore[attr-defined]
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        self._question_items[q.id] = item

    def _expand(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KIND) != "question" or item.childCount():
            return
        for take in self.library.list_takes(int(item.data(0, ID))):
            child = self._item(
                item,
                "take",
                take.id,
                f"Take {take.number} · {length_text(take.duration or 0)}"
                + (f" · {take.notes.splitlines()[0]}" if take.notes else ""),
                status=take.state.value,
            )
            child.setText(2, "★" if take.starred else "")
            child.setText(3, str(take.comfort or ""))

    def _show_trends(self, trends: dict[int, str]) -> None:
        for qid, item in self._question_items.items():
            item.setText(3, trends.get(qid, ""))

    def _set_current(self, keep: tuple[str, int] | None) -> None:
        """Put the cursor back where it was, else on the first question, so keys work."""
        first_question: QTreeWidgetItem | None = None
        fallback: QTreeWidgetItem | None = None
        it = QTreeWidgetItemIterator(self.tree)
        while (item := it.value()) is not None:
            key = (item.data(0, KIND), item.data(0, ID))
            if keep is not None and key == keep:
                fallback = item
                break
            if first_question is None and key[0] == "question":
                first_question = item
            it += 1
        chosen = fallback or first_question or self.tree.topLevelItem(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def tree_focus(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- actions --------------------------------------------------------------------------
    def selected(self, kind: str) -> list[int]:
        return [int(i.data(0, ID)) for i in self.tree.selectedItems() if i.data(0, KIND) == kind]

    def _activate(self, item: QTreeWidgetItem) -> None:
        kind = item.data(0, KIND)
        if kind == "interview":
            self.interview_activated.emit(int(item.data(0, ID)))
        elif kind == "mistake":
            interview_id = self.library.get_mistake(int(item.data(0, ID))).interview_id
            if interview_id is not None:
                self.interview_activated.emit(interview_id)
        elif kind == "question":
            self.question_activated.emit(int(item.data(0, ID)))
        elif kind == "take":
            self.take_activated.emit(int(item.data(0, ID)))

    def _rehearse_selected(self) -> None:
        questions = self.selected("question")
        if questions:
            self.question_activated.emit(questions[0])

    def _compare_selected(self) -> None:
        takes = self.selected("take")
        if len(takes) == 2:
            self.compare_requested.emit(takes[0], takes[1])

    def _edit_selected(self) -> None:
        questions = self.selected("question")
        if questions:
            self.edit_question_requested.emit(questions[0])

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos) or self.tree.currentItem()
        if item is None:
            return
        if not item.isSelected():
            self.tree.setCurrentItem(item)
        menu = self.context_menu(item)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def context_menu(self, item: QTreeWidgetItem) -> QMenu:
        """What can be done with ``item`` (and the rest of the selection)."""
        kind, item_id = item.data(0, KIND), int(item.data(0, ID))
        menu = QMenu(self)
        if kind == "question":
            menu.addAction("Rehearse", lambda: self.question_activated.emit(item_id))
            menu.addAction("Edit question…  F2", lambda: self.edit_question_requested.emit(item_id))
        elif kind == "take":
            menu.addAction("Review", lambda: self.take_activated.emit(item_id))
            if len(self.selected("take")) == 2:
                menu.addAction("Compare  C", self._compare_selected)
        if kind in ("question", "take"):
            menu.addAction("Move to trash  Delete", self.trash_selected)
        return menu

    def trash_selected(self) -> None:
        """Move the selected questions and takes to the trash; Undo (Ctrl+Z) puts them back."""
        questions, takes = self.selected("question"), self.selected("take")
        takes = [t for t in takes if self._question_of(t) not in questions]
        done: list[tuple[str, int]] = []
        try:
            for question_id in questions:
                self.library.trash_question(question_id)
                done.append(("question", question_id))
            for take_id in takes:
                self.library.trash_take(take_id)
                done.append(("take", take_id))
        except LibraryError as exc:
            self.message.say(f"Could not move that to the trash: {exc}")
            self.reload()
            return
        if not done:
            return
        self.reload()
        what = (
            f"{len(done)} items"
            if len(done) > 1
            else "The question"
            if done[0][0] == "question"
            else "The take"
        )
        self.offer_undo(f"{what} moved to the trash.", lambda: self._restore(done))

    def _question_of(self, take_id: int) -> int | None:
        for item in self.tree.selectedItems():
            if item.data(0, KIND) == "take" and int(item.data(0, ID)) == take_id:
                parent = item.parent()
                return int(parent.data(0, ID)) if parent is not None else None
        return None

    def _restore(self, done: list[tuple[str, int]]) -> None:
        for kind, item_id in reversed(done):
            if kind == "question":
                self.library.restore_question(item_id)
            else:
                self.library.restore_take(item_id)

    def offer_undo(self, text: str, undo: Callable[[], object]) -> None:
        """Say what just changed, with Undo (and Ctrl+Z) until the next change."""
        self._undo = undo
        self.message.say(f"{text} Ctrl+Z undoes it.", action=True)

    def undo(self) -> None:
        undo, self._undo = self._undo, None
        if undo is None:
            return
        try:
            undo()
        except LibraryError as exc:
            self.message.say(f"Could not undo that: {exc}")
            return
        self.message.say("Undone.")
        self.reload()
        self.changed.emit()

    def _selection_changed(self) -> None:
        self.rehearse_button.setEnabled(bool(self.selected("question")))
        self.compare_button.setEnabled(len(self.selected("take")) == 2)

    def _search(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.reload()
            return
        self.tree.clear()
        self._question_items.clear()
        hits = self.library.search(text)
        for hit in hits:
            if hit.kind in ("question", "take"):
                kind, target = hit.kind, hit.id
            elif hit.question_id is not None:
                kind, target = "question", hit.question_id
            else:
                kind, target = hit.kind, hit.id
            item = self._item(self.tree, kind, target, hit.title, status=hit.kind)
            item.setToolTip(0, hit.snippet)
        self._set_current(None)  # Return in the search box, then Enter, opens the first hit
        self.empty.setVisible(not hits)
        self.empty.setText(f"Nothing in the library matches “{text}”.")
