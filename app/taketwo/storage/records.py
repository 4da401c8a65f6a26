"""Interviews, mistakes and questions: add, read, list, update."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

from taketwo.domain import (
    Interview,
    Mistake,
    Question,
    QuestionStatus,
    QuestionSummary,
)
from taketwo.storage.errors import LibraryError, NotFound
from taketwo.storage.layout import question_folder_name
from taketwo.storage.rows import (
    insert_sql,
    interview_from_row,
    interview_values,
    mistake_from_row,
    mistake_values,
    parse_stamp_or_none,
    question_from_row,
    question_values,
    update_sql,
)
from taketwo.storage.store import Store

_FIXED = frozenset({"id", "created", "folder", "trashed_at"})


def _check_changes(kind: str, changes: dict[str, Any], item: object) -> None:
    names = {f.name for f in dataclasses.fields(item)}  # type: ignore[arg-type]
    bad = sorted(set(changes) - (names - _FIXED))
    if bad:
        raise LibraryError(f"cannot change {', '.join(bad)} of a {kind}")


class RecordsStore(Store):
    # Interviews

    def add_interview(self, interview: Interview) -> Interview:
        with self._writing() as conn:
            values = interview_values(interview)
            cursor = conn.execute(insert_sql("interviews", values), values)
            return dataclasses.replace(interview, id=cursor.lastrowid)

    def get_interview(self, interview_id: int) -> Interview:
        with self._reading() as conn:
            return self._load_interview(conn, interview_id)

    def list_interviews(self) -> list[Interview]:
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT * FROM interviews ORDER BY coalesce(date, substr(created, 1, 10)), id"
            ).fetchall()
        return [interview_from_row(row) for row in rows]

    def update_interview(self, interview_id: int, **changes: Any) -> Interview:
        with self._writing() as conn:
            current = self._load_interview(conn, interview_id)
            _check_changes("interview", changes, current)
            updated = dataclasses.replace(current, **changes)
            values = interview_values(updated)
            conn.execute(update_sql("interviews", values), {**values, "id": interview_id})
            return updated

    def _load_interview(self, conn: sqlite3.Connection, interview_id: int) -> Interview:
        row = conn.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise NotFound(f"no interview with id {interview_id}")
        return interview_from_row(row)

    # Mistakes

    def add_mistake(self, mistake: Mistake) -> Mistake:
        with self._writing() as conn:
            if mistake.interview_id is not None:
                self._load_interview(conn, mistake.interview_id)
            values = mistake_values(mistake)
            cursor = conn.execute(insert_sql("mistakes", values), values)
            return dataclasses.replace(mistake, id=cursor.lastrowid)

    def get_mistake(self, mistake_id: int) -> Mistake:
        with self._reading() as conn:
            return self._load_mistake(conn, mistake_id)

    def list_mistakes(self, interview_id: int | None = None) -> list[Mistake]:
        with self._reading() as conn:
            if interview_id is None:
                rows = conn.execute("SELECT * FROM mistakes ORDER BY id").fetchall()
            else:
                self._load_interview(conn, interview_id)
                rows = conn.execute(
                    "SELECT * FROM mistakes WHERE interview_id = ? ORDER BY id", (interview_id,)
                ).fetchall()
        return [mistake_from_row(row) for row in rows]

    def update_mistake(self, mistake_id: int, **changes: Any) -> Mistake:
        with self._writing() as conn:
            current = self._load_mistake(conn, mistake_id)
            _check_changes("mistake", changes, current)
            updated = dataclasses.replace(current, **changes)
            if updated.interview_id is not None:
                self._load_interview(conn, updated.interview_id)
            values = mistake_values(updated)
            conn.execute(update_sql("mistakes", values), {**values, "id": mistake_id})
            return updated

    def _load_mistake(self, conn: sqlite3.Connection, mistake_id: int) -> Mistake:
        row = conn.execute("SELECT * FROM mistakes WHERE id = ?", (mistake_id,)).fetchone()
        if row is None:
            raise NotFound(f"no mistake with id {mistake_id}")
        return mistake_from_row(row)

    # Questions

    def add_question(self, question: Question) -> Question:
        """Store ``question``; its media folder name is fixed now from its id and prompt."""
        with self._writing() as conn:
            if question.mistake_id is not None:
                self._load_mistake(conn, question.mistake_id)
            return self._insert_question(conn, question)

    def _insert_question(
        self, conn: sqlite3.Connection, question: Question, folder: str | None = None
    ) -> Question:
        seq = conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'questions'), 0),"
            " coalesce((SELECT max(id) FROM questions), 0))"
        ).fetchone()[0]
        new_id = int(seq) + 1
        stored = dataclasses.replace(
            question, id=new_id, folder=folder or question_folder_name(new_id, question.prompt)
        )
        values = {"id": new_id, **question_values(stored)}
        conn.execute(insert_sql("questions", values), values)
        return stored

    def add_question_from_mistake(self, mistake_id: int) -> Question:
        return self.add_question(Question.from_mistake(self.get_mistake(mistake_id)))

    def get_question(self, question_id: int) -> Question:
        with self._reading() as conn:
            return self._load_question(conn, question_id)

    def list_questions(
        self, *, include_trashed: bool = False, status: QuestionStatus | None = None
    ) -> list[QuestionSummary]:
        """Questions with their take counts (playable takes only), oldest first."""
        where = ["1 = 1"]
        params: list[object] = []
        if not include_trashed:
            where.append("q.trashed_at IS NULL")
        if status is not None:
            where.append("q.status = ?")
            params.append(QuestionStatus(status).value)
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT q.*, coalesce(s.n, 0) AS take_count, s.best, s.last FROM questions q "
                "LEFT JOIN (SELECT question_id, count(*) AS n, "
                "  max(CASE WHEN starred THEN id END) AS best, max(created) AS last "
                "  FROM takes WHERE state IN ('final', 'recovered') GROUP BY question_id) s "
                f"ON s.question_id = q.id WHERE {' AND '.join(where)} ORDER BY q.id",
                params,
            ).fetchall()
        return [
            QuestionSummary(
                question_from_row(row),
                row["take_count"],
                row["best"],
                parse_stamp_or_none(row["last"]),
            )
            for row in rows
        ]

    def update_question(self, question_id: int, **changes: Any) -> Question:
        """Change a question; its folder keeps the name it was given, whatever the new prompt."""
        with self._writing() as conn:
            current = self._load_question(conn, question_id)
            _check_changes("question", changes, current)
            updated = dataclasses.replace(current, **changes)
            if updated.mistake_id is not None:
                self._load_mistake(conn, updated.mistake_id)
            values = question_values(updated)
            conn.execute(update_sql("questions", values), {**values, "id": question_id})
            return updated
