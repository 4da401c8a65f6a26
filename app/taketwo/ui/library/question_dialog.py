"""Adding (Ctrl+N) or editing a question: the prompt, key points, STAR notes, a target length
and the mistake it came from."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from taketwo.domain.errors import DomainError
from taketwo.domain.question import Question, QuestionSource, StarNotes


class QuestionDialog(QDialog):
    def __init__(
        self,
        default_target: int,
        parent: QWidget | None = None,
        *,
        mistakes: list[tuple[int, str]] | None = None,
        editing: Question | None = None,
    ) -> None:
        """``mistakes`` are (id, label) pairs to link to; ``editing`` fills the form."""
        super().__init__(parent)
        self.setWindowTitle("Edit question" if editing else "New question")
        self.editing = editing
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText("The question you stumbled on, as the interviewer asked it")
        self.points = QPlainTextEdit()
        self.points.setPlaceholderText("One point per line: what a good answer must mention")
        self.star = {k: QLineEdit() for k in ("situation", "task", "action", "result")}
        self.target = QSpinBox()
        self.target.setRange(10, 1800)
        self.target.setSuffix(" s")
        self.target.setValue(default_target)
        self.mistake = QComboBox()
        self.mistake.addItem("No mistake (a question of its own)", None)
        for mistake_id, label in mistakes or []:
            self.mistake.addItem(label, mistake_id)
        for box in (self.prompt, self.points):
            box.setTabChangesFocus(True)  # Tab moves on, as in every other form field
        form = QFormLayout(self)
        form.addRow("Question", self.prompt)
        form.addRow("Key points", self.points)
        for key, line in self.star.items():
            form.addRow(key.capitalize(), line)
            line.setAccessibleName(f"STAR {key}")
        form.addRow("Target length", self.target)
        form.addRow("Came from", self.mistake)
        for widget, name in (
            (self.prompt, "Question prompt"),
            (self.points, "Key points"),
            (self.target, "Target answer length"),
            (self.mistake, "The mistake this question came from"),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)  # saves from the multi-line boxes
        save.activated.connect(self.accept)
        self.error = ""
        if editing is not None:
            self.prompt.setPlainText(editing.prompt)
            self.points.setPlainText("\n".join(editing.key_points))
            for key, line in self.star.items():
                line.setText(getattr(editing.star, key))
            if editing.target_seconds:
                self.target.setValue(editing.target_seconds)
            index = self.mistake.findData(editing.mistake_id)
            self.mistake.setCurrentIndex(max(index, 0))

    def question(self) -> Question | None:
        """The question as typed, or None (with ``error`` set) if it is not valid."""
        mistake_id = self.mistake.currentData()
        source = QuestionSource.MISTAKE if mistake_id is not None else QuestionSource.FREE
        if (
            mistake_id is None
            and self.editing is not None
            and self.editing.source is not QuestionSource.MISTAKE
        ):
            source = self.editing.source  # a bank or recovered question stays what it was
        try:
            return Question(
                prompt=self.prompt.toPlainText().strip(),
                key_points=[p.strip() for p in self.points.toPlainText().splitlines() if p.strip()],
                star=StarNotes(**{k: e.text().strip() for k, e in self.star.items()}),
                target_seconds=self.target.value(),
                source=source,
                mistake_id=mistake_id,
            )
        except DomainError as exc:
            self.error = str(exc)
            return None
