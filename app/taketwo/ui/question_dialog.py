"""Adding a question (Ctrl+N): the prompt, key points, STAR notes and a target length."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from taketwo.domain.errors import DomainError
from taketwo.domain.question import Question, StarNotes


class QuestionDialog(QDialog):
    def __init__(self, default_target: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New question")
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText("The question you stumbled on, as the interviewer asked it")
        self.points = QPlainTextEdit()
        self.points.setPlaceholderText("One point per line: what a good answer must mention")
        self.star = {k: QLineEdit() for k in ("situation", "task", "action", "result")}
        self.target = QSpinBox()
        self.target.setRange(10, 1800)
        self.target.setSuffix(" s")
        self.target.setValue(default_target)
        form = QFormLayout(self)
        form.addRow("Question", self.prompt)
        form.addRow("Key points", self.points)
        for key, edit in self.star.items():
            form.addRow(key.capitalize(), edit)
            edit.setAccessibleName(f"STAR {key}")
        form.addRow("Target length", self.target)
        for widget, name in ((self.prompt, "Question prompt"), (self.points, "Key points"),
                             (self.target, "Target answer length")):
            widget.setAccessibleName(name)
            widget.setToolTip(name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.error = ""

    def question(self) -> Question | None:
        """The question as typed, or None (with ``error`` set) if it is not valid."""
        try:
            return Question(
                prompt=self.prompt.toPlainText().strip(),
                key_points=[p.strip() for p in self.points.toPlainText().splitlines()
                            if p.strip()],
                star=StarNotes(**{k: e.text().strip() for k, e in self.star.items()}),
                target_seconds=self.target.value(),
            )
        except DomainError as exc:
            self.error = str(exc)
            return None
