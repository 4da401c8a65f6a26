"""Library: interviews → mistakes → questions → takes, with counts, comfort trends and status.

The tree is built from four quick queries (the comfort trends from one narrow one) and takes
load when a question is opened, so a library of thousands of takes opens at once.
Typing in the search box turns the same tree into search results, grouped by what matched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.plan import MistakeState
from taketwo.domain.question import QuestionSummary
from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.library.rows import (
    ID,
    KIND,
    Col,
    group_row,
    interview_row,
    mistake_row,
    question_row,
    set_trend,
    setup_columns,
    show_used_columns,
    take_row,
)
from taketwo.ui.library.search import fill_results
from taketwo.ui.widgets.empty_state import EmptyState
from taketwo.ui.widgets.message_bar import MessageBar

__all__ = ["ID", "KIND", "Col", "LibraryView"]

EMPTY_LIBRARY = (
    "Your library is empty",
    "Take Two keeps the questions you rehearse, every take you record and how sure each one "
    "felt. Add the question you stumbled on (New question, Ctrl+N), then press Space in "
    "Rehearse to record your first take.",
    "New question  Ctrl+N",
)
SEARCH_LIMIT = 100
SEARCH_COVERS = (
    "Search looks through questions and their key points, mistakes, interview notes, and "
    "take notes and transcripts, matching words from their start. Try fewer or shorter words."
)


class LibraryView(QWidget):
    question_activated = Signal(int)
    interview_activated = Signal(int)  # opens the Debrief screen
    take_activated = Signal(int)
    compare_requested = Signal(int, int)
    new_question_requested = Signal()
    trash_requested = Signal()
    edit_question_requested = Signal(int)

    def __init__(self, library: Library, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.runner = library, runner
        self.events = library_events(library)
        self._activating = False
        self.events.changed.connect(self._library_changed)
        self._question_items: dict[int, QTreeWidgetItem] = {}
        self._undo: Callable[[], object] | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search questions, notes, mistakes (Ctrl+F)")
        self.search.setAccessibleName("Search the library")
        self.search.setToolTip(
            "Search questions, notes, mistakes and transcripts — Ctrl+F; "
            "↓ or Enter goes to the results, Esc clears"
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.tree_focus)
        self.search_hint = QLabel()
        self.search_hint.setAccessibleName("Search results")
        self.search_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.search_hint.hide()
        self.tree = QTreeWidget()
        setup_columns(self.tree)
        self.tree.setAccessibleName("Library")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemExpanded.connect(self._expand)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.message = MessageBar()
        self.message.action.setToolTip("Put it back — Ctrl+Z")
        self.message.action.clicked.connect(self.undo)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.empty_page = EmptyState("", "")
        self.empty_page.button.clicked.connect(self._empty_action)
        # Named for the tests and screen readers that look for them.
        self.empty_title, self.empty = self.empty_page.title, self.empty_page.guidance
        self.empty_action = self.empty_page.button
        self.pages.addWidget(self.empty_page)
        self.setFocusProxy(self.tree)  # Ctrl+1 lands in the tree: arrows and Enter work at once
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
        layout.addWidget(self.search_hint)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
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
            ("Escape", self.search, self._leave_search, only),
        ):
            # Set apart: PySide6 ignores ``context=`` when a slot is passed to the constructor.
            shortcut = QShortcut(QKeySequence(key), owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.tree.installEventFilter(self)
        self._selection_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑ on the first search hit goes back to the search box, as ↓ came from it."""
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Up
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.search.text().strip()
            and self._first_row_is_current()
        ):
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _first_row_is_current(self) -> bool:
        current = self.tree.currentItem()
        above = self.tree.itemAbove(current) if current is not None else None
        while above is not None and not above.flags() & Qt.ItemFlag.ItemIsSelectable:
            above = self.tree.itemAbove(above)  # headings are skipped on the way up
        return above is None

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- filling --------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the library as it is now: the browsing tree, or the current search's results."""
        text = self.search.text().strip()
        if text:
            self._fill_search(text)
        else:
            self._fill_browse()

    def _fill_browse(self) -> None:
        expanded = {qid for qid, item in self._question_items.items() if item.isExpanded()}
        current = self.tree.currentItem()
        keep = (current.data(0, KIND), current.data(0, ID)) if current is not None else None
        self._start_filling(searching=False)
        interviews = {i.id: i for i in self.library.list_interviews()}
        summaries = self.library.list_questions()
        by_mistake: dict[int | None, list[QuestionSummary]] = defaultdict(list)
        for s in summaries:
            by_mistake[s.question.mistake_id].append(s)
        notes = {i.id: status.value for i, status in self.library.notes_due(datetime.now())}
        parents: dict[int | None, QTreeWidgetItem] = {
            iid: interview_row(self.tree, interview, notes.get(iid))
            for iid, interview in interviews.items()
        }
        mistakes = self.library.list_mistakes()
        states = self.library.mistake_states(mistakes)
        placed: set[int] = set()
        for mistake in mistakes:
            parent = parents.get(mistake.interview_id)
            if parent is None:
                parent = parents.setdefault(
                    None, group_row(self.tree, "Mistakes not tied to an interview")
                )
            state, practice = states.get(mistake.id or 0, (MistakeState.OPEN, None))
            m_item = mistake_row(parent, mistake, state)
            # Its one practice question (linked, maybe made for another mistake), shown once.
            linked = practice.question.id if practice is not None else None
            own = by_mistake.pop(mistake.id, [])
            if linked is not None and linked not in placed:
                own = [s for s in summaries if s.question.id == linked] + [
                    s for s in own if s.question.id != linked
                ]
            for s in own:
                if s.question.id not in placed:
                    placed.add(s.question.id or 0)
                    self._add_question(m_item, s)
        loose = [s for group in by_mistake.values() for s in group if s.question.id not in placed]
        if loose:
            group = group_row(self.tree, "Questions")
            for s in loose:
                self._add_question(group, s)
        self.tree.expandAll() if len(summaries) < 60 else self.tree.expandToDepth(0)
        for qid in expanded:
            if qid in self._question_items:
                self._question_items[qid].setExpanded(True)
        ratings = self.library.comfort_by_question()  # one narrow query, even for thousands
        for qid, item in self._question_items.items():
            set_trend(item, ratings.get(qid, []))
        self._set_current(keep)
        self._finish_filling(*EMPTY_LIBRARY)

    def _add_question(self, parent: QTreeWidgetItem, summary: QuestionSummary) -> None:
        item = question_row(parent, summary)
        self._question_items[int(item.data(0, ID))] = item

    def _fill_search(self, text: str) -> None:
        self._start_filling(searching=True)
        hits = self.library.search(text, limit=SEARCH_LIMIT)
        first = fill_results(self.tree, hits)
        if first is not None:  # Return in the search box, then Enter, opens the best hit
            self.tree.setCurrentItem(first)
        found = (
            f"The best {len(hits)} matches"
            if len(hits) >= SEARCH_LIMIT
            else f"{len(hits)} match" + ("" if len(hits) == 1 else "es")
        )
        self.search_hint.setText(f"{found} — ↓ or Enter to go to them, Enter opens one, Esc clears")
        self.search_hint.setVisible(bool(hits))
        self._finish_filling(f"Nothing matches “{text}”", SEARCH_COVERS, "Clear the search  Esc")

    def _start_filling(self, searching: bool) -> None:
        self.search_hint.hide()
        self.tree.clear()
        self._question_items.clear()
        # Hits have a passage under their title; browsing rows are all one line.
        self.tree.setUniformRowHeights(not searching)
        self.tree.setHeaderHidden(searching)

    def _finish_filling(self, empty_title: str, empty_text: str, empty_action: str) -> None:
        show_used_columns(self.tree)
        empty = self.tree.topLevelItemCount() == 0
        had_focus = self.tree.hasFocus()
        self.empty_page.say(empty_title, empty_text, empty_action)
        self.pages.setCurrentIndex(1 if empty else 0)
        searching = bool(self.search.text().strip())
        # Ctrl+1 must land where the keys work: the tree, or the one thing to do instead.
        target = self.tree if not empty else self.search if searching else self.empty_action
        self.setFocusProxy(target)
        if empty and had_focus:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _expand(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KIND) != "question" or item.childCount():
            return
        for take in self.library.list_takes(int(item.data(0, ID))):
            take_row(item, take)
        show_used_columns(self.tree)

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
        if self.pages.currentWidget() is self.tree:
            self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _leave_search(self) -> None:
        """Esc in the search box: back to the whole library, keys in the tree."""
        self.search.clear()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)  # the proxy: the tree, or what to do

    def _empty_action(self) -> None:
        if self.search.text().strip():
            self._leave_search()
        else:
            self.new_question_requested.emit()

    # -- actions --------------------------------------------------------------------------
    def selected(self, kind: str) -> list[int]:
        return [int(i.data(0, ID)) for i in self.tree.selectedItems() if i.data(0, KIND) == kind]

    def _activate(self, item: QTreeWidgetItem) -> None:
        self._activating = True  # the tree must outlive this slot: reload after it
        try:
            self._open(item)
        finally:
            self._activating = False

    def _open(self, item: QTreeWidgetItem) -> None:
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
        question_id = self._question_to_rehearse()
        if question_id is not None:
            self.question_activated.emit(question_id)

    def _question_to_rehearse(self) -> int | None:
        """The selected question, or the question of the selected take: a take of it is one
        more reason to rehearse it."""
        for item in self.tree.selectedItems():
            node = item if item.data(0, KIND) in ("question", "take") else None
            while node is not None and node.data(0, KIND) != "question":
                node = node.parent()
            if node is not None:
                return int(node.data(0, ID))
        return None

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
            self.events.announce(Change.LIBRARY, source=self)
            return
        if not done:
            return
        kind, item_id = done[0] if len(done) == 1 else (Change.LIBRARY, 0)
        self.events.announce(Change(kind), item_id, source=self)
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

    def _library_changed(self, _kind: str, _id: int) -> None:
        """Any change may show in a row (counts, ratings, notes due). Heard while one of the
        tree's own items is being opened, the reload waits until that is done."""
        if self._activating:
            QTimer.singleShot(0, self.reload)
        else:
            self.reload()

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
        self.events.announce(Change.LIBRARY, source=self)

    def _selection_changed(self) -> None:
        self.rehearse_button.setEnabled(self._question_to_rehearse() is not None)
        self.compare_button.setEnabled(len(self.selected("take")) == 2)

    def _search(self, _text: str) -> None:
        self.reload()
