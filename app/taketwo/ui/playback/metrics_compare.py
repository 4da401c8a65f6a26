"""Compare's measured side by side: the two takes' metrics in two columns, and what changed from
the left take to the right one in words ("12 s shorter, 2 fewer long pauses")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from taketwo.analysis.explain import describe, differences, key_point_changes
from taketwo.domain import Take
from taketwo.storage import Library, LibraryError
from taketwo.ui.widgets.layouts import clear_layout
from taketwo.ui.widgets.plain_text import plain_label


class MetricsComparison(QGroupBox):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__("Measured", parent)
        self.library = library
        layout = QVBoxLayout(self)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # key points are the user's text
        self.summary.setAccessibleName("Differences")
        layout.addWidget(self.summary)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        layout.addLayout(self.grid)
        layout.addStretch(1)

    def _result(self, take: Take | None) -> dict[str, Any] | None:
        if take is None or take.id is None:
            return None
        try:
            return self.library.get_analysis(take.id)
        except LibraryError:
            return None

    def show_pair(self, left: Take | None, right: Take | None) -> None:
        clear_layout(self.grid)
        results = [self._result(left), self._result(right)]
        if results[0] is not None and results[1] is not None and left and right:
            changes = differences(results[0], results[1])
            text = (
                f"Take {right.number} against take {left.number}: " + ", ".join(changes) + "."
                if changes
                else "No clear differences in what was measured."
            )
            points = key_point_changes(results[0], left.number, results[1], right.number)
            if points:
                text += f"\nKey points: {points}."
            self.summary.setText(text)
        elif left is not None and right is not None:
            self.summary.setText("Analyse both takes (in Review) to see the differences.")
        else:
            self.summary.setText("")
        columns = [
            {label: value for label, value, _why in describe(r)} if r else {} for r in results
        ]
        labels: list[str] = []
        for column in columns:
            labels += [label for label in column if label not in labels and label != "Note"]
        if labels:
            for side, take in enumerate((left, right)):
                header = plain_label(f"Take {take.number}" if take is not None else "—")
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.grid.addWidget(header, 0, side + 1)
        for row, label in enumerate(labels, start=1):
            self.grid.addWidget(QLabel(f"{label}:"), row, 0)
            for side, column in enumerate(columns):
                value = plain_label(column.get(label, "—"))
                value.setWordWrap(True)
                value.setAccessibleName(f"{('Left', 'Right')[side]} {label.lower()}")
                self.grid.addWidget(value, row, side + 1)
