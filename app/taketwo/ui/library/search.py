"""Search results in the Library tree: grouped by what matched, each hit with its passage.

A hit row keeps the same KIND and ID as a browsing row, so Enter, Delete and the context menu
do the same thing on it: a question opens in Rehearse, a take in Review, an interview or a
mistake in the Debrief.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from taketwo.storage import SearchHit
from taketwo.ui.library.rows import DESCRIPTION, Col, group_row, make_row
from taketwo.ui.widgets.marked_text import MARKS, marked_html

GROUPS = (
    ("question", "Questions"),
    ("take", "Take notes and transcripts"),
    ("mistake", "Mistakes"),
    ("interview", "Interviews"),
)
WHAT_ENTER_DOES = {
    "question": "Enter rehearses this question",
    "take": "Enter opens this take in Review",
    "mistake": "Enter opens the interview's debrief",
    "interview": "Enter opens the debrief",
}


def fill_results(tree: QTreeWidget, hits: Sequence[SearchHit]) -> QTreeWidgetItem | None:
    """Group headings with counts, best hit first in each group; returns the first hit."""
    first: QTreeWidgetItem | None = None
    for kind, heading in GROUPS:
        found = [hit for hit in hits if hit.kind == kind]
        if not found:
            continue
        group = group_row(tree, f"{heading} · {len(found)}")
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading is not something to open
        group.setData(Col.NAME, DESCRIPTION, f"{len(found)} {heading.lower()} found")
        for hit in found:
            item = hit_row(group, hit)
            first = first or item
        group.setExpanded(True)
    return first


def hit_row(parent: QTreeWidgetItem, hit: SearchHit) -> QTreeWidgetItem:
    title_marks, passage_marks = hit.title_marks, hit.snippet_marks
    if not "".join(text for text, _ in title_marks).strip():  # a mistake with no question
        title_marks, passage_marks = passage_marks or (("(no title)", False),), ()
    (first, matched), *rest = title_marks
    # "take 3 of …" reads as part of a sentence in the terminal; here it is a title.
    title_marks = ((first[:1].upper() + first[1:], matched), *rest)
    item = make_row(parent, hit.kind, hit.id, "".join(text for text, _ in title_marks))
    item.setFirstColumnSpanned(True)
    item.setData(Col.NAME, MARKS, (title_marks, passage_marks))
    passage = "".join(text for text, _ in passage_marks)
    item.setData(Col.NAME, DESCRIPTION, passage or WHAT_ENTER_DOES[hit.kind])
    item.setToolTip(Col.NAME, marked_html(title_marks, passage_marks, WHAT_ENTER_DOES[hit.kind]))
    return item
