"""The Library tree's columns and rows: one kind of fact per column, drawn by its own delegate.

A row keeps its facts as plain display text (what screen readers, sorting and tests read);
the delegates draw badges, the comfort trend and names cut at a word over that text.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QTreeWidgetItemIterator

from taketwo.domain.formatting import length_text
from taketwo.domain.interview import Interview, InterviewOutcome
from taketwo.domain.mistake import Mistake
from taketwo.domain.plan import MistakeState
from taketwo.domain.question import QuestionStatus, QuestionSummary
from taketwo.domain.take import Take, TakeState
from taketwo.ui.widgets.badges import BADGES, BadgeDelegate
from taketwo.ui.widgets.comfort_trend import (
    TREND,
    ComfortTrendDelegate,
    recent,
    trend_description,
    trend_label,
)
from taketwo.ui.widgets.marked_text import HEADING, MarkedTextDelegate, plain_tip
from taketwo.ui.widgets.tones import Tone

KIND, ID = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1
DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole


class Col(IntEnum):
    NAME = 0
    TAKES = 1
    COMFORT = 2
    PRACTICE = 3
    OUTCOME = 4
    TAKE = 5
    FLAGS = 6


HEADERS = {
    Col.NAME: ("Name", "Interviews, the mistakes made in them, the questions and their takes"),
    Col.TAKES: ("Takes", "How many takes the question has"),
    Col.COMFORT: ("Comfort", "How sure each take felt, 1 (shaky) to 5 (sure), oldest first"),
    Col.PRACTICE: ("Practice", "Whether a question or mistake is still being practised"),
    Col.OUTCOME: ("Outcome", "How the interview went"),
    Col.TAKE: ("Take state", "A take recovered after a crash, or still recording"),
    Col.FLAGS: ("Flags", "Starred takes, do-or-die mistakes, thank-you notes due"),
}

PRACTICE_TONES = {
    QuestionStatus.PRACTISING.value: Tone.ACTIVE,
    QuestionStatus.COMFORTABLE.value: Tone.GOOD,
    MistakeState.OPEN.value: Tone.NEUTRAL,
    MistakeState.PRACTISING.value: Tone.ACTIVE,
    MistakeState.COMFORTABLE.value: Tone.GOOD,
    MistakeState.DONE.value: Tone.GOOD,
}
OUTCOME_TONES = {
    InterviewOutcome.PENDING: Tone.NEUTRAL,
    InterviewOutcome.ADVANCED: Tone.ACTIVE,
    InterviewOutcome.OFFER: Tone.GOOD,
    InterviewOutcome.REJECTED: Tone.BAD,
    InterviewOutcome.WITHDREW: Tone.NEUTRAL,
}
TAKE_TONES = {TakeState.RECOVERED: Tone.WARN, TakeState.RECORDING: Tone.ACTIVE}
NOTE_TONES = {"due": Tone.WARN, "overdue": Tone.BAD, "not sent": Tone.NEUTRAL}


def setup_columns(tree: QTreeWidget) -> None:
    """Names take the room that is left; every other column is as wide as what it shows."""
    tree.setColumnCount(len(Col))
    tree.setHeaderLabels([HEADERS[c][0] for c in Col])
    header_item = tree.headerItem()
    for c in Col:
        header_item.setToolTip(c, HEADERS[c][1])
    header_item.setTextAlignment(Col.TAKES, Qt.AlignmentFlag.AlignRight)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(Col.NAME, QHeaderView.ResizeMode.Stretch)
    for c in list(Col)[1:]:
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    tree.setItemDelegateForColumn(Col.NAME, MarkedTextDelegate(tree))
    tree.setItemDelegateForColumn(Col.COMFORT, ComfortTrendDelegate(tree))
    for c in (Col.PRACTICE, Col.OUTCOME, Col.TAKE, Col.FLAGS):
        tree.setItemDelegateForColumn(c, BadgeDelegate(tree))


def show_used_columns(tree: QTreeWidget) -> None:
    """Hide the columns no row has anything in (no interviews yet: no Outcome column)."""
    used: set[int] = {Col.NAME}
    it = QTreeWidgetItemIterator(tree)
    while (item := it.value()) is not None and len(used) < len(Col):
        used.update(c for c in Col if item.text(c))
        it += 1
    for c in Col:
        tree.setColumnHidden(c, c not in used)


def make_row(
    parent: QTreeWidget | QTreeWidgetItem, kind: str, item_id: int | None, text: str
) -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, [text])
    item.setData(Col.NAME, KIND, kind)
    item.setData(Col.NAME, ID, item_id or 0)
    item.setToolTip(Col.NAME, plain_tip(text))
    return item


def group_row(parent: QTreeWidget | QTreeWidgetItem, text: str) -> QTreeWidgetItem:
    item = make_row(parent, "group", 0, text)
    item.setData(Col.NAME, HEADING, True)
    item.setFirstColumnSpanned(True)
    item.setToolTip(Col.NAME, "")
    return item


def set_badges(item: QTreeWidgetItem, column: Col, badges: Sequence[tuple[str, Tone]]) -> None:
    item.setText(column, ", ".join(text for text, _ in badges))
    item.setData(column, BADGES, list(badges))


def interview_row(parent: QTreeWidget, interview: Interview, note: str | None) -> QTreeWidgetItem:
    label = interview.company + (f" — {interview.role}" if interview.role else "")
    if interview.date:
        label += f" ({interview.date.isoformat()})"
    item = make_row(parent, "interview", interview.id, label)
    outcome = interview.outcome
    set_badges(item, Col.OUTCOME, [(outcome.value, OUTCOME_TONES.get(outcome, Tone.NEUTRAL))])
    if note:
        set_badges(item, Col.FLAGS, [(f"note {note}", NOTE_TONES.get(note, Tone.NEUTRAL))])
    return item


def mistake_row(
    parent: QTreeWidgetItem, mistake: Mistake, state: MistakeState = MistakeState.OPEN
) -> QTreeWidgetItem:
    """``state`` is the one computed by ``domain.plan.mistake_state``, as the Debrief shows."""
    item = make_row(parent, "mistake", mistake.id, mistake.asked or mistake.what_went_wrong)
    set_badges(item, Col.PRACTICE, [(state.value, PRACTICE_TONES[state.value])])
    flags = [("do-or-die", Tone.BAD)] if mistake.do_or_die else []
    set_badges(item, Col.FLAGS, [*flags, (mistake.kind.label, Tone.NEUTRAL)])
    return item


def question_row(parent: QTreeWidgetItem, summary: QuestionSummary) -> QTreeWidgetItem:
    q = summary.question
    item = make_row(parent, "question", q.id, q.prompt)
    item.setText(Col.TAKES, str(summary.take_count))
    item.setTextAlignment(Col.TAKES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    set_badges(item, Col.PRACTICE, [(q.status.value, PRACTICE_TONES[q.status.value])])
    flags = [("sample", Tone.NEUTRAL)] if q.is_sample else []  # not a question of their own
    if summary.best_take_id:
        flags.append(("★ starred take", Tone.STAR))
    if flags:
        set_badges(item, Col.FLAGS, flags)
    if summary.take_count:
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
    return item


def take_row(parent: QTreeWidgetItem, take: Take) -> QTreeWidgetItem:
    first_note = take.notes.splitlines()[0] if take.notes.strip() else ""
    text = f"Take {take.number} · {length_text(take.duration or 0)}"
    item = make_row(parent, "take", take.id, text + (f" · {first_note}" if first_note else ""))
    if take.comfort is not None:
        item.setText(Col.COMFORT, str(take.comfort))
        item.setData(Col.COMFORT, TREND, [take.comfort])
        item.setToolTip(Col.COMFORT, f"Rated {take.comfort} of 5")
    if take.state in TAKE_TONES:
        set_badges(item, Col.TAKE, [(take.state.value, TAKE_TONES[take.state])])
    if take.starred:
        set_badges(item, Col.FLAGS, [("★ starred", Tone.STAR)])
    return item


def set_trend(item: QTreeWidgetItem, ratings: Sequence[int | None]) -> None:
    """A question's comfort ratings, oldest first, as the trend chart with words beside it."""
    shown = recent(ratings)
    words = trend_description(shown) if shown else ""
    item.setText(Col.COMFORT, trend_label(shown))
    item.setData(Col.COMFORT, TREND, shown or None)
    item.setToolTip(Col.COMFORT, words)
    item.setData(Col.COMFORT, DESCRIPTION, words)
