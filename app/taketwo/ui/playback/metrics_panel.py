"""Review's "What was measured" box: each metric with a one-line plain explanation, the
analysis job's progress with a Cancel button, or an Analyse button for takes never measured."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.analysis.explain import describe
from taketwo.analysis.result import pause_spans
from taketwo.domain import Take
from taketwo.storage import Library, LibraryError
from taketwo.tasks.analysis import TakeAnalyzer
from taketwo.ui.widgets.layouts import clear_layout


class MetricsPanel(QGroupBox):
    pauses_changed = Signal(list, float)  # [(start, end)], take duration
    result_changed = Signal(object)  # the stored result shown, or None

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__("What was measured", parent)
        self.library = library
        self.analyzer: TakeAnalyzer | None = None
        self.take: Take | None = None
        self.result: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Analysis status")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Analysis progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel analysis")
        self.cancel_button.setToolTip("Stop measuring this take")
        self.cancel_button.clicked.connect(self.cancel)
        self.analyze_button = QPushButton("Analyse")
        self.analyze_button.setAccessibleName("Analyse take")
        self.analyze_button.setToolTip("Measure pauses, pace, loudness, pitch, framing and words")
        self.analyze_button.clicked.connect(self.analyze)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.analyze_button)
        layout.addLayout(row)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        layout.addLayout(self.rows)
        self._show_idle("Choose a take.")

    def set_analyzer(self, analyzer: TakeAnalyzer) -> None:
        self.analyzer = analyzer
        analyzer.progress.connect(self._on_progress)
        analyzer.finished.connect(self._on_finished)
        analyzer.failed.connect(self._on_failed)
        analyzer.cancelled.connect(self._on_cancelled)

    def _on_cancelled(self, take_id: int) -> None:
        if self._is_ours(take_id):
            self._show_idle("Analysis cancelled.")

    def show_take(self, take: Take) -> None:
        self.take = take
        self.result = None
        if self.analyzer is not None and take.id is not None and self.analyzer.running(take.id):
            self._show_running(0.0, "Analysing…")
            return
        try:
            result = self.library.get_analysis(take.id) if take.id is not None else None
            error = self.library.analysis_error(take.id) if take.id is not None else ""
        except LibraryError as exc:
            result, error = None, str(exc)
        if result is not None:
            self._show_result(result)
        elif error:
            self._show_idle(f"Could not be measured: {error}")
        else:
            self._show_idle("Not measured yet.")

    def analyze(self) -> None:
        if self.analyzer is None or self.take is None or self.take.id is None:
            return
        self.analyzer.analyze(self.take.id)
        self._show_running(0.0, "Starting…")

    def cancel(self) -> None:
        if self.analyzer is not None and self.take is not None and self.take.id is not None:
            self.analyzer.cancel(self.take.id)

    def row_text(self, label: str) -> str | None:
        """The value shown for ``label`` (for tests and screen readers)."""
        for i in range(self.rows.count()):
            item = self.rows.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.property("metric") == label:
                return str(widget.property("value"))
        return None

    # -- states -----------------------------------------------------------------------------
    def _clear_rows(self) -> None:
        clear_layout(self.rows)

    def _show_idle(self, text: str) -> None:
        self._clear_rows()
        self.status.setText(text)
        self.progress.hide()
        self.cancel_button.hide()
        self.analyze_button.setVisible(
            self.take is not None and self.analyzer is not None and self.take.state.playable
        )
        self.pauses_changed.emit([], 0.0)
        self.result_changed.emit(None)

    def _show_running(self, fraction: float, text: str) -> None:
        self._clear_rows()
        self.status.setText(text or "Analysing…")
        self.progress.setValue(round(fraction * 100))
        self.progress.show()
        self.cancel_button.show()
        self.analyze_button.hide()

    def _show_result(self, result: dict[str, Any]) -> None:
        self.result = result
        self._clear_rows()
        self.status.setText("Measured on the recording; a guide, not a score.")
        self.progress.hide()
        self.cancel_button.hide()
        self.analyze_button.hide()
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        for label, value, why in describe(result):
            if label == "Words":
                continue  # why there are no words: said once, under the video (transcript_view)
            # Key points and notes are the user's own text: escaped, never read as markup.
            label, value, why = escape(label), escape(value), escape(why)
            text = QLabel(
                f"<b>{escape(label)}</b> {escape(value)}<br>"
                f"<span style='color: {quiet}'>{escape(why)}</span>"
                if value
                else f"<b>{escape(label)}</b> {escape(why)}"
            )
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setWordWrap(True)
            text.setAccessibleName(label)
            text.setAccessibleDescription(why)
            text.setProperty("metric", label)
            text.setProperty("value", value or why)
            self.rows.addWidget(text)
        self.pauses_changed.emit(pause_spans(result), float(result.get("duration_s") or 0.0))
        self.result_changed.emit(result)

    # -- analyzer signals -------------------------------------------------------------------
    def _is_ours(self, take_id: int) -> bool:
        return self.take is not None and self.take.id == take_id

    def _on_progress(self, take_id: int, fraction: float, text: str) -> None:
        if self._is_ours(take_id):
            self._show_running(fraction, text)

    def _on_finished(self, take_id: int, result: object) -> None:
        if self._is_ours(take_id) and isinstance(result, dict):
            self._show_result(result)

    def _on_failed(self, take_id: int, message: str) -> None:
        if self._is_ours(take_id):
            self._show_idle(f"Could not be measured: {message}")
