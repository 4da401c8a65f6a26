"""Trash: deleting a take or a question moves its files under ``trash/``; purging is explicit.

Files move first and the row follows in one commit; if the commit fails the files move back.
A crash in between leaves a file where its row does not expect it, which ``library check``
finds and moves back.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from taketwo.domain import Question, Take, TakeState, sidecar_for, utc_now
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import ensure_private_dir
from taketwo.storage.rows import TAKE_COLUMNS, question_from_row, stamp
from taketwo.storage.store import Store


@dataclass(frozen=True, slots=True)
class TrashContents:
    questions: list[Question]  # trashed questions (their takes go with them)
    takes: list[Take]  # takes trashed on their own, from questions that are not trashed


def _files_of(take_path: Path) -> list[Path]:
    return [take_path, sidecar_for(take_path)]


def _move_files(moves: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Move each existing source; returns what was moved so it can be undone."""
    done: list[tuple[Path, Path]] = []
    try:
        for src, dst in moves:
            if not src.exists():
                continue
            if dst.exists():
                raise LibraryError(f"cannot move {src.name}: {dst} already exists")
            ensure_private_dir(dst.parent)
            os.replace(src, dst)
            done.append((src, dst))
    except BaseException:
        _undo(done)
        raise
    return done


def _undo(done: list[tuple[Path, Path]]) -> None:
    for src, dst in reversed(done):
        with contextlib.suppress(OSError):  # else left where it is, for `library check`
            os.replace(dst, src)


def _remove_empty_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


