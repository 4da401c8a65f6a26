"""The comfort ratings of a question's takes as a small line of coloured dots, with a label.

Each dot is a take (oldest on the left), high when the user felt sure, red to green by rating;
the label beside it ("2→4") says where the trend began and where it stands. The same words go
to the tooltip and the accessible description, so the chart is never the only way to read it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from taketwo.ui.widgets.badges import PAD, Index, row_height
from taketwo.ui.widgets.tones import Tone, ink, rating_tone

TREND = Qt.ItemDataRole.UserRole + 21  # list of ratings 1..5, oldest first
SHOWN = 6  # the last few takes: enough to see a direction, short enough for a column
STEP, DOT = 12, 4.0  # between dots; dot radius


def recent(ratings: Sequence[int | None]) -> list[int]:
    return [max(1, min(5, r)) for r in ratings if r is not None][-SHOWN:]


def trend_label(ratings: Sequence[int]) -> str:
    """``"2→4"`` from first to latest, ``"4"`` for one rating, ``""`` for none."""
    if not ratings:
        return ""
    if len(ratings) == 1:
        return str(ratings[0])
    return f"{ratings[0]}→{ratings[-1]}"


def trend_description(ratings: Sequence[int]) -> str:
    """The trend in words, for the tooltip and screen readers."""
    if not ratings:
        return "No rated takes yet"
    takes = "take" if len(ratings) == 1 else f"{len(ratings)} takes"
    listed = ", ".join(str(r) for r in ratings)
    direction = ""
    if len(ratings) > 1:
        change = ratings[-1] - ratings[0]
        direction = (
            " — getting more comfortable"
            if change > 0
            else " — less comfortable than at first"
            if change < 0
            else " — steady"
        )
    return f"Comfort over the last {takes}, oldest first: {listed} (of 5){direction}"


def spark_width(count: int) -> int:
    return round(max(0, count - 1) * STEP + 2 * DOT + 2)


class ComfortTrendDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        ratings = index.data(TREND)
        if not ratings:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        paint_trend(painter, opt, list(ratings), label)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        height = max(size.height(), row_height(option.fontMetrics))
        ratings = index.data(TREND)
        if not ratings:
            return QSize(size.width(), height)
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        text_width = option.fontMetrics.horizontalAdvance(label)
        return QSize(2 * PAD + spark_width(len(ratings)) + 6 + text_width, height)


def paint_trend(
    painter: QPainter, option: QStyleOptionViewItem, ratings: list[int], label: str
) -> None:
    palette, rect = option.palette, option.rect
    span = max(6.0, rect.height() - 2 * DOT - 6)
    left = rect.left() + PAD + DOT + 1
    bottom = rect.top() + (rect.height() + span) / 2

    def point(i: int, rating: int) -> QPointF:
        if len(ratings) == 1:  # one take's rating: its colour and number say it all
            return QPointF(left, rect.top() + rect.height() / 2)
        return QPointF(left + i * STEP, bottom - (rating - 1) / 4 * span)

    points = [point(i, r) for i, r in enumerate(ratings)]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if len(points) > 1:
        path = QPainterPath(points[0])
        for p in points[1:]:
            path.lineTo(p)
        painter.setPen(QPen(ink(palette, Tone.NEUTRAL), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1))
    for p, rating in zip(points, ratings, strict=True):
        painter.setBrush(ink(palette, rating_tone(rating)))
        painter.drawEllipse(p, DOT, DOT)
    text_left = rect.left() + PAD + spark_width(len(ratings)) + 6
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.setPen(palette.color(role))
    painter.setFont(option.font)
    painter.drawText(
        QRectF(text_left, rect.top(), rect.right() - text_left, rect.height()),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        label,
    )
    painter.restore()
