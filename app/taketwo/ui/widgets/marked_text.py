"""The first column of a tree: names cut at a word, group headings, and search hits whose
matching words are highlighted.

Hits are drawn run by run with QPainter, never through a rich-text parser, so what the user
wrote (``<b>``, ``&``) shows as written. Tooltips are rich text, built with every run escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from taketwo.ui.widgets.badges import Index, row_height
from taketwo.ui.widgets.tones import match_fill, mix

HEADING = Qt.ItemDataRole.UserRole + 22  # True on a group heading ("Questions · 3")
MARKS = Qt.ItemDataRole.UserRole + 23  # (title runs, snippet runs), each run (text, matched)
Runs = Sequence[tuple[str, bool]]
LINE_GAP = 2


def elide_at_word(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` cut after the last whole word that fits in ``width`` pixels, with "…"."""
    text = " ".join(text.split())
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    lo, hi = 0, len(words)  # the longest prefix of words that fits, by bisection
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if metrics.horizontalAdvance(" ".join(words[:mid]).rstrip(" ,;:.-—") + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:  # not even one word fits: cut inside it
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return " ".join(words[:lo]).rstrip(" ,;:.-—") + "…"


def marked_html(title: Runs, snippet: Runs = (), note: str = "") -> str:
    """A hit as escaped rich text: the title, the passage below, matches bold; then ``note``."""

    def runs(items: Runs) -> str:
        return "".join(
            f"<b><u>{html.escape(text)}</u></b>" if matched else html.escape(text)
            for text, matched in items
        )

    body = f"<p>{runs(title)}</p>"
    if snippet:
        body += f"<p>{runs(snippet)}</p>"
    if note:
        body += f"<p><i>{html.escape(note)}</i></p>"
    return f"<qt>{body}</qt>"


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as written (Qt would render a tooltip that looks like HTML)."""
    return f"<qt>{html.escape(text)}</qt>" if text else ""


class MarkedTextDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
            area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        else:
            area = opt.rect
        area = area.adjusted(2, 0, -2, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        marks = index.data(MARKS)
        if marks:
            title, snippet = marks
            lines = [title, snippet] if snippet else [title]
            height = opt.fontMetrics.height()
            top = area.top() + (area.height() - len(lines) * height - LINE_GAP) / 2
            for n, runs in enumerate(lines):
                line = QRectF(area.left(), top + n * (height + LINE_GAP), area.width(), height)
                muted = mix(opt.palette.color(QPalette.ColorRole.Base), colour, 0.72)
                paint_runs(painter, opt, line, runs, colour if n == 0 else muted)
        else:
            font = QFont(opt.font)
            if index.data(HEADING):
                font.setBold(True)
            painter.setFont(font)
            painter.setPen(colour)
            shown = elide_at_word(QFontMetrics(font), text, area.width())
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(area, align, shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        marks = index.data(MARKS)
        if marks and marks[1]:
            return QSize(size.width(), 2 * option.fontMetrics.height() + LINE_GAP + 12)
        return QSize(size.width(), max(size.height(), row_height(option.fontMetrics)))


def paint_runs(
    painter: QPainter,
    option: QStyleOptionViewItem,
    line: QRectF,
    runs: Runs,
    colour: QColor,
) -> None:
    """One line of runs, matches bold on a marker fill, cut with "…" at the right edge."""
    plain, bold = QFont(option.font), QFont(option.font)
    bold.setBold(True)
    x, right = line.left(), line.right()
    for text, matched in runs:
        font = bold if matched else plain
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text)
        if x + width > right:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(right - x))
            width = metrics.horizontalAdvance(text)
        if not text:
            break
        box = QRectF(x, line.top(), width, line.height())
        painter.setFont(font)
        if matched:
            painter.fillRect(box.adjusted(-1, 0, 1, 0), match_fill(option.palette))
            painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        else:
            painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        x += width
        if x >= right - 1:
            break
