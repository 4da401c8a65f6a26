"""A take's life: its row is written before capture starts, finished in its own commit.

The recorder asks :meth:`TakesStore.begin_take` for a path, writes fragmented MP4 there, then
calls :meth:`TakesStore.finish_take`. A crash between the two leaves the row ``recording``,
which ``library check`` recovers from the file.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from taketwo.domain import DomainError, Take, TakeState, sidecar_for, utc_now, validate_comfort
from taketwo.files import write_json_atomic
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import ensure_private_dir, make_private, take_file_name
from taketwo.storage.rows import TAKE_COLUMNS, insert_sql, stamp, take_values, to_json
from taketwo.storage.store import Store


class TakesStore(Store):
    def begin_take(
        self, question_id: int, devices: dict[str, object] | None = None, *, extension: str = ".mp4"
    ) -> Take:
        """Commit a ``recording`` row and return it; the recorder writes to ``take.path``."""
        created = utc_now()
        with self._writing() as conn:
            question = self._load_question(conn, question_id)
            if question.trashed:
                raise LibraryError(f"question {question_id} is in the trash; restore it first")
            folder = ensure_private_dir(self.layout.question_dir(question.folder, False))
            number, name = self._free_name(conn, question_id, folder, created, extension)
            take = Take(
                question_id=question_id,
                number=number,
                file_name=name,
                state=TakeState.RECORDING,
                devices=dict(devices or {}),
                created=created,
            )
            values = take_values(take)
            take.id = conn.execute(insert_sql("takes", values), values).lastrowid
        assert take.id is not None
        take.path = folder / name
        self._recording.add(take.id)
        return take

    def _free_name(
        self,
        conn: sqlite3.Connection,
        question_id: int,
        folder: Path,
        created: datetime,
        extension: str,
    ) -> tuple[int, str]:
        number = int(
            conn.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM takes WHERE question_id = ?",
                (question_id,),
            ).fetchone()[0]
        )
        trash_folder = self.layout.question_dir(folder.name, True)
        while True:
            name = take_file_name(number, created, extension)
            taken = any(
                (root / candidate).exists()
                for root in (folder, trash_folder)
                for candidate in (name, sidecar_for(Path(name)).name)
            )
            if not taken:
                return number, name
            number += 1  # a file nobody has a row for: never write over it

    def finish_take(
        self,
        take_id: int,
        duration: float | None,
        state: TakeState | str = TakeState.FINAL,
        sidecar: dict[str, object] | None = None,
    ) -> Take:
        """Mark a recording take ``final`` (or ``recovered``) in its own commit."""
        state = TakeState(state)
        if state not in (TakeState.FINAL, TakeState.RECOVERED):
            raise LibraryError(f"a finished take is final or recovered, not {state.value}")
        if duration is not None and duration < 0:
            raise LibraryError("a take cannot last less than nothing")
        with self._reading() as conn:
            take = self._load_take(conn, take_id)
        if take.state is not TakeState.RECORDING:
            raise LibraryError(f"take {take_id} is {take.state.value}, not recording")
        self._path_of(take)
        assert take.path is not None
        if not take.path.is_file():
            raise LibraryError(f"take {take_id} has no file at {take.path}; discard it instead")
        if sidecar is not None:
            self._write_sidecar_file(take, sidecar)
        make_private(take.path)
        with self._writing() as conn:
            conn.execute(
                "UPDATE takes SET state = ?, duration = ?, capture = ? WHERE id = ?",
                (state.value, duration, to_json(sidecar or {}), take_id),
            )
            finished = self._load_take(conn, take_id)
        self._recording.discard(take_id)
        return finished

    def discard_take(self, take_id: int) -> None:
        """Delete a take the user threw away: its file first, so a crash leaves no orphan."""
        with self._reading() as conn:
            take = self._load_take(conn, take_id)
        self._path_of(take)
        assert take.path is not None
        for path in (
            take.path,
            sidecar_for(take.path),
            take.path.with_name(f".{take.path.name}.finalizing"),
        ):
            path.unlink(missing_ok=True)
        with self._writing() as conn:
            conn.execute("DELETE FROM takes WHERE id = ?", (take_id,))
        self._recording.discard(take_id)

    def write_sidecar(self, take_id: int, data: dict[str, object]) -> Path:
        """Merge ``data`` into the take's ``.json`` sidecar (created if missing)."""
        with self._reading() as conn:
            take = self._load_take(conn, take_id)
        return self._write_sidecar_file(take, data)

    def _write_sidecar_file(self, take: Take, data: dict[str, object]) -> Path:
        path = sidecar_for(self._path_of(take))
        merged: dict[str, object] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            merged = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            pass
        merged.update(data)
        with self._reading() as conn:
            question = self._load_question(conn, take.question_id)
        merged["library"] = {
            "take_id": take.id,
            "question_id": take.question_id,
            "question": question.prompt,
            "number": take.number,
            "created": stamp(take.created),
        }
        write_json_atomic(path, merged, mode=0o600)
        return path

    # Reading

    def get_take(self, take_id: int) -> Take:
        with self._reading() as conn:
            return self._load_take(conn, take_id)

    def list_takes(
        self,
        question_id: int | None = None,
        *,
        include_trashed: bool = False,
    ) -> list[Take]:
        """Takes in recording order; trashed ones (or a trashed question's) only on request."""
        where, params = ["1 = 1"], []
        if question_id is not None:
            where.append("t.question_id = ?")
            params.append(question_id)
        if not include_trashed:
            where.append("t.state != 'trashed' AND q.trashed_at IS NULL")
        with self._reading() as conn:
            if question_id is not None:
                self._load_question(conn, question_id)
            rows = conn.execute(
                f"SELECT {TAKE_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id "
                f"WHERE {' AND '.join(where)} ORDER BY t.question_id, t.number",
                params,
            ).fetchall()
        return [self._with_path(row) for row in rows]

    def comfort_by_question(self) -> dict[int, list[int | None]]:
        """Every question's comfort ratings in recording order (None: unrated), trash left out.

        One narrow query, so the Library can draw its trends without a background job.
        """
        ratings: dict[int, list[int | None]] = {}
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT t.question_id, t.comfort FROM takes t "
                "JOIN questions q ON q.id = t.question_id "
                "WHERE t.state != 'trashed' AND q.trashed_at IS NULL "
                "ORDER BY t.question_id, t.number"
            ).fetchall()
        for question_id, comfort in rows:
            ratings.setdefault(int(question_id), []).append(comfort)
        return ratings

    # Annotating

    def rate_take(self, take_id: int, comfort: int | None) -> Take:
        try:
            comfort = validate_comfort(comfort)
        except DomainError as exc:
            raise LibraryError(str(exc)) from None
        return self._set(take_id, "comfort", comfort)

    def note_take(self, take_id: int, notes: str) -> Take:
        return self._set(take_id, "notes", notes)

    def set_transcript(self, take_id: int, transcript: str) -> Take:
        return self._set(take_id, "transcript", transcript)

    def set_metrics(self, take_id: int, metrics: dict[str, object]) -> Take:
        return self._set(take_id, "metrics", to_json(metrics))

    def star_take(self, take_id: int, starred: bool = True) -> Take:
        """Star a take as its question's best; the previous best loses its star."""
        with self._writing() as conn:
            take = self._load_take(conn, take_id)
            if starred and not take.state.playable:
                raise LibraryError(
                    f"take {take_id} is {take.state.value}; only a finished take can be the best"
                )
            if starred:
                conn.execute(
                    "UPDATE takes SET starred = 0 WHERE question_id = ? AND starred = 1",
                    (take.question_id,),
                )
            conn.execute("UPDATE takes SET starred = ? WHERE id = ?", (int(starred), take_id))
            return self._load_take(conn, take_id)

    def _set(self, take_id: int, column: str, value: object) -> Take:
        with self._writing() as conn:
            self._load_take(conn, take_id)
            conn.execute(f"UPDATE takes SET {column} = ? WHERE id = ?", (value, take_id))
            return self._load_take(conn, take_id)
