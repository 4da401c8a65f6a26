"""Full-text search (FTS5) over questions, mistakes, interview notes and take notes/transcripts."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from taketwo.domain.formatting import one_line
from taketwo.storage.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16
# FTS5 wraps each match in these; private-use characters, so plain text never means "match".
# The text between them stays untrusted: a view escapes it before drawing it as rich text.
OPEN, CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)
_SPACE = re.compile(r"\s+")

Marked = tuple[tuple[str, bool], ...]  # runs of text, each a match or not


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "interview" | "mistake" | "question" | "take"
    id: int
    title: str
    snippet: str  # matched words wrapped in [ ]
    question_id: int | None  # the question a take (or question) belongs to
    title_marks: Marked = ()  # ``title`` with its matches marked
    snippet_marks: Marked = ()  # the matching passage below the title; () when the title matched


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
                "SELECT s.kind, s.ref, s.title, s.snip, s.title_marked, s.body_snip, "
                "  q.id AS question_id, q.prompt, "
                "  t.number, coalesce(t.state = 'trashed', 0) AS take_trashed, "
                "  q.trashed_at IS NOT NULL AS question_trashed "
                "FROM (SELECT kind, ref, title, rank, "
                "        snippet(search_index, -1, :open, :close, '…', 12) AS snip, "
                "        highlight(search_index, 2, :open, :close) AS title_marked, "
                "        snippet(search_index, 3, :open, :close, '…', 12) AS body_snip "
                "      FROM search_index WHERE search_index MATCH :query "
                "      ORDER BY rank LIMIT :page) s "
                "LEFT JOIN takes t ON s.kind = 'take' AND t.id = s.ref "
                "LEFT JOIN questions q ON q.id = CASE s.kind WHEN 'question' THEN s.ref "
                "  WHEN 'take' THEN t.question_id END "
                "ORDER BY s.rank",
                {"query": query, "page": page, "open": OPEN, "close": CLOSE},
            ).fetchall()


def _hit(row: sqlite3.Row) -> SearchHit:
    kind = row["kind"]
    best = marks(row["snip"])
    if kind == "take":
        title = one_line(f"take {row['number']} of “{row['prompt']}”", 200)
        title_marks: Marked = ((title, False),)
        below = best  # the notes or the transcript, whichever matched
    else:
        title_marks = marks(row["title_marked"])
        title = "".join(text for text, _ in title_marks)
        body = marks(row["body_snip"])
        below = body if any(matched for _, matched in body) else ()
    snippet = "".join(f"[{text}]" if matched else text for text, matched in best)
    return SearchHit(kind, int(row["ref"]), title, snippet, row["question_id"], title_marks, below)


def marks(text: str, limit: int = 200) -> Marked:
    """FTS5 output with OPEN/CLOSE around matches, as runs on one line of at most ``limit``."""
    runs: list[tuple[str, bool]] = []
    start = 0
    for match in _MARK.finditer(text):
        runs += [(text[start : match.start()], False), (match.group(1), True)]
        start = match.end()
    runs.append((text[start:], False))
    out: list[tuple[str, bool]] = []
    used = 0
    for run, matched in runs:
        run = _SPACE.sub(" ", run.replace(OPEN, "").replace(CLOSE, ""))
        if not out:
            run = run.lstrip()
        if not run:
            continue
        if used + len(run) > limit:
            out.append((run[: max(0, limit - 1 - used)] + "…", matched))
            break
        out.append((run, matched))
        used += len(run)
    if out and not out[-1][1]:
        out[-1] = (out[-1][0].rstrip(), False)
    return tuple(run for run in out if run[0])


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
