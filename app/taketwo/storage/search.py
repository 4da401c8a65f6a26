"""Full-text search (FTS5) over questions, mistakes, interview notes and take notes/transcripts."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from taketwo.storage.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "interview" | "mistake" | "question" | "take"
    id: int
    title: str
    snippet: str  # matched words wrapped in [ ]
    question_id: int | None  # the question a take (or question) belongs to


def fts_query(text: str) -> str | None:
    """Every word the user typed, each as a quoted prefix term, all required.

    Quoting makes FTS5 syntax in user text (``AND``, ``"``, ``*``, ``:``) plain words.
    """
    words = _WORD.findall(text)[:MAX_TERMS]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


class SearchStore(Store):
    def search(
        self, text: str, *, limit: int = 50, include_trashed: bool = False
    ) -> list[SearchHit]:
        """The best ``limit`` matches, best first; trashed items only on request."""
        query = fts_query(text)
        if query is None or limit < 1:
            return []
        page = limit if include_trashed else limit * 2 + 20
        while True:
            rows = self._ranked(query, page)
            hits = [
                _hit(row)
                for row in rows
                if include_trashed or not (row["take_trashed"] or row["question_trashed"])
            ]
            if len(hits) >= limit or len(rows) < page:
                return hits[:limit]
            page *= 4  # most of the best matches were in the trash: look further

    def _ranked(self, query: str, page: int) -> list[sqlite3.Row]:
        with self._reading() as conn:
            return conn.execute(
                "SELECT s.kind, s.ref, s.title, s.snip, q.id AS question_id, q.prompt, "
                "  t.number, coalesce(t.state = 'trashed', 0) AS take_trashed, "
                "  q.trashed_at IS NOT NULL AS question_trashed "
                "FROM (SELECT kind, ref, title, rank, "
                "        snippet(search_index, -1, '[', ']', '…', 12) AS snip "
                "      FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?) s "
                "LEFT JOIN takes t ON s.kind = 'take' AND t.id = s.ref "
                "LEFT JOIN questions q ON q.id = CASE s.kind WHEN 'question' THEN s.ref "
                "  WHEN 'take' THEN t.question_id END "
                "ORDER BY s.rank",
                (query, page),
            ).fetchall()


def _hit(row: sqlite3.Row) -> SearchHit:
    kind, title = row["kind"], row["title"]
    if kind == "take":
        title = f"take {row['number']} of “{row['prompt']}”"
    return SearchHit(
        kind, int(row["ref"]), _one_line(title), _one_line(row["snip"]), row["question_id"]
    )


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# Rebuilds the index from the rows (the same statements migration 0002 backfills with).
REINDEX_SQL = """
DELETE FROM search_index;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 1, 'interview', id, company || ' ' || role,
       notes || char(10) || (SELECT coalesce(group_concat(value, ', '), '')
                             FROM json_each(interviews.interviewers))
FROM interviews;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 2, 'mistake', id, asked,
       what_went_wrong || char(10) || recovery_plan || char(10) || resolution
FROM mistakes;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 3, 'question', id, prompt,
       (SELECT coalesce(group_concat(value, char(10)), '') FROM json_each(questions.key_points))
       || char(10) || star_situation || char(10) || star_task
       || char(10) || star_action || char(10) || star_result
FROM questions;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 4, 'take', id, notes, transcript FROM takes;
"""
