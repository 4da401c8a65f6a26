"""Progress: per question, one metric across its takes with the comfort ratings beside it, the
best take marked and the comfortable band shaded. Drawn with QPainter (no chart library)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from taketwo.analysis.series import METRICS, METRICS_BY_KEY, Metric, Point, best_point, series
from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.ui.shell.theme import colour
from taketwo.ui.widgets.empty_state import EmptyState, app_icon
from taketwo.ui.widgets.plain_text import plain_label

NO_QUESTIONS = (
    "No progress to show yet",
    "Add a question (Ctrl+N), record a few takes of it in Rehearse (Ctrl+2) and rate them: "
    "how each take measured and how it felt are plotted here, take after take.",
)
NO_TAKES = (
    "No takes of this question yet",
    "Rehearse it (Ctrl+2): each take is measured in the background after you record it and "
    "shows here with your comfort rating.",
)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten: axis ends on round numbers."""
    if rough <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(rough))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= rough))


BAND = QColor(80, 170, 110, 60)


class ProgressPlot(QWidget):
    """Metric on the left axis, comfort 1-5 on the right, one column per take."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Point] = []
        self.measure: Metric = METRICS[0]  # not "metric": that is QPaintDevice's virtual
        self.band: tuple[float, float] | None = None
        self.setMinimumSize(360, 220)
        self.setAccessibleName("Progress plot")

    def set_data(
        self, points: list[Point], metric: Metric, band: tuple[float, float] | None
    ) -> None:
        self.points, self.measure, self.band = points, metric, band
        best = best_point(points)
        measured = [p for p in points if p.value is not None]
        self.setAccessibleDescription(
            f"{metric.name} over {len(points)} takes, {len(measured)} measured"
            + (f"; best take {best.number}" if best else "")
        )
        self.update()

    def value_range(self) -> tuple[float, float]:
        """Round numbers around the values; never below zero (no measure here is negative)."""
        values = [p.value for p in self.points if p.value is not None]
        if self.band:
            values += list(self.band)
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or max(1.0, abs(high) * 0.1)
        step = nice_step((high - low + 2 * pad) / 4)
        return max(0.0, math.floor((low - pad) / step) * step), math.ceil(
            (high + pad) / step
        ) * step

    def plot_area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(64, 28, -40, -28)

    def best_label_rect(self, index: int) -> QRectF:
        """Above the plot, over the best take's column, kept inside the widget."""
        area = self.plot_area()
        x = area.left() + area.width() * (index + 0.5) / max(1, len(self.points))
        left = min(max(0.0, x - 30), self.width() - 60.0)
        return QRectF(left, area.top() - 22, 60, 16)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The top margin holds the "★ best" label, so it never sits on a bar or gets cut off.
        area = self.plot_area()
        text = self.palette().text().color()
        painter.setPen(QPen(text, 1))
        painter.drawRect(area)
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No takes yet")
            painter.end()
            return
        low, high = self.value_range()
        n = len(self.points)

        def x_at(i: int) -> float:
            return area.left() + area.width() * (i + 0.5) / n

        def y_at(v: float) -> float:
            return area.bottom() - (v - low) / (high - low) * area.height()

        if self.band:
            top, bottom = y_at(self.band[1]), y_at(self.band[0])
            painter.fillRect(QRectF(area.left(), top, area.width(), bottom - top), BAND)
        small = QFont(painter.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.drawText(
            QRectF(0, area.top() - 6, 60, 14), Qt.AlignmentFlag.AlignRight, f"{high:g}"
        )
        painter.drawText(
            QRectF(0, area.bottom() - 8, 60, 14), Qt.AlignmentFlag.AlignRight, f"{low:g}"
        )
        if self.measure.unit:  # the axis's unit, under its lowest number
            painter.drawText(
                QRectF(0, area.bottom() + 6, 60, 14),
                Qt.AlignmentFlag.AlignRight,
                self.measure.unit,
            )
        painter.drawText(
            QRectF(area.right() + 4, area.top() - 6, 36, 14), Qt.AlignmentFlag.AlignLeft, "5"
        )
        painter.drawText(
            QRectF(area.right() + 4, area.bottom() - 8, 36, 14), Qt.AlignmentFlag.AlignLeft, "1"
        )
        for i, p in enumerate(self.points):  # comfort ratings: bars against the right axis
            painter.drawText(
                QRectF(x_at(i) - 20, area.bottom() + 4, 40, 14),
                Qt.AlignmentFlag.AlignCenter,
                f"#{p.number}",
            )
            if p.comfort is not None:
                h = (p.comfort - 0.5) / 4.5 * area.height()
                bar = QRectF(x_at(i) - 5, area.bottom() - h, 10, h)
                painter.fillRect(bar, colour("plot_comfort"))
        painter.setPen(QPen(colour("accent"), 2))
        line = [
            QPointF(x_at(i), y_at(p.value))
            for i, p in enumerate(self.points)
            if p.value is not None
        ]
        for a, b in zip(line, line[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(colour("accent"))
        for point in line:
            painter.drawEllipse(point, 4, 4)
        best = best_point(self.points)
        if best is not None:
            i = self.points.index(best)
            y = y_at(best.value) if best.value is not None else area.top() + 10
            painter.setPen(QPen(colour("plot_best"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(x_at(i), y), 8, 8)
            painter.setPen(QPen(text, 1))
            label = self.best_label_rect(i)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, "★ best")
        painter.end()


class ProgressScreen(QWidget):
    library_requested = Signal()  # the empty screen's button

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.question_picker = QComboBox()
        self.question_picker.setAccessibleName("Question")
        self.question_picker.setMinimumContentsLength(30)
        self.metric_picker = QComboBox()
        self.metric_picker.setAccessibleName("Metric")
        for metric in METRICS:
            self.metric_picker.addItem(metric.name, metric.key)
        row = QHBoxLayout()
        for text, picker in (
            ("&Question:", self.question_picker),
            ("&Measure:", self.metric_picker),
        ):
            label = QLabel(text)
            label.setBuddy(picker)
            row.addWidget(label)
            row.addWidget(picker, 1 if picker is self.question_picker else 0)
        self.plot = ProgressPlot()
        self.caption = plain_label()
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Progress summary")
        self.empty = EmptyState(
            *NO_QUESTIONS,
            button_text="Open the Library",
            button_tip="Go to the Library to add or pick a question — Ctrl+1",
            icon=app_icon(),
        )
        self.empty.button.clicked.connect(self.library_requested.emit)
        self.pickers = QWidget()
        self.pickers.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.plot)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pickers)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.caption)
        self.question_picker.activated.connect(lambda _i: self.refresh())
        self.metric_picker.activated.connect(lambda _i: self.refresh())

        self.events = library_events(library)
        self.events.changed.connect(self._library_changed)
        self.reload()

    def _library_changed(self, kind: str, _id: int) -> None:
        if kind in (Change.QUESTION, Change.TAKE, Change.ANALYSIS, Change.LIBRARY):
            self.reload()  # counts, points and the best take follow every take

    def reload(self) -> None:
        """Refill the question list (keeping the choice) and redraw."""
        current = self.question_picker.currentData()
        self.question_picker.clear()
        try:
            questions = self.library.list_questions()
        except LibraryError:
            questions = []
        for summary in questions:
            q = summary.question
            self.question_picker.addItem(f"{q.prompt} ({summary.take_count} takes)", q.id)
        index = self.question_picker.findData(current)
        self.question_picker.setCurrentIndex(max(0, index))
        self.refresh()

    def show_question(self, question_id: int, metric: str | None = None) -> None:
        self.reload()
        self.question_picker.setCurrentIndex(max(0, self.question_picker.findData(question_id)))
        if metric is not None:
            self.metric_picker.setCurrentIndex(max(0, self.metric_picker.findData(metric)))
        self.refresh()

    def refresh(self) -> None:
        question_id = self.question_picker.currentData()
        metric = METRICS_BY_KEY[self.metric_picker.currentData() or METRICS[0].key]
        if question_id is None:
            self.plot.set_data([], metric, None)
            self._show_empty(NO_QUESTIONS)
            return
        try:
            question = self.library.get_question(question_id)
            takes = self.library.list_takes(question_id)
            analyses = self.library.analyses_for_question(question_id)
        except LibraryError as exc:
            self.caption.setText(str(exc))
            return
        if not takes:
            self.plot.set_data([], metric, None)
            self._show_empty(NO_TAKES)
            return
        self.pickers.show()
        self.caption.show()
        self.pages.setCurrentWidget(self.plot)
        points = series(takes, analyses, metric)
        finished = self.library.analysed_takes(question_id)
        band = metric.band(question.target_seconds)
        self.plot.set_data(points, metric, band)
        best = best_point(points)
        unit = f" {metric.unit}" if metric.unit else ""
        measured = sum(p.value is not None for p in points)
        drawn = " (blue line)" if measured > 1 else " (blue dot)" if measured == 1 else ""
        parts = [f"{metric.name} across {len(points)} takes{drawn}, comfort ratings as bars."]
        if band:
            parts.append(f"Shaded: the comfortable band, {band[0]:.0f}-{band[1]:.0f}{unit}.")
        if best is not None:
            how = "starred" if best.best else "rated highest"
            value = f", {best.value:.0f}{unit}" if best.value is not None else ""
            parts.append(f"Best take: #{best.number} ({how}{value}).")
        waiting = sum(p.value is None and p.take_id not in finished for p in points)
        unmeasurable = sum(p.value is None and p.take_id in finished for p in points)
        if waiting:
            parts.append(f"{plural(waiting, 'take')} not measured yet.")
        if unmeasurable:
            parts.append(f"{metric.name} could not be measured in {plural(unmeasurable, 'take')}.")
        self.caption.setText(" ".join(parts))

    def _show_empty(self, text: tuple[str, str]) -> None:
        self.empty.set_text(*text)
        self.pages.setCurrentWidget(self.empty)
        self.pickers.setVisible(text is not NO_QUESTIONS)  # a question to switch to
        self.caption.hide()
        self.caption.clear()
