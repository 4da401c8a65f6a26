"""What went wrong: one mistake per row, and the selected one's triage, steps and practice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import TypedDict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import DomainError, Mistake, MistakeKind, Question
from taketwo.domain.formatting import one_line
from taketwo.domain.note import Practice
from taketwo.domain.plan import MistakeState, mistake_state, state_line
from taketwo.domain.recovery import (
    TRIAGE_QUESTION,
    Step,
    habit_hint,
    recovery_action,
    step_date,
)
from taketwo.storage import Library, LibraryError
from taketwo.storage.debrief import DeletedMistake
from taketwo.ui.debrief.autosave import SaveAsYouType
from taketwo.ui.debrief.pick_question import CANCELLED, PickQuestionDialog
from taketwo.ui.widgets.accessible import named
from taketwo.ui.widgets.marked_text import plain_tip
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.workflow.debrief import rehearse_mistake

STEP_MNEMONICS = {Step.FACE: "&Face it", Step.EMBRACE: "Em&brace it", Step.ERASE: "&Erase it"}


def _box(name: str, tip: str, placeholder: str, height: int) -> QPlainTextEdit:
    box = named(QPlainTextEdit(), name, tip)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class MistakeFields(TypedDict):
    """What the panel edits: the same names as ``Mistake``'s fields, so it can be spread into it."""

    asked: str
    what_went_wrong: str
    meant: str
    kind: MistakeKind


