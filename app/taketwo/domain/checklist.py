"""The routine checklists (night before, morning of, minutes before, during, after) and the
recovery phrases: a default set shipped in ``resources/checklists``, edited per user, ticked per
interview."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from taketwo.domain.errors import DomainError
from taketwo.domain.interview import check_length

LISTS = {
    "night_before": "Night before",
    "morning_of": "Morning of",
    "minutes_before": "Minutes before",
    "during": "During",
    "after": "After",
}
ITEM_LIMIT = 1000


def list_title(key: str) -> str:
    try:
        return LISTS[key]
    except KeyError:
        raise DomainError(
            f"there is no {key!r} checklist; the lists are {', '.join(LISTS)}"
        ) from None


def check_item_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise DomainError("a checklist item needs some text")
    check_length("a checklist item", text, ITEM_LIMIT)
    return text


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: int
    list_key: str
    position: int
    text: str
    mistake_id: int | None = None  # the logistics slip it came from, if any
    ticked_on: dt.date | None = None  # for the interview it is shown for


@dataclass(frozen=True, slots=True)
class Defaults:
    items: tuple[tuple[str, str], ...]  # (list key, text), in order
    phrases: tuple[tuple[str, str], ...]  # (situation, what to say)


def parse_defaults(text: str) -> Defaults:
    """The shipped default set: ``{"lists": {key: [item, ...]}, "phrases": [[when, say]]}``."""
    data = json.loads(text)
    lists = data.get("lists") if isinstance(data, dict) else None
    if not isinstance(lists, dict):
        raise DomainError("the default checklists have no 'lists'")
    items = []
    for key in LISTS:
        for entry in lists.get(key, []):
            items.append((key, check_item_text(str(entry))))
    phrases = tuple((str(when), str(say)) for when, say in data.get("phrases", []))
    return Defaults(tuple(items), phrases)


def grouped(items: list[ChecklistItem]) -> dict[str, list[ChecklistItem]]:
    """Items by list, lists in routine order, items in their order."""
    out: dict[str, list[ChecklistItem]] = {key: [] for key in LISTS}
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        out.setdefault(item.list_key, []).append(item)
    return out
