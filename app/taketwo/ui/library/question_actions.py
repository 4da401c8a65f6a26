"""Adding and editing questions from anywhere in the window (Ctrl+N, the Library, the
first-start page): the dialog, a refusal in one message, and Undo after an edit."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from taketwo.domain.errors import DomainError
from taketwo.domain.formatting import elide_words
from taketwo.domain.question import Question
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.widgets.plain_text import show_message

TITLE_PROMPT_CHARS = 60  # a question's prompt in the window title or a pick list


class QuestionActions(QObject):
    added = Signal(int)  # a new question's id: the window goes to rehearse it
    edited = Signal(int)  # a question's text, target or mistake changed
    undo_offered = Signal(str, object)  # what was done, and a callable that undoes it

    def __init__(self, library: Library, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self.library, self.settings, self.window = library, settings, window

    def _mistake_choices(self) -> list[tuple[int, str]]:
        return [
            (m.id, elide_words(m.asked or m.what_went_wrong, TITLE_PROMPT_CHARS))
            for m in self.library.list_mistakes()
            if m.id is not None
        ]

    def new(self) -> None:
        dialog = QuestionDialog(
            int(self.settings.get("target_seconds")),
            self.window,
            mistakes=self._mistake_choices(),
        )
        while dialog.exec():
            question = dialog.question()
            if question is None:
                show_message(self.window, "New question", dialog.error)
                continue
            self.add(question, "New question")
            return

    def add(self, question: Question, title: str) -> None:
        """Save a new question (then ``added``); a refusal is one message."""
        try:
            saved = self.library.add_question(question)
        except LibraryError as exc:
            show_message(self.window, title, str(exc))
            return
        self.settings.set("welcome_done", True)  # past the first start for good
        assert saved.id is not None
        library_events(self.library).announce(Change.QUESTION, saved.id)
        self.added.emit(saved.id)

    def edit(self, question_id: int) -> None:
        """Edit a question's text, target and the mistake it came from; Undo puts it back."""
        try:
            before = self.library.get_question(question_id)
        except LibraryError as exc:
            show_message(self.window, "Edit question", str(exc))
            return
        dialog = QuestionDialog(
            int(self.settings.get("target_seconds")),
            self.window,
            mistakes=self._mistake_choices(),
            editing=before,
        )
        while dialog.exec():
            edited = dialog.question()
            if edited is None:
                show_message(self.window, "Edit question", dialog.error)
                continue
            if not self.save(question_id, edited):
                continue
            self.undo_offered.emit("Question saved.", lambda: self.save(question_id, before))
            return

    def save(self, question_id: int, q: Question) -> bool:
        try:
            self.library.update_question(
                question_id,
                prompt=q.prompt,
                key_points=q.key_points,
                star=q.star,
                target_seconds=q.target_seconds,
                source=q.source,
                mistake_id=q.mistake_id,
            )
        except (LibraryError, DomainError) as exc:
            show_message(self.window, "Edit question", str(exc))
            return False
        library_events(self.library).announce(Change.QUESTION, question_id)
        self.edited.emit(question_id)
        return True
