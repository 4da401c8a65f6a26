"""The thank-you note composer: the draft follows the debrief until the user edits it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import DomainError
from taketwo.domain.note import NoteStatus
from taketwo.storage import Library, LibraryError, slugify
from taketwo.tasks.events import Change, library_events
from taketwo.ui.debrief.autosave import SaveAsYouType
from taketwo.ui.shell.theme import set_look
from taketwo.ui.widgets.accessible import named
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.workflow.note import NoteView, note_view, save_note_file


class NoteComposer(QWidget):
    def __init__(
        self, library: Library, say: Callable[[str, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.say = library, say
        self.interview_id: int | None = None
        self.edited = False
        self.view: NoteView | None = None
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
        self.due.setWordWrap(True)
        self.sources = QLabel()
        self.sources.setAccessibleName("Where each paragraph comes from")
        self.sources.setTextFormat(Qt.TextFormat.PlainText)
        self.sources.setWordWrap(True)
        self.sources.setObjectName("hint")
        for label in (self.to, self.subject, self.state, self.due, self.sources):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMinimumWidth(1)  # long text wraps; it never widens the column
        self.your_name = named(
            QLineEdit(), "Your name", "The name the note is signed with; asked once"
        )
        self.your_name.setPlaceholderText("Your name, to sign the note (asked once)")
        self.your_name.returnPressed.connect(self.save_name)
        self.sign_button = self._button("Sign", "Sign the note with this name", self.save_name)
        self.sign_row = QWidget()
        sign = QHBoxLayout(self.sign_row)
        sign.setContentsMargins(0, 0, 0, 0)
        sign.addWidget(self.your_name, 1)
        sign.addWidget(self.sign_button)
        buttons = QHBoxLayout()
        self.copy_button = self._button("Co&py", "Copy the note to the clipboard", self.copy)
        self.save_button = self._button(
            "Save .t&xt…", "Save the note as a text file", self.save_txt
        )
        self.mail_button = self._button(
            "Open in mail", "Open the note in your mail program", self.open_mail
        )
        self.sent_button = self._button("Mark &sent", "Mark the note sent today", self.toggle_sent)
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
        layout.addWidget(self.sign_row)
        layout.addWidget(self.state)
        layout.addWidget(self.due)
        layout.addLayout(buttons)
        layout.addWidget(self.sources)
        self.show_interview(None)

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = named(QPushButton(text), text.replace("&", "").rstrip("…"), tip)
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
            for label in (self.to, self.subject, self.due, self.sources):
                label.setText("")
            self.state.setText("Save the interview to start its thank-you note.")
            self.sign_row.hide()
            return
        if self.autosave.pending:
            return  # the user is typing; their text wins
        try:
            view = note_view(self.library, self.interview_id, dt.datetime.now())
        except LibraryError as exc:
            self.say(str(exc), True)
            return
        self.view = view
        self.edited = view.edited
        if self.body.toPlainText() != view.text:
            self._fill(view.text)
        self.to.setText(view.to)
        self.subject.setText(view.subject)
        self.state.setText(view.state)
        self.due.setText(view.due)
        set_look(self.due, "warn", view.status is NoteStatus.OVERDUE)
        self.sources.setText(view.sources)
        self.sources.setVisible(bool(view.sources))
        self.sign_row.setVisible(not self.library.your_name())
        self.sent_button.setText("Not &sent" if view.sent_on else "Mark &sent")
        self.reset_button.setEnabled(view.edited)

    def save_name(self) -> None:
        name = self.your_name.text()
        if not name.strip():
            self.say("Type your name to sign the note.", True)
            return
        try:
            self.library.set_your_name(name)
        except (DomainError, LibraryError) as exc:
            self.say(f"Not saved: {exc}.", True)
            return
        self.say("Saved: the note is signed with your name (Settings changes it).", False)
        self.refresh()

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
            saved = save_note_file(self.library, self.interview_id, Path(path))
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
        library_events(self.library).announce(Change.INTERVIEW, self.interview_id, source=self)

    def reset(self) -> None:
        self.autosave.cancel()
        if self.interview_id is None:
            return
        self.library.reset_note(self.interview_id)
        self.refresh()
