"""After a crash, the start-up names the takes it recovered, so the user knows which to check."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from taketwo.storage import Library, LibraryError
from taketwo.ui.widgets.plain_text import plain_label

SHOWN = 3  # names listed; the rest are counted


def recovered_names(library: Library, take_ids: Sequence[int]) -> list[str]:
    """“Prompt” take N for each take, in the order given (a take gone since is left out)."""
    names = []
    for take_id in take_ids:
        try:
            take = library.get_take(take_id)
            prompt = " ".join(library.get_question(take.question_id).prompt.split())
        except LibraryError:
            continue
        if len(prompt) > 50:
            prompt = prompt[:49].rstrip() + "…"
        names.append(f"“{prompt}” take {take.number}")
    return names


def recovered_text(names: Sequence[str]) -> str:
    listed = ", ".join(names[:SHOWN])
    more = len(names) - SHOWN
    if more > 0:
        listed += f" and {more} more"
    return (
        f"Take Two stopped while recording. Recovered {listed}; the last second or so of "
        f"{'each' if len(names) > 1 else 'it'} may be missing."
    )


class RecoveredBanner(QFrame):
    def __init__(self, review: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "notice")  # styled by the theme's stylesheet
        self.take_ids: list[int] = []
        self.text = plain_label()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName("Recovered takes")
        self.review_button = QPushButton("Review it")
        self.review_button.setAccessibleName("Review the recovered take")
        self.review_button.setToolTip("Open the first recovered take in Review")
        self._review = review
        self.review_button.clicked.connect(self._open_first)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss the notice")
        dismiss.setToolTip("Hide this notice")
        dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.review_button)
        row.addWidget(dismiss)
        self.hide()

    def _open_first(self) -> None:
        if self.take_ids:
            self._review(self.take_ids[0])

    def show_takes(self, take_ids: Sequence[int], names: Sequence[str]) -> None:
        self.take_ids = list(take_ids)
        if not names:
            self.hide()
            return
        self.text.setText(recovered_text(names))
        self.review_button.setText("Review them" if len(names) > 1 else "Review it")
        self.show()