class MistakesPanel(QWidget):
    changed = Signal()  # a mistake was saved, triaged, stepped or deleted
    rehearse_requested = Signal(int)  # question id
    undo_offered = Signal(str)  # what an Undo would bring back

    def __init__(
        self, library: Library, say: Callable[[str, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.say = library, say
        self.interview_id: int | None = None
        self.mistake: Mistake | None = None
        self.deleted: DeletedMistake | None = None
        self.autosave = SaveAsYouType(self.save, self)
        # A seam for tests: which question to practise with, from a short list of close ones.
        self.choose_question: Callable[[tuple[Question, ...]], int | None] = self._ask_question
        self._build()

    def _build(self) -> None:
        self.list = named(QListWidget(), "Mistakes", "What went wrong, one per row")
        # Long rows are cut with "…" (the whole text is a hover away), never scrolled sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 3 + 8)
        self.list.currentItemChanged.connect(self._picked)
        self.add_button = named(
            QPushButton("Add mistake"), "Add mistake", "Log another thing that went wrong — Ctrl+M"
        )
        self.add_button.clicked.connect(self.new_mistake)
        self.delete_button = named(
            QPushButton("Delete"),
            "Delete mistake",
            "Delete the selected mistake (Undo brings it back)",
        )
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(
            QKeySequence("Ctrl+M"),
            self,
            self.new_mistake,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.list,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.asked = _box(
            "What was asked",
            "The question, as close to their words as you can",
            "What were you asked?",
            46,
        )
        self.said = _box(
            "What you said",
            "What you said, or what happened",
            "What did you say (or what happened)?",
            46,
        )
        self.meant = _box(
            "What you meant",
            "What you meant to say or left out; one point per "
            "line: they become the practice question's key points",
            "What did you mean to say, or leave out?",
            58,
        )
        self.kind = named(QComboBox(), "Kind", "What kind of mistake it was")
        for kind in MistakeKind:
            self.kind.addItem(kind.label, kind.value)
        self.hint = plain_label()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Habit hint")
        self.hint.setStyleSheet("color: #b07a00;")
        self.hint.hide()
        for box in (self.asked, self.said, self.meant):
            box.textChanged.connect(self.autosave.edited)
        self.kind.activated.connect(self.autosave.edited)

        self.triage_yes = named(
            QRadioButton("&Yes — do or die"),
            "Do or die",
            "Yes: it could cost the offer; recover it now",
        )
        self.triage_no = named(
            QRadioButton("&No — minor"), "Minor", "No: nothing to send; practise it for next time"
        )
        self.triage_group = QButtonGroup(self)
        self.triage_group.addButton(self.triage_yes, 1)
        self.triage_group.addButton(self.triage_no, 0)
        self.triage_group.idClicked.connect(self._triaged)
        self.action = plain_label()
        self.action.setWordWrap(True)
        self.action.setAccessibleName("Recovery action")
        self.steps: dict[Step, QCheckBox] = {}
        self.step_dates: dict[Step, QLabel] = {}
        for step in Step:
            tick = named(
                QCheckBox(STEP_MNEMONICS[step]),
                step.label.split(" —")[0],
                f"{step.label}; ticked with today's date",
            )
            tick.toggled.connect(lambda on, s=step: self._stepped(s, on))
            self.steps[step] = tick
            when = QLabel()
            when.setAccessibleName(f"{step.label.split(' —')[0]}: when")
            # Room for a date from the start, so ticking a step never widens the column.
            when.setMinimumWidth(when.fontMetrics().horizontalAdvance("0000-00-00") + 4)
            self.step_dates[step] = when
        self.rehearse_button = named(
            QPushButton("&Rehearse this"),
            "Rehearse this",
            "Practise the answer: opens its question in Rehearse",
        )
        self.rehearse_button.clicked.connect(self.rehearse)
        self.practice = plain_label()
        self.practice.setAccessibleName("Practice")
        self.practice.setWordWrap(True)
        self.action.setMinimumWidth(1)
        self.practice.setMinimumWidth(1)

        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.editor = QWidget()
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Asked", self.asked)
        form.addRow("You sa&id", self.said)
        form.addRow("You &meant", self.meant)
        form.addRow("&Kind", self.kind)
        form.addRow(self.hint)
        triage = QGroupBox("Do or die?")
        tl = QVBoxLayout(triage)
        question = QLabel(TRIAGE_QUESTION)
        question.setWordWrap(True)
        tl.addWidget(question)
        answers = QHBoxLayout()
        answers.setSpacing(16)
        answers.addWidget(self.triage_yes)
        answers.addWidget(self.triage_no)
        answers.addStretch(1)
        tl.addLayout(answers)
        tl.addWidget(self.action)
        steps = QGroupBox("Face it, embrace it, erase it")
        sl = QGridLayout(steps)
        for row_index, (step, tick) in enumerate(self.steps.items()):
            what = QLabel(re.split(r"[,:]", step.label.split("— ", 1)[-1])[0])
            what.setToolTip(step.label)
            what.setWordWrap(True)
            what.setMinimumWidth(1)
            sl.addWidget(tick, row_index, 0)
            sl.addWidget(what, row_index, 1)
            sl.addWidget(self.step_dates[step], row_index, 2)
        sl.setColumnStretch(1, 1)
        practice = QHBoxLayout()
        practice.addWidget(self.rehearse_button)
        practice.addWidget(self.practice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.editor)
        layout.addWidget(triage)
        layout.addWidget(steps)
        layout.addLayout(practice)
        self._show_mistake(None)

    # -- filling --------------------------------------------------------------------------
    def show_interview(self, interview_id: int | None) -> None:
        self.flush()
        self.interview_id = interview_id
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self._show_mistake(None)

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else (self.mistake.id if self.mistake else None)
        with self.autosave.filling():
            self.list.clear()
            mistakes = (
                self.library.list_mistakes(self.interview_id)
                if self.interview_id is not None
                else []
            )
            for m in mistakes:
                item = self._row(m)
                if m.id == keep:
                    self.list.setCurrentItem(item)
                    self.mistake = m
        if self.mistake is not None and self.mistake.id is not None:
            self._show_state(self.mistake)
        self.add_button.setEnabled(self.interview_id is not None)

    def _row(self, m: Mistake) -> QListWidgetItem:
        """The list row of ``m``, made if it has none yet, its text brought up to date."""
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == m.id:
                break
        else:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.list.addItem(item)
        state = mistake_state(m, self.library.practice(m.id) if m.id is not None else None)
        item.setText(
            f"{state.value}  ·  {one_line(m.asked or m.what_went_wrong, 70)}  ·  {m.kind.label}"
        )
        item.setToolTip(plain_tip(one_line(m.asked or m.what_went_wrong, 400)))
        return item

    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if self.autosave.is_filling or item is None:
            return
        picked = int(item.data(Qt.ItemDataRole.UserRole))
        self.flush()  # saves the mistake being left; its row is updated in place
        self._show_mistake(self.library.get_mistake(picked))

    def _show_mistake(self, mistake: Mistake | None) -> None:
        self.mistake = mistake
        with self.autosave.filling():
            self.asked.setPlainText(mistake.asked if mistake else "")
            self.said.setPlainText(mistake.what_went_wrong if mistake else "")
            self.meant.setPlainText(mistake.meant if mistake else "")
            self.kind.setCurrentIndex(
                self.kind.findData((mistake.kind if mistake else MistakeKind.OMISSION).value)
            )
        self.editor.setEnabled(self.interview_id is not None)
        self._show_state(mistake)

    def _show_state(self, mistake: Mistake | None) -> None:
        """Triage, steps and practice of ``mistake`` (all off for one not saved yet)."""
        saved = mistake is not None and mistake.id is not None
        with self.autosave.filling():
            self.triage_group.setExclusive(False)
            self.triage_yes.setChecked(
                bool(saved and mistake and mistake.triaged and mistake.do_or_die)
            )
            self.triage_no.setChecked(
                bool(saved and mistake and mistake.triaged and not mistake.do_or_die)
            )
            self.triage_group.setExclusive(True)
            for step, tick in self.steps.items():
                on = step_date(mistake, step) if saved and mistake else None
                tick.setChecked(on is not None)
                self.step_dates[step].setText(on.isoformat() if on else "")
        # Enabled before the first save too, so Tab reaches them; using one saves first.
        usable = self.interview_id is not None
        for control in (self.triage_yes, self.triage_no, *self.steps.values()):
            control.setEnabled(usable)
        self.delete_button.setEnabled(saved)
        self.action.setText(
            recovery_action(mistake).advice
            if saved and mistake
            else "Say what was asked or what went wrong to save the mistake."
        )
        logistics = MistakeKind(self.kind.currentData()).is_logistics
        self.rehearse_button.setEnabled(usable and not logistics)
        practice = self.library.practice(mistake.id) if saved and mistake and mistake.id else None
        state = mistake_state(mistake, practice) if saved and mistake else MistakeState.OPEN
        self.practice.setText(
            "Logistics: it goes on the checklists instead."
            if logistics and state is not MistakeState.DONE
            else state_line(state, practice) + _coverage(self.library, practice)
            if practice or state is MistakeState.DONE
            else "open · no practice question yet"
        )
        hint = habit_hint(self.asked.toPlainText(), self.said.toPlainText())
        self.hint.setText(hint or "")
        self.hint.setVisible(bool(hint))

    # -- editing --------------------------------------------------------------------------
    def new_mistake(self) -> None:
        if self.interview_id is None:
            self.say("Save the interview first (type the company), then add its mistakes.", True)
            return
        self.flush()
        # The stub leaves out None, but Qt takes nullptr here to clear the current row.
        self.list.setCurrentItem(None)  # type: ignore[call-overload]
        self._show_mistake(None)
        self.asked.setFocus()

    def flush(self) -> None:
        self.autosave.flush()

    def save(self) -> bool:
        self.autosave.cancel()
        if self.interview_id is None:
            return False
        values = MistakeFields(
            asked=self.asked.toPlainText(),
            what_went_wrong=self.said.toPlainText(),
            meant=self.meant.toPlainText(),
            kind=MistakeKind(self.kind.currentData()),
        )
        hint = habit_hint(values["asked"], values["what_went_wrong"])
        self.hint.setText(hint or "")
        self.hint.setVisible(bool(hint))
        try:
            if self.mistake is None or self.mistake.id is None:
                if not (values["asked"].strip() or values["what_went_wrong"].strip()):
                    return False
                saved = self.library.add_mistake(Mistake(interview_id=self.interview_id, **values))
            else:
                dataclasses.replace(self.mistake, **values)  # checks it before writing
                saved = self.library.update_mistake(self.mistake.id, **values)
        except (DomainError, LibraryError) as exc:
            self.say(f"Not saved: {exc}.", True)
            return False
        self.mistake = saved
        with self.autosave.filling():
            row = self._row(saved)
            if self.list.currentItem() is None:
                self.list.setCurrentItem(row)
        self._show_state(saved)
        self.say("Saved.", False)
        self.changed.emit()
        return True

    def _saved_first(self) -> bool:
        """Whether the mistake is saved, saving what was typed first; if nothing can be saved
        yet, the triage and steps go back to how they were."""
        if self.mistake is None or self.mistake.id is None:
            self.save()
        if self.mistake is None or self.mistake.id is None:
            self._show_state(self.mistake)
            self.say("Say what was asked or what went wrong first.", True)
            return False
        self.flush()
        return True

    def _triaged(self, answer: int) -> None:
        if self.autosave.is_filling or not self._saved_first():
            return
        self._act(lambda mid: self.library.triage_mistake(mid, bool(answer), dt.date.today()))

    def _stepped(self, step: Step, on: bool) -> None:
        if self.autosave.is_filling or not self._saved_first():
            return
        self._act(
            lambda mid: self.library.set_mistake_step(mid, step, dt.date.today() if on else None)
        )

    def _act(self, change: Callable[[int], Mistake]) -> None:
        assert self.mistake is not None
        assert self.mistake.id is not None
        try:
            self.mistake = change(self.mistake.id)
        except (DomainError, LibraryError) as exc:
            self.say(str(exc), True)
        self._row(self.mistake)
        self._show_state(self.mistake)
        self.changed.emit()

    def rehearse(self) -> None:
        if not self._saved_first():
            return
        assert self.mistake is not None
        assert self.mistake.id is not None
        try:
            rehearsal = rehearse_mistake(self.library, self.mistake.id)
            if rehearsal.needs_choice:
                pick = self.choose_question(rehearsal.candidates)
                if pick == CANCELLED:
                    return
                rehearsal = rehearse_mistake(
                    self.library, self.mistake.id, pick=pick, new=pick is None
                )
        except (DomainError, LibraryError) as exc:
            self.say(str(exc), True)
            return
        question = rehearsal.question
        assert question is not None
        assert question.id is not None
        self.mistake = self.library.get_mistake(self.mistake.id)
        self._row(self.mistake)
        self._show_state(self.mistake)
        self.changed.emit()
        self.rehearse_requested.emit(question.id)

    def _ask_question(self, candidates: tuple[Question, ...]) -> int | None:
        dialog = PickQuestionDialog(candidates, self)
        if not dialog.exec():
            return CANCELLED
        return dialog.picked()

    def delete_selected(self) -> None:
        self.autosave.cancel()
        if self.mistake is None or self.mistake.id is None:
            return
        try:
            self.deleted = self.library.delete_mistake(self.mistake.id)
        except LibraryError as exc:
            self.say(str(exc), True)
            return
        self.mistake = None
        self.reload()
        self._show_mistake(None)
        self.changed.emit()
        what = self.deleted.mistake.asked or self.deleted.mistake.what_went_wrong
        self.undo_offered.emit(f"Deleted “{one_line(what, 40)}”.")

    def undo_delete(self) -> None:
        if self.deleted is None:
            return
        try:
            restored = self.library.restore_mistake(self.deleted)
        except LibraryError as exc:
            self.say(f"Could not bring it back: {exc}", True)
            return
        self.deleted = None
        self.reload(keep=restored.id)
        self._show_state(restored)
        self.changed.emit()
        self.say("Brought the mistake back.", False)


def _coverage(library: Library, practice: Practice | None) -> str:
    """Said once the best take covers every key point (what was left out, for an omission)."""
    if practice is None or practice.question.id is None:
        return ""
    try:
        covered = library.best_take_coverage(practice.question.id)
    except LibraryError:
        return ""
    if covered is None or covered[0] < covered[1]:
        return ""
    return f"; all {covered[1]} key points covered in your best take"
