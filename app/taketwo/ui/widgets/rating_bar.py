"""After a take: how comfortable did it feel (1-5, one key) and an optional note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from taketwo.ui.widgets.plain_text import plain_label

LABELS = {1: "Rough", 2: "Shaky", 3: "OK", 4: "Good", 5: "Nailed it"}


class RatingBar(QWidget):
    rated = Signal(int)
    note_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prompt = plain_label("How did that feel?")
        layout.addWidget(self.prompt)
        self.buttons: dict[int, QPushButton] = {}
        for value, text in LABELS.items():
            button = QPushButton(f"{value} {text}")
            button.setCheckable(True)
            button.setAccessibleName(f"Rate {value}: {text}")
            button.setToolTip(f"Comfort {value} of 5 ({text}) — key {value}")
            button.clicked.connect(lambda _=False, v=value: self.rate(v))
            layout.addWidget(button)
            self.buttons[value] = button
        self.note = QLineEdit()
        self.note.setPlaceholderText("A note for next time (N)")
        self.note.setAccessibleName("Take note")
        self.note.setToolTip("A note about this take — N to type, Enter to keep it")
        self.note.editingFinished.connect(lambda: self.note_changed.emit(self.note.text()))
        layout.addWidget(self.note, 1)
        self.value: int | None = None

    def reset(self) -> None:
        self.value = None
        for button in self.buttons.values():
            button.setChecked(False)
        self.note.clear()

    def rate(self, value: int) -> None:
        self.value = value
        for v, button in self.buttons.items():
            button.setChecked(v == value)
        self.rated.emit(value)
