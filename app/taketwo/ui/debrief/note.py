"""The thank-you note composer: the draft follows the debrief until the user edits it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import DomainError
from taketwo.domain.note import NoteStatus, describe_due, note_status
from taketwo.storage import Library, LibraryError, slugify
from taketwo.ui.debrief.autosave import SaveAsYouType
from taketwo.ui.debrief.form import named
from taketwo.ui.widgets.plain_text import plain_label


class NoteComposer(QWidget):
    def __init__(
        self, library: Library, say: Callable[[str, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.say = library, say
        self.interview_id: int | None = None
        self.edited = False
        # Seams for tests: where "Save .txt" writes and how a mailto: link is opened.
        self.ask_path: Callable[[str], str] = self._ask_path
        self.open_url: Callable[[str], object] = lambda url: QDesktopServices.openUrl(QUrl(url))
        self.autosave = SaveAsYouType(self.save, self)
        self.to = plain_label()
        self.to.setAccessibleName("To")
        self.to.setWordWrap(True)
        self.subject = plain_label()
        self.subject.setAccessibleName("Subject")
        self.subject.setWordWrap(True)
        self.body = named(
            QPlainTextEdit(),
            "Thank-you note",
            "The note; it follows your debrief until you edit it",
        )
        self.body.textChanged.connect(self._edited)
        self.state = plain_label()
        self.state.setAccessibleName("Note state")
        self.state.setWordWrap(True)
        self.due = plain_label()
        self.due.setAccessibleName("Note due")
        buttons = QHBoxLayout()
        self.copy_button = self._button("Copy", "Copy the note to the clipboard", self.copy)
        self.save_button = self._button("Save .txt…", "Save the note as a text file", self.save_txt)
        self.mail_button = self._button(
            "Open in mail", "Open the note in your mail program", self.open_mail
        )
        self.sent_button = self._button("Mark sent", "Mark the note sent today", self.toggle_sent)
        self.reset_button = self._button(
            "Reset to draft", "Drop your edits; the note follows the debrief again", self.reset
        )
        for b in (
            self.copy_button,
            self.save_button,
            self.mail_button,
            self.sent_button,
            self.reset_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        head = QFormLayout()
        head.addRow("To:", self.to)
        head.addRow("Subject:", self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.due)
        layout.addLayout(buttons)
        self.show_interview(None)

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = named(QPushButton(text), text.rstrip("…"), tip)
        button.clicked.connect(slot)
        return button

    def show_interview(self, interview_id: int | None) -> None:
        self.flush()
        self.interview_id = interview_id
        self.refresh()

    def refresh(self) -> None:
        """Bring the draft up to date (unless the user edited it) and the due line."""
        enabled = self.interview_id is not None
        for w in (
            self.body,
            self.copy_button,
            self.save_button,
            self.mail_button,
            self.sent_button,
            self.reset_button,
        ):
            w.setEnabled(enabled)
        if self.interview_id is None:
            self._fill("")
            self.to.setText("")
            self.subject.setText("")
            self.state.setText("Save the interview to start its thank-you note.")
            self.due.setText("")
            return
        if self.autosave.pending:
            return  # the user is typing; their text wins
        try:
            draft, state, text = self.library.thank_you_note(self.interview_id)
            interview = self.library.get_interview(self.interview_id)
        except LibraryError as exc:
            self.say(str(exc), True)
            return
        self.edited = state.edited
        if self.body.toPlainText() != text:
            self._fill(text)
        people = interview.people
        missing = [p.name for p in people if not p.email]
        to = ", ".join(draft.to) or "no e-mail address yet"
        if missing:
            to += f" (no e-mail for {', '.join(missing)}: add it as Name <e-mail>)"
        self.to.setText(to)
        self.subject.setText(draft.subject)
        self.state.setText(
            "Edited: your text is kept as it is. Reset to draft to follow the debrief again."
            if state.edited
            else "Draft: it follows your debrief until you edit it."
        )
        now = dt.datetime.now()
        status = note_status(interview, state, now)
        self.due.setText(describe_due(interview, state, now))
        self.due.setStyleSheet(
            "color: #c0392b; font-weight: bold;" if status is NoteStatus.OVERDUE else ""
        )
        self.sent_button.setText("Not sent" if state.sent_on else "Mark sent")
        self.reset_button.setEnabled(state.edited)

    def _fill(self, text: str) -> None:
        with self.autosave.filling():
            self.body.setPlainText(text)

    def _edited(self) -> None:
        if self.interview_id is not None:
            self.autosave.edited()

    def flush(self) -> None:
        self.autosave.flush()

    def save(self) -> None:
        self.autosave.cancel()
        if self.interview_id is None:
            return
        try:
            self.library.save_note_text(self.interview_id, self.body.toPlainText())
        except (DomainError, LibraryError) as exc:
            self.say(f"Note not saved: {exc}.", True)
            return
        self.refresh()

    def copy(self) -> None:
        self.flush()
        QGuiApplication.clipboard().setText(self.body.toPlainText())
        self.say("Copied the note to the clipboard.", False)

    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the note", suggested, "Text files (*.txt)"
        )
        return path

    def save_txt(self) -> None:
        self.flush()
        if self.interview_id is None:
            return
        interview = self.library.get_interview(self.interview_id)
        suggested = str(Path.home() / f"thank-you-{slugify(interview.company)}.txt")
        path = self.ask_path(suggested)
        if not path:
            return
        try:
            saved = self.library.save_note_file(self.interview_id, Path(path))
        except (LibraryError, OSError) as exc:
            self.say(f"Not saved: {exc}", True)
            return
        self.say(f"Saved the note to {saved}.", False)

    def open_mail(self) -> None:
        self.flush()
        if self.interview_id is None:
            return
        link = self.library.note_mail_link(self.interview_id)
        if link.url.startswith("mailto:?"):
            self.say(
                "No interviewer has an e-mail address here: fill in To: in your mail "
                "program, or add one as Name <e-mail>.",
                True,
            )
        if not link.body_included:
            QGuiApplication.clipboard().setText(self.body.toPlainText())
            self.say(
                "The note is too long for a mail link: it is on the clipboard; paste it "
                "into the message.",
                True,
            )
        self.open_url(link.url)

    def toggle_sent(self) -> None:
        self.flush()
        if self.interview_id is None:
            return
        sent = self.library.note_state(self.interview_id).sent_on
        self.library.mark_note_sent(self.interview_id, None if sent else dt.date.today())
        self.refresh()

    def reset(self) -> None:
        self.autosave.cancel()
        if self.interview_id is None:
            return
        self.library.reset_note(self.interview_id)
        self.refresh()
