"""The rows that hang off interviews, mistakes and takes, carried by a library archive: the
checklists and their ticks, thank-you notes, coach packs and their feedback, analyses.

An archive is untrusted: :func:`check_attached` type-checks every column before anything is
written. :func:`insert_attached` runs inside the import's one transaction, after the core
rows, with their id maps, so every reference (a pack's list of takes included) is remapped,
and what the library already holds is kept as it is and counted as skipped.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any

from taketwo.domain import DomainError
from taketwo.domain.checklist import check_item_text, list_title
from taketwo.storage.debrief import SEEDED_FACT
from taketwo.storage.rows import insert_sql, parse_stamp

# In insert order: a table's references come before it.
ATTACHED = (
    "library_facts",
    "checklist_items",
    "checklist_ticks",
    "thank_you_notes",
    "packs",
    "feedback",
    "take_analyses",
)
CARRIED_FACTS = frozenset({SEEDED_FACT})  # other facts describe the library they were made in
MAX_TEXT = 1_000_000  # characters in one text column; a library's rows are never larger
_PACK_ID = re.compile(r"[0-9A-Za-z]{8,64}")

Check = Callable[[Any], bool]


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id(value: Any) -> bool:
    return _whole(value) and value >= 1


def _optional_id(value: Any) -> bool:
    return value is None or _id(value)


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _stamp(value: Any) -> bool:
    try:
        parse_stamp(value)
    except (TypeError, ValueError):
        return False
    return True


def _day(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _optional_day(value: Any) -> bool:
    return value is None or _day(value)


def _list_key(value: Any) -> bool:
    try:
        list_title(value)
    except (DomainError, TypeError):
        return False
    return True


def _item_text(value: Any) -> bool:
    try:
        return isinstance(value, str) and check_item_text(value) == value
    except DomainError:
        return False


def _time(value: Any) -> bool:
    return _whole(value) or (isinstance(value, float) and math.isfinite(value) and value >= 0)


def _json(kind: type) -> Check:
    def check(value: Any) -> bool:
        try:
            return isinstance(value, str) and isinstance(json.loads(value), kind)
        except ValueError:
            return False

    return check


def _take_list(value: Any) -> bool:
    return _json(list)(value) and all(_id(t) for t in json.loads(value))


COLUMNS: dict[str, dict[str, Check]] = {
    "library_facts": {"key": _text, "value": _text},
    "checklist_items": {
        "id": _id,
        "list_key": _list_key,
        "position": _whole,
        "text": _item_text,
        "mistake_id": _optional_id,
        "created": _stamp,
    },
    "checklist_ticks": {"interview_id": _id, "item_id": _id, "ticked_on": _day},
    "thank_you_notes": {
        "interview_id": _id,
        "text": _text,
        "edited": lambda v: v in (0, 1) and not isinstance(v, float),
        "sent_on": _optional_day,
    },
    "packs": {
        "id": lambda v: isinstance(v, str) and bool(_PACK_ID.fullmatch(v)),
        "takes": _take_list,
        "ask": _text,
        "created": _stamp,
    },
    "feedback": {
        "id": _id,
        "pack_id": _text,
        "take_id": _id,
        "at": _time,
        "text": _text,
        "coach": _text,
        "imported": _stamp,
    },
    "take_analyses": {
        "take_id": _id,
        "version": _whole,
        "analyzed": _stamp,
        "result": _json(dict),
        "error": _text,
        "words": _json(list),  # the transcript's [word, start, end] (migration 7)
    },
}


def check_attached(
    rows: dict[str, list[dict[str, Any]]], damaged: Callable[[str], Exception]
) -> None:
    """Refuse (``damaged(why)``) any row with a column missing or of the wrong type."""
    for table, columns in COLUMNS.items():
        for n, row in enumerate(rows.get(table, ()), 1):
            for column, ok in columns.items():
                if column not in row or not ok(row[column]):
                    raise damaged(f"{table} row {n} has a bad {column}")


def insert_attached(
    conn: sqlite3.Connection,
    rows: dict[str, list[dict[str, Any]]],
    ids: dict[str, dict[int, int]],
    keep_ids: bool,
    added: dict[str, int],
    skipped: dict[str, int],
) -> None:
    """Insert the archive's attached rows not already here, references remapped through
    ``ids`` (archive id -> library id, by table; takes already here map to theirs)."""
    for table in ATTACHED:
        added[table] = skipped[table] = 0

    def put(table: str, values: dict[str, Any], here: bool) -> int | None:
        if here:
            skipped[table] += 1
            return None
        added[table] += 1
        return conn.execute(insert_sql(table, values), values).lastrowid

    for row in rows["library_facts"]:
        if row["key"] not in CARRIED_FACTS:
            continue
        here = conn.execute("SELECT 1 FROM library_facts WHERE key = ?", (row["key"],))
        put("library_facts", {"key": row["key"], "value": row["value"]}, bool(here.fetchone()))

    items = _insert_checklist_items(conn, rows["checklist_items"], ids, keep_ids, put)
    for row in rows["checklist_ticks"]:
        values = {
            "interview_id": ids["interviews"][row["interview_id"]],
            "item_id": items[row["item_id"]],
            "ticked_on": row["ticked_on"],
        }
        here = conn.execute(
            "SELECT 1 FROM checklist_ticks WHERE interview_id = ? AND item_id = ?",
            (values["interview_id"], values["item_id"]),
        ).fetchone()
        put("checklist_ticks", values, here is not None)
    for row in rows["thank_you_notes"]:
        values = {**_pick(row, "thank_you_notes")}
        values["interview_id"] = ids["interviews"][row["interview_id"]]
        here = conn.execute(
            "SELECT 1 FROM thank_you_notes WHERE interview_id = ?", (values["interview_id"],)
        ).fetchone()
        put("thank_you_notes", values, here is not None)
    for row in rows["packs"]:
        takes = [ids["takes"][t] for t in json.loads(row["takes"]) if t in ids["takes"]]
        values = {**_pick(row, "packs"), "takes": json.dumps(takes)}
        here = conn.execute("SELECT 1 FROM packs WHERE id = ?", (row["id"],)).fetchone()
        put("packs", values, here is not None)
    for row in rows["feedback"]:
        values = {**_pick(row, "feedback"), "take_id": ids["takes"][row["take_id"]]}
        here = conn.execute(
            "SELECT 1 FROM feedback WHERE pack_id = ? AND take_id = ? AND at = ? AND text = ?",
            (values["pack_id"], values["take_id"], values["at"], values["text"]),
        ).fetchone()
        _keep_id(conn, "feedback", values, row["id"], keep_ids)
        put("feedback", values, here is not None)
    for row in rows["take_analyses"]:
        values = {**_pick(row, "take_analyses"), "take_id": ids["takes"][row["take_id"]]}
        here = conn.execute(
            "SELECT 1 FROM take_analyses WHERE take_id = ?", (values["take_id"],)
        ).fetchone()
        put("take_analyses", values, here is not None)  # the library's own measure stays


def _insert_checklist_items(
    conn: sqlite3.Connection,
    rows: list[dict[str, Any]],
    ids: dict[str, dict[int, int]],
    keep_ids: bool,
    put: Callable[[str, dict[str, Any], bool], int | None],
) -> dict[int, int]:
    """An item with the same list and text as one here is that one (the shipped defaults);
    the others go after this library's items of their list, in the archive's order."""
    mapping: dict[int, int] = {}
    last = {
        r[0]: int(r[1])
        for r in conn.execute("SELECT list_key, max(position) FROM checklist_items GROUP BY 1")
    }
    for row in rows:
        same = conn.execute(
            "SELECT id FROM checklist_items WHERE list_key = ? AND text = ? ORDER BY id LIMIT 1",
            (row["list_key"], row["text"]),
        ).fetchone()
        values = _pick(row, "checklist_items")
        values["position"] = last.get(row["list_key"], 0) + row["position"]
        if row["mistake_id"] is not None:
            values["mistake_id"] = ids["mistakes"][row["mistake_id"]]
        _keep_id(conn, "checklist_items", values, row["id"], keep_ids)
        new = put("checklist_items", values, same is not None)
        mapping[row["id"]] = int(same[0]) if same is not None else int(new or 0)
    return mapping


def _pick(row: dict[str, Any], table: str) -> dict[str, Any]:
    """Only the columns this library knows, never one of the archive's own."""
    return {k: row[k] for k in COLUMNS[table] if k != "id" or table == "packs"}


def _keep_id(
    conn: sqlite3.Connection, table: str, values: dict[str, Any], old_id: int, keep: bool
) -> None:
    """Keep the archive's id when importing into an empty library and the id is free here."""
    if keep and not conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (old_id,)).fetchone():
        values["id"] = old_id
