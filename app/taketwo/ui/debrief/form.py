"""The interview form on the Debrief screen: keyboard first, saved as you type."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TypedDict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from taketwo.domain import DomainError, Interview, InterviewOutcome, InterviewStage
from taketwo.domain.interview import clean_interviewers, parse_date, parse_time
from taketwo.storage import Library, LibraryError
from taketwo.ui.debrief.autosave import SaveAsYouType
from taketwo.ui.widgets.accessible import named


class InterviewFields(TypedDict):
    """What the form edits, named as ``Interview``'s fields so it can be spread into one."""

    company: str
    role: str
    date: dt.date | None
    time: dt.time | None
    stage: InterviewStage
    outcome: InterviewOutcome
    interviewers: list[str]
    notes: str
    note_topics: str


class InterviewForm(QWidget):
    """Company, role, date and time, stage, interviewers, how it went. No Save button."""

    saved = Signal(int)  # interview id, after every successful save

    def __init__(
        self, library: Library, say: Callable[[str, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.say = library, say
        self.interview: Interview | None = None
        self.autosave = SaveAsYouType(self.save, self)
        self.company = named(QLineEdit(), "Company", "The company you interviewed with")
        self.role = named(QLineEdit(), "Role", "The role you interviewed for")
        self.date = named(QLineEdit(), "Date", "When: YYYY-MM-DD")
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.time = named(QLineEdit(), "Time", "What time it began: HH:MM (24-hour)")
        self.time.setPlaceholderText("HH:MM")
        self.stage = named(QComboBox(), "Stage", "Which round it was")
        for stage in InterviewStage:
            self.stage.addItem(stage.value.replace("_", " "), stage.value)
        self.outcome = named(QComboBox(), "Outcome", "What came of it so far")
        for outcome in InterviewOutcome:
            self.outcome.addItem(outcome.value, outcome.value)
        self.people = named(
            QPlainTextEdit(),
            "Interviewers",
            "One per line: Name, or Name <e-mail> to address the note",
        )
        self.people.setPlaceholderText("Ana Ruiz <ana@example.com>\nBen Okafor")
        self.people.setTabChangesFocus(True)
        self.people.setFixedHeight(64)
        self.topics = named(
            QPlainTextEdit(),
            "What you talked about, for the note",
            "What you talked about, one per line: the thank-you note mentions these",
        )
        self.topics.setPlaceholderText("- their on-call rota\n- the move to event sourcing")
        self.topics.setTabChangesFocus(True)
        self.topics.setFixedHeight(58)
        self.notes = named(
            QPlainTextEdit(),
            "How it went",
            "How it went, for you alone: it never goes in the note",
        )
        self.notes.setPlaceholderText("How it felt, what to remember (private)")
        self.notes.setTabChangesFocus(True)
        when = QHBoxLayout()
        when.addWidget(self.date, 3)
        when.addWidget(self.time, 2)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Company", self.company)
        form.addRow("Ro&le", self.role)
        when_label = QLabel("&Date, time")
        when_label.setBuddy(self.date)
        form.addRow(when_label, when)
        form.addRow("Sta&ge", self.stage)
        form.addRow("O&utcome", self.outcome)
        form.addRow("Inter&viewers", self.people)
        form.addRow("&Talked about", self.topics)
        form.addRow("&How it went", self.notes)
        for line in (self.company, self.role, self.date, self.time):
            line.textEdited.connect(self.autosave.edited)
        for combo in (self.stage, self.outcome):
            combo.activated.connect(self.autosave.edited)
        for box in (self.people, self.topics, self.notes):
            box.textChanged.connect(self.autosave.edited)

    def show_interview(self, interview: Interview | None) -> None:
        """Fill the form (``None``: empty, for a new interview)."""
        self.flush()
        self.interview = interview
        with self.autosave.filling():
            i = interview
            self.company.setText(i.company if i else "")
            self.role.setText(i.role if i else "")
            self.date.setText(i.date.isoformat() if i and i.date else "")
            self.time.setText(i.time.strftime("%H:%M") if i and i.time else "")
            self.stage.setCurrentIndex(
                self.stage.findData((i.stage if i else InterviewStage.OTHER).value)
            )
            self.outcome.setCurrentIndex(
                self.outcome.findData((i.outcome if i else InterviewOutcome.PENDING).value)
            )
            self.people.setPlainText("\n".join(i.interviewers) if i else "")
            self.notes.setPlainText(i.notes if i else "")
            self.topics.setPlainText(i.note_topics if i else "")

    def flush(self) -> None:
        """Save now what was typed since the last save."""
        self.autosave.flush()

    def save(self) -> bool:
        self.autosave.cancel()
        try:
            values = InterviewFields(
                company=self.company.text(),
                role=self.role.text(),
                date=parse_date(self.date.text()),
                time=parse_time(self.time.text()),
                stage=InterviewStage(self.stage.currentData()),
                outcome=InterviewOutcome(self.outcome.currentData()),
                interviewers=clean_interviewers(self.people.toPlainText().splitlines()),
                notes=self.notes.toPlainText(),
                note_topics=self.topics.toPlainText(),
            )
            if self.interview is None or self.interview.id is None:
                if not values["company"].strip():
                    self.say("Type the company's name to save this interview.", False)
                    return False
                saved = self.library.add_interview(Interview(**values))
            else:
                dataclasses.replace(self.interview, **values)  # checks it before writing
                saved = self.library.update_interview(self.interview.id, **values)
        except (DomainError, LibraryError) as exc:
            self.say(f"Not saved: {exc}.", True)
            return False
        self.interview = saved
        self.say("Saved.", False)
        assert saved.id is not None
        self.saved.emit(saved.id)
        return True
