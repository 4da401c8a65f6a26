"""Debrief (Ctrl+5): from "I botched that answer" to a plan, practice and the follow-up note.

Left, the interview; in the middle, what went wrong and what to do about each mistake; right,
the thank-you note and the checklists for the next interview. Everything saves as you type.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.ui.debrief.checklist import ChecklistPanel
from taketwo.ui.debrief.form import InterviewForm
from taketwo.ui.debrief.mistakes import MistakesPanel
from taketwo.ui.debrief.note import NoteComposer
from taketwo.ui.widgets.accessible import named
from taketwo.ui.widgets.plain_text import plain_label


class DebriefScreen(QWidget):
    rehearse_requested = Signal(int)  # question id
    changed = Signal()  # something the Library shows was saved

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.interview_id: int | None = None
        self.picker = named(QComboBox(), "Interview", "Which interview to debrief")
        self.picker.activated.connect(self._picked)
        self.new_button = named(
            QPushButton("New interview"), "New interview", "Log a new interview — Ctrl+Shift+N"
        )
        self.new_button.clicked.connect(lambda: self.new_interview())
        self.message = plain_label()
        self.message.setAccessibleName("Debrief message")
        self.undo_button = named(QPushButton("Undo"), "Undo", "Bring back what you deleted")
        self.undo_button.hide()
        self._undo_timer = QTimer(self, singleShot=True, interval=15000)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        self.form = InterviewForm(library, self.say)
        self.mistakes = MistakesPanel(library, self.say)
        self.note = NoteComposer(library, self.say)
        self.checklist = ChecklistPanel(library, self.say)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.note, "Thank-you n&ote")
        self.tabs.addTab(self.checklist, "Before the next intervie&w")
        self.note.setFocusProxy(self.note.body)
        self.checklist.setFocusProxy(self.checklist.tree)
        self._build()
        self._wire()
        self._order_tabs()
        self.reload()
        self.events = library_events(library)
        self.events.changed.connect(self._library_changed)
        self.changed.connect(self._announce)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Interview:"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.message, 2)
        top.addWidget(self.undo_button)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 4, 0)
        title = QLabel("<b>The interview</b>")
        ll.addWidget(title)
        ll.addWidget(self.form, 1)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(4, 0, 4, 0)
        ml.addWidget(QLabel("<b>What went wrong</b>"))
        ml.addWidget(self.mistakes, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(middle)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 4)
        split.setSizes([330, 480, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def reading_order(self) -> list[QWidget]:
        """The controls in the order a reader meets them: left column, middle, right."""
        f, m, n = self.form, self.mistakes, self.note
        return [
            self.picker,
            self.new_button,
            self.undo_button,
            f.company,
            f.role,
            f.date,
            f.time,
            f.stage,
            f.outcome,
            f.people,
            f.topics,
            f.notes,
            m.list,
            m.add_button,
            m.delete_button,
            m.asked,
            m.said,
            m.meant,
            m.kind,
            m.triage_yes,
            m.triage_no,
            *m.steps.values(),
            m.rehearse_button,
            self.tabs.tabBar(),
            n.body,
            n.your_name,
            n.sign_button,
            n.copy_button,
            n.save_button,
            n.mail_button,
            n.sent_button,
            n.reset_button,
        ]

    def _order_tabs(self) -> None:
        order = self.reading_order()
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _wire(self) -> None:
        self.form.saved.connect(self._interview_saved)
        self.mistakes.changed.connect(self._debrief_changed)
        self.mistakes.rehearse_requested.connect(self.rehearse_requested)
        self.mistakes.undo_offered.connect(self._offer_undo)
        self.undo_button.clicked.connect(self._undo)
        self.tabs.currentChanged.connect(self._tab_switched)
        QShortcut(
            QKeySequence("Ctrl+Shift+N"),
            self,
            self.new_interview,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Undo),
            self.mistakes.list,
            self._undo,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

    # -- showing --------------------------------------------------------------------------
    def say(self, text: str, warn: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if warn else "color: palette(mid);")

    def reload(self) -> None:
        """Refill the interview list (keeping the current one)."""
        self.picker.clear()
        for interview in reversed(self.library.list_interviews()):
            self.picker.addItem(interview.title, interview.id)
        if self.interview_id is not None:
            self.picker.setCurrentIndex(self.picker.findData(self.interview_id))
        elif self.picker.count():
            self.show_interview(int(self.picker.itemData(0)))
        else:
            self.new_interview(focus=False)

    def _announce(self) -> None:
        self.events.announce(Change.INTERVIEW, self.interview_id, source=self)

    def _library_changed(self, kind: str, _id: int) -> None:
        source = self.events.source
        mine = source is self or (isinstance(source, QWidget) and self.isAncestorOf(source))
        if mine or kind in (Change.ANALYSIS, Change.FEEDBACK):
            return
        if kind in (Change.INTERVIEW, Change.LIBRARY):
            self.reload()
        self.refresh()  # practice counts and the note's draft follow takes and questions

    def refresh(self) -> None:
        """Bring practice counts and the draft up to date (after takes were recorded)."""
        self.mistakes.reload()
        self.note.refresh()

    def show_interview(self, interview_id: int) -> None:
        try:
            interview = self.library.get_interview(interview_id)
        except LibraryError as exc:
            self.say(str(exc), True)
            return
        self.flush()
        self.interview_id = interview_id
        index = self.picker.findData(interview_id)
        if index < 0:
            self.picker.addItem(interview.title, interview_id)
            index = self.picker.count() - 1
        self.picker.setCurrentIndex(index)
        self.setFocusProxy(self.picker)  # Ctrl+5 lands on the interview list, not in a field
        self.form.show_interview(interview)
        self.mistakes.show_interview(interview_id)
        self.note.show_interview(interview_id)
        self.checklist.show_interview(interview_id)
        self.say("")

    def new_interview(self, focus: bool = True) -> None:
        self.flush()
        self.interview_id = None
        self.picker.setCurrentIndex(-1)
        self.form.show_interview(None)
        self.mistakes.show_interview(None)
        self.note.show_interview(None)
        self.checklist.show_interview(None)
        self.setFocusProxy(self.form.company)  # Ctrl+5 on a new interview: type the company
        if focus:
            self.form.company.setFocus()
        self.say("Log the interview: start with the company. It saves as you type.")

    def flush(self) -> None:
        """Save whatever was typed and not saved yet."""
        self.form.flush()
        self.mistakes.flush()
        self.note.flush()

    # -- reacting -------------------------------------------------------------------------
    def _picked(self, index: int) -> None:
        value = self.picker.itemData(index)
        if value is not None and int(value) != self.interview_id:
            self.show_interview(int(value))

    def _interview_saved(self, interview_id: int) -> None:
        first_save = self.interview_id != interview_id
        self.interview_id = interview_id
        title = self.library.get_interview(interview_id).title
        index = self.picker.findData(interview_id)
        if index < 0:
            self.picker.insertItem(0, title, interview_id)
            index = 0
        self.picker.setItemText(index, title)
        self.picker.setCurrentIndex(index)
        if first_save:
            self.setFocusProxy(self.picker)
            self.mistakes.show_interview(interview_id)
            self.checklist.show_interview(interview_id)
            self.note.show_interview(interview_id)
        else:
            self.note.refresh()
        self.changed.emit()

    def _debrief_changed(self) -> None:
        self.note.refresh()
        self.checklist.reload()
        self.changed.emit()

    def _tab_switched(self, index: int) -> None:
        """Switching a tab (Alt+O, Alt+W, or from the tab bar) moves focus into it, so the
        checklist is one key away, not nine Tabs."""
        page = self.tabs.widget(index)
        if page is not None and self.isVisible():
            page.setFocus(Qt.FocusReason.TabFocusReason)

    def _offer_undo(self, text: str) -> None:
        self.say(text + " Undo (Ctrl+Z) brings it back.")
        self.undo_button.show()
        self._undo_timer.start()

    def _undo(self) -> None:
        self.undo_button.hide()
        self.mistakes.undo_delete()
