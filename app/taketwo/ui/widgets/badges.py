"""Badges in an item view: short rounded labels, each in the tone of what it says.

The cell's display text stays the plain words (joined with ", ") for screen readers, sorting
and tests; the delegate only draws the ``BADGES`` list over it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from taketwo.ui.widgets.tones import Tone, fill, ink

BADGES = Qt.ItemDataRole.UserRole + 20  # list of (text, Tone)
PAD, GAP, INSIDE = 4, 5, 7  # cell padding, between badges, text to badge edge
Index = QModelIndex | QPersistentModelIndex


def row_height(metrics: QFontMetrics) -> int:
    """One height for every row that may hold a badge, so the rows line up."""
    return metrics.height() + 14


class BadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        badges = index.data(BADGES)
        if not badges:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the badges are the text
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        paint_badges(painter, opt, badges)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        badges = index.data(BADGES)
        size = super().sizeHint(option, index)
        metrics = option.fontMetrics
        height = max(size.height(), row_height(metrics))
        if not badges:
            return QSize(size.width(), height)
        return QSize(badges_width(metrics, badges), height)


def badges_width(metrics: QFontMetrics, badges: list[tuple[str, Tone]]) -> int:
    widths = [metrics.horizontalAdvance(text) + 2 * INSIDE for text, _ in badges]
    return sum(widths) + GAP * (len(widths) - 1) + 2 * PAD + 2


def paint_badges(
    painter: QPainter, option: QStyleOptionViewItem, badges: list[tuple[str, Tone]]
) -> None:
    palette, metrics, rect = option.palette, option.fontMetrics, option.rect
    height = min(rect.height() - 4, metrics.height() + 6)
    top = rect.top() + (rect.height() - height) / 2
    x = rect.left() + PAD
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(option.font)
    for text, tone in badges:
        width = metrics.horizontalAdvance(text) + 2 * INSIDE
        room = rect.x() + rect.width() - PAD - x
        if room < 2 * INSIDE + metrics.horizontalAdvance("…"):
            break
        if width > room:  # the column is narrower than its contents: say so, don't overflow
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room - 2 * INSIDE)
            width = room
        box = QRectF(x, top, width, height)
        painter.setPen(QPen(ink(palette, Tone(tone)), 1))
        painter.setBrush(fill(palette, Tone(tone)))
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        x += width + GAP
    painter.restore()
