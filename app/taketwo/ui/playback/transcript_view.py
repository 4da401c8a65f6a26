"""Review's words under the video: the transcript, the word being spoken highlighted as the take
plays, fillers marked; a click on a word, or Enter on the word under the text cursor, seeks
there. Above it, the question's key points said ("said at 0:42") or not. Without words, one
line says why and how to add them.

The text is plain text built from the stored words, so nothing a transcript holds is read as
markup; each word's character range is kept to map clicks and playback to words.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from taketwo.analysis.explain import clock
from taketwo.analysis.fillers import FILLERS, bare
from taketwo.analysis.words_model import MISSING

NOW = QColor("#f2c94c")
FILLER = QColor("#e0a23a")


class TranscriptView(QWidget):
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[dict[str, Any]] = []
        self._starts: list[float] = []
        self._ranges: list[tuple[int, int]] = []  # each word's characters in the text
        self._fillers: list[QTextEdit.ExtraSelection] = []
        self.current: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.points = QLabel()
        self.points.setTextFormat(Qt.TextFormat.PlainText)
        self.points.setWordWrap(True)
        self.points.setAccessibleName("Key points said")
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Words")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        # Read-only, but the keyboard still moves a cursor through the words for Enter.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setAccessibleName("Transcript")
        self.text.setTabChangesFocus(True)  # a short read-only box must not trap Tab
        self.text.setToolTip("Click a word, or move to it and press Enter, to play from there")
        self.text.setMaximumHeight(110)
        self.text.viewport().installEventFilter(self)
        self.text.installEventFilter(self)
        layout.addWidget(self.points)
        layout.addWidget(self.note)
        layout.addWidget(self.text)
        self.show_result(None)

    def show_result(self, result: dict[str, Any] | None) -> None:
        """Words, key points and fillers of a stored analysis (None: not measured)."""
        self.current = None
        transcript = result.get("transcript") if result else None
        words = transcript.get("words") if isinstance(transcript, dict) else None
        self.words = [w for w in words or [] if _usable(w)]
        note = ""
        if result is None:
            note = "Words appear here once the take is measured."
        elif result.get("words_note"):
            note = str(result["words_note"])
        elif not isinstance(transcript, dict):
            note = MISSING
        elif not self.words:
            note = "No words were heard in this take."
        elif transcript.get("language") not in (None, "en"):
            note = f"Spoken in “{transcript['language']}”: fillers are counted in English only."
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.points.setText(_points_text(result.get("key_points") if result else None))
        self.points.setVisible(bool(self.points.text()))
        self._fill()

    def _fill(self) -> None:
        pieces: list[str] = []
        self._ranges, at = [], 0
        for w in self.words:
            word = str(w["word"])
            self._ranges.append((at, at + len(word)))
            pieces.append(word)
            at += len(word) + 1
        self._starts = [float(w["start"]) for w in self.words]
        self.text.setPlainText(" ".join(pieces))
        self.text.setVisible(bool(self.words))
        fmt = QTextCharFormat()
        fmt.setForeground(FILLER)
        fmt.setFontItalic(True)
        self._fillers = [
            self._selection(i, fmt) for i, w in enumerate(self.words) if bare(w["word"]) in FILLERS
        ]
        self.text.setExtraSelections(self._fillers)

    def _selection(self, index: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        start, end = self._ranges[index]
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def word_at(self, seconds: float) -> int | None:
        """The word spoken at ``seconds``, or the last one before it."""
        i = bisect.bisect_right(self._starts, seconds) - 1
        return i if i >= 0 else None

    def set_position(self, seconds: float) -> None:
        index = self.word_at(seconds)
        if index == self.current:
            return
        self.current = index
        selections = list(self._fillers)
        if index is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(NOW)
            fmt.setForeground(QColor("black"))
            now = self._selection(index, fmt)
            selections.append(now)
            if not self.text.hasFocus():  # never pull the view from under the keyboard
                shown = QTextCursor(self.text.document())
                shown.setPosition(self._ranges[index][0])
                self.text.setTextCursor(shown)
                self.text.ensureCursorVisible()
        self.text.setExtraSelections(selections)

    def _word_at_char(self, position: int) -> int | None:
        for i, (start, end) in enumerate(self._ranges):
            if start <= position <= end:
                return i
        return None

    def seek_to_char(self, position: int) -> bool:
        index = self._word_at_char(position)
        if index is None:
            return False
        self.seek_requested.emit(float(self.words[index]["start"]))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and not self.text.textCursor().hasSelection()
        ):
            self.seek_to_char(self.text.cursorForPosition(event.position().toPoint()).position())
        elif (
            watched is self.text
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            return self.seek_to_char(self.text.textCursor().position())
        return super().eventFilter(watched, event)


def _usable(word: Any) -> bool:
    return (
        isinstance(word, dict)
        and isinstance(word.get("word"), str)
        and isinstance(word.get("start"), int | float)
    )


def _points_text(points: Any) -> str:
    if not isinstance(points, list) or not points:
        return ""
    lines = []
    for p in points:
        if not isinstance(p, dict):
            continue
        at = p.get("at")
        if p.get("said") and isinstance(at, int | float):
            lines.append(f"✓ {p.get('point')} — said at {clock(at)}")
        else:
            lines.append(f"✗ {p.get('point')} — not said")
    return "\n".join(lines)