class TrashStore(Store):
    def trash_take(self, take_id: int) -> Take:
        with self._reading() as conn:
            take = self._load_take(conn, take_id)
            question = self._load_question(conn, take.question_id)
        if take.state is TakeState.TRASHED:
            raise LibraryError(f"take {take_id} is already in the trash")
        if take_id in self._recording:
            raise LibraryError(f"take {take_id} is still being recorded")
        moves = []
        if not question.trashed:
            moves = self._take_moves(question.folder, take.file_name, to_trash=True)
        done = _move_files(moves)
        try:
            with self._writing() as conn:
                # The star stays on the row, so a restored take is the best take again;
                # nothing counts a trashed take as best, and starring another clears it.
                conn.execute(
                    "UPDATE takes SET state = 'trashed', state_before_trash = ?, trashed_at = ? "
                    "WHERE id = ?",
                    (take.state.value, stamp(utc_now()), take_id),
                )
                return self._load_take(conn, take_id)
        except BaseException:
            _undo(done)
            raise

    def restore_take(self, take_id: int) -> Take:
        with self._reading() as conn:
            take = self._load_take(conn, take_id)
            question = self._load_question(conn, take.question_id)
        if take.state is not TakeState.TRASHED:
            raise LibraryError(f"take {take_id} is not in the trash")
        if question.trashed:
            raise LibraryError(
                f"take {take_id}'s question ({question.id}) is in the trash; "
                "restore the question first"
            )
        done = _move_files(self._take_moves(question.folder, take.file_name, to_trash=False))
        back = take.state_before_trash or TakeState.FINAL
        try:
            with self._writing() as conn:
                conn.execute(
                    "UPDATE takes SET state = ?, state_before_trash = NULL, "
                    "trashed_at = NULL WHERE id = ?",
                    (back.value, take_id),
                )
                return self._load_take(conn, take_id)
        except BaseException:
            _undo(done)
            raise

    def purge_take(self, take_id: int) -> None:
        """Delete a trashed take for good: files first, then the row."""
        with self._reading() as conn:
            take = self._load_take(conn, take_id)
            question = self._load_question(conn, take.question_id)
        if take.state is not TakeState.TRASHED and not question.trashed:
            raise LibraryError(f"take {take_id} is not in the trash; trash it before purging")
        path = self._path_of(take)
        for file in _files_of(path):
            file.unlink(missing_ok=True)
        _remove_empty_dir(path.parent)
        with self._writing() as conn:
            conn.execute("DELETE FROM takes WHERE id = ?", (take_id,))

    def trash_question(self, question_id: int) -> Question:
        """Move a question and all its takes to the trash."""
        with self._reading() as conn:
            question = self._load_question(conn, question_id)
            takes = self._question_takes(conn, question_id)
        if question.trashed:
            raise LibraryError(f"question {question_id} is already in the trash")
        if any(t.id in self._recording for t in takes):
            raise LibraryError(f"question {question_id} has a take being recorded")
        moves = [
            m
            for t in takes
            if t.state is not TakeState.TRASHED
            for m in self._take_moves(question.folder, t.file_name, to_trash=True)
        ]
        done = _move_files(moves)
        try:
            with self._writing() as conn:
                conn.execute(
                    "UPDATE questions SET trashed_at = ? WHERE id = ?",
                    (stamp(utc_now()), question_id),
                )
                trashed = self._load_question(conn, question_id)
        except BaseException:
            _undo(done)
            raise
        _remove_empty_dir(self.layout.question_dir(question.folder, False))
        return trashed

    def restore_question(self, question_id: int) -> Question:
        with self._reading() as conn:
            question = self._load_question(conn, question_id)
            takes = self._question_takes(conn, question_id)
        if not question.trashed:
            raise LibraryError(f"question {question_id} is not in the trash")
        moves = [
            m
            for t in takes
            if t.state is not TakeState.TRASHED
            for m in self._take_moves(question.folder, t.file_name, to_trash=False)
        ]
        done = _move_files(moves)
        try:
            with self._writing() as conn:
                conn.execute("UPDATE questions SET trashed_at = NULL WHERE id = ?", (question_id,))
                restored = self._load_question(conn, question_id)
        except BaseException:
            _undo(done)
            raise
        _remove_empty_dir(self.layout.question_dir(question.folder, True))
        return restored

    def purge_question(self, question_id: int) -> int:
        """Delete a trashed question, its takes and their files; returns how many takes went."""
        with self._reading() as conn:
            question = self._load_question(conn, question_id)
            takes = self._question_takes(conn, question_id)
        if not question.trashed:
            raise LibraryError(f"question {question_id} is not in the trash; trash it first")
        files = [
            path
            for take in takes
            for trashed in (True, False)
            for path in _files_of(self.layout.take_path(question.folder, take.file_name, trashed))
        ]
        for path in files:
            path.unlink(missing_ok=True)
        with self._writing() as conn:
            conn.execute("DELETE FROM questions WHERE id = ?", (question_id,))
        for trashed in (True, False):
            _remove_empty_dir(self.layout.question_dir(question.folder, trashed))
        return len(takes)

    def list_trash(self) -> TrashContents:
        with self._reading() as conn:
            questions = [
                question_from_row(r)
                for r in conn.execute(
                    "SELECT * FROM questions WHERE trashed_at IS NOT NULL ORDER BY trashed_at"
                )
            ]
            rows = conn.execute(
                f"SELECT {TAKE_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id "
                "WHERE t.state = 'trashed' AND q.trashed_at IS NULL ORDER BY t.trashed_at"
            ).fetchall()
        return TrashContents(questions, [self._with_path(r) for r in rows])

    def empty_trash(self) -> tuple[int, int]:
        """Purge everything in the trash; returns (questions, takes) purged."""
        contents = self.list_trash()
        takes = 0
        for take in contents.takes:
            assert take.id is not None
            self.purge_take(take.id)
            takes += 1
        for question in contents.questions:
            assert question.id is not None
            takes += self.purge_question(question.id)
        return len(contents.questions), takes

    def _take_moves(self, folder: str, file_name: str, to_trash: bool) -> list[tuple[Path, Path]]:
        media = self.layout.take_path(folder, file_name, trashed=False)
        trash = self.layout.take_path(folder, file_name, trashed=True)
        src, dst = (media, trash) if to_trash else (trash, media)
        return list(zip(_files_of(src), _files_of(dst), strict=True))

    def _question_takes(self, conn: sqlite3.Connection, question_id: int) -> list[Take]:
        rows = conn.execute(
            f"SELECT {TAKE_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id "
            "WHERE t.question_id = ? ORDER BY t.number",
            (question_id,),
        ).fetchall()
        return [self._with_path(r) for r in rows]
