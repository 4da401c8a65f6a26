"""Beside the preview: the key points to hit and the STAR notes, never burned into the take."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from taketwo.domain.formatting import length_text
from taketwo.domain.question import Question
from taketwo.ui.widgets.plain_text import plain_label


class QuestionPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Key points and STAR notes")
        self.points = plain_label()
        self.star = plain_label()
        self.target = plain_label()
        layout = QVBoxLayout(self)
        for title, label in (
            ("Key points", self.points),
            ("STAR notes", self.star),
            ("Target length", self.target),
        ):
            heading = QLabel(f"<b>{title}</b>")
            layout.addWidget(heading)
            label.setWordWrap(True)
            label.setAccessibleName(title)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setMinimumWidth(220)

    def show_question(self, question: Question, target_seconds: int) -> None:
        points = [p for p in question.key_points if p.strip()]
        self.points.setText("\n".join(f"• {p}" for p in points) or "—")
        s = question.star
        parts = [
            (k, v)
            for k, v in (
                ("Situation", s.situation),
                ("Task", s.task),
                ("Action", s.action),
                ("Result", s.result),
            )
            if v.strip()
        ]
        self.star.setText("\n".join(f"{k}: {v}" for k, v in parts) or "—")
        self.target.setText(length_text(target_seconds))
