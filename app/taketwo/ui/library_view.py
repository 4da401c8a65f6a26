"""Library: interviews → mistakes → questions → takes, with counts, best take and trend.

The tree is built from three quick queries; takes load when a question is opened, and the
comfort trends arrive from a background job, so a library of thousands of takes opens at once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.progress import comfort_trend
from taketwo.storage import Library
from taketwo.tasks.runner import Job, TaskRunner

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

    def __init__(self, library: Library, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.runner = library, runner
        self._question_items: dict[int, QTreeWidgetItem] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search questions, notes, mistakes (Ctrl+F)")
        self.search.setAccessibleName("Search the library")
        self.search.setToolTip("Search questions, notes, mistakes and transcripts — Ctrl+F")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
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
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName("Library hint")
        buttons = QHBoxLayout()
        self.new_button = self._button("New question", "Add a question to rehearse — Ctrl+N",
                                       self.new_question_requested.emit)
        self.rehearse_button = self._button("Rehearse", "Rehearse the selected question — Enter",
                                            self._rehearse_selected)
        self.compare_button = self._button("Compare", "Compare the two selected takes — C",
                                           self._compare_selected)
        self.trash_button = self._button("Trash…", "Show deleted questions and takes",
                                         self.trash_requested.emit)
        for b in (self.new_button, self.rehearse_button, self.compare_button, self.trash_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus, context=context)
        QShortcut(QKeySequence("C"), self.tree, self._compare_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
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
        self.tree.clear()
        self._question_items.clear()
        interviews = {i.id: i for i in self.library.list_interviews()}
        mistakes = self.library.list_mistakes()
        summaries = self.library.list_questions()
        by_mistake: dict[int | None, list] = defaultdict(list)
        for s in summaries:
            by_mistake[s.question.mistake_id].append(s)
        interview_items: dict[int | None, QTreeWidgetItem] = {}
        notes = {i.id: status.value for i, status in self.library.notes_due(datetime.now())}
        for iid, interview in interviews.items():
            label = f"{interview.company}" + (f" — {interview.role}" if interview.role else "")
            if interview.date:
                label += f" ({interview.date.isoformat()})"
            note = f" · note {notes[iid]}" if iid in notes else ""
            interview_items[iid] = self._item(self.tree, "interview", iid, label,
                                              status=interview.outcome.value + note)
        for mistake in mistakes:
            parent = interview_items.get(mistake.interview_id)
            if parent is None:
                parent = interview_items.setdefault(None, self._item(
                    self.tree, "group", 0, "Mistakes not tied to an interview"))
            flag = "do-or-die" if mistake.do_or_die else mistake.kind.value.replace("_", " ")
            m_item = self._item(parent, "mistake", mistake.id, mistake.asked or
                                mistake.what_went_wrong, status=f"{flag}, {mistake.status.value}")
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
        self.empty.setVisible(not summaries)
        self.empty.setText("Your library is empty. Add the question you stumbled on "
                           "(New question, Ctrl+N) and record your first take.")
        self.runner.submit("trends", _trends, self.library, on_done=self._show_trends)

    def _item(self, parent: QTreeWidget | QTreeWidgetItem, kind: str, item_id: int | None,
              text: str, status: str = "") -> QTreeWidgetItem:
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
            minutes, seconds = divmod(int(take.duration or 0), 60)
            child = self._item(item, "take", take.id,
                               f"Take {take.number} · {minutes}:{seconds:02d}"
                               + (f" · {take.notes.splitlines()[0]}" if take.notes else ""),
                               status=take.state.value)
            child.setText(2, "★" if take.starred else "")
            child.setText(3, str(take.comfort or ""))

    def _show_trends(self, trends: dict[int, str]) -> None:
        for qid, item in self._question_items.items():
            item.setText(3, trends.get(qid, ""))

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
        self.empty.setVisible(not hits)
        self.empty.setText(f"Nothing in the library matches “{text}”.")
