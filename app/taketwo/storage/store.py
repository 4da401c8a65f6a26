"""The connection every library component shares: one lock, short explicit transactions.

One ``sqlite3`` connection serves every thread, guarded by a re-entrant lock: the GUI thread
reads, a single writer writes, and no method holds the lock for longer than one transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from taketwo.domain import Question, Take, TakeState
from taketwo.domain.formatting import disk_full_text
from taketwo.storage.errors import (
    LibraryCorrupt,
    LibraryError,
    NotFound,
    ReadOnlyLibrary,
    disk_full,
)
from taketwo.storage.layout import LibraryLayout, UnsafePath
from taketwo.storage.lock import LibraryLock
from taketwo.storage.rows import TAKE_COLUMNS, question_from_row, take_from_row
from taketwo.storage.schema import CORRUPT_CODES, unreadable_text

_FULL, _BUSY, _READONLY, _IOERR, _CANTOPEN = 13, 5, 8, 10, 14


class Store:
    """State and helpers shared by the parts of :class:`~taketwo.storage.Library`."""

    def __init__(
        self,
        layout: LibraryLayout,
        conn: sqlite3.Connection,
        lock: LibraryLock | None,
        readonly: bool,
    ) -> None:
        self.layout = layout
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._guard = threading.RLock()
        self._recording: set[int] = set()  # takes begun by this process and not yet finished

    @property
    def folder(self) -> Path:
        return self.layout.folder

    @property
    def closed(self) -> bool:
        return self._conn is None

    @property
    def changes(self) -> int:
        """Rows this connection has written since the library was opened (goes up on every
        write, so a listener can tell a write went unannounced)."""
        return self._conn.total_changes if self._conn is not None else 0

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError("the library is closed")
        return self._conn

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._guard:
            conn = self._connection()
            try:
                yield conn
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise self._translate(exc) from exc

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls the whole of it back."""
        if self.readonly:
            raise ReadOnlyLibrary("the library was opened read-only")
        with self._guard:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise self._translate(exc) from exc

    def _translate(self, exc: sqlite3.DatabaseError | UnicodeDecodeError) -> Exception:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        db = self.layout.db_path
        # Text that does not decode: bytes of a damaged page read as a row or an error message.
        if code in CORRUPT_CODES or unreadable_text(exc):
            from taketwo.storage.backups import newest_sound_backup

            backup = newest_sound_backup(self.layout)
            return LibraryCorrupt(db, str(exc), backup.path if backup else None)
        if code == _FULL or (code in (_IOERR, _CANTOPEN) and disk_full(db.parent)):
            return LibraryError(disk_full_text(db.parent))
        if code == _BUSY:
            return LibraryError(f"the library database {db} is busy; another program is using it")
        if code == _READONLY:
            return LibraryError(f"the library database {db} cannot be written (read-only)")
        if code in (_IOERR, _CANTOPEN):
            return LibraryError(f"could not read or write the library database {db} ({exc})")
        return exc

    # Loaders shared by several parts; callers hold the connection.

    def _load_question(self, conn: sqlite3.Connection, question_id: int) -> Question:
        row = conn.execute("SELECT * FROM questions WHERE id = ?", (question_id,)).fetchone()
        if row is None:
            raise NotFound(f"no question with id {question_id}")
        return question_from_row(row)

    def _load_take(self, conn: sqlite3.Connection, take_id: int) -> Take:
        row = conn.execute(
            f"SELECT {TAKE_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id "
            "WHERE t.id = ?",
            (take_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no take with id {take_id}")
        return self._with_path(row)

    def _with_path(self, row: sqlite3.Row) -> Take:
        """The take with its path; ``None`` when its stored names would lead out of the
        library, so it can still be listed but nothing touches a file for it."""
        take = take_from_row(row)
        with contextlib.suppress(UnsafePath):
            take.path = self.layout.take_path(
                row["question_folder"],
                take.file_name,
                trashed=take.state is TakeState.TRASHED or row["question_trashed_at"] is not None,
            )
        return take

    def _path_of(self, take: Take) -> Path:
        if take.path is None:
            raise UnsafePath(
                f"take {take.id}'s stored file name {take.file_name!r} leads "
                "outside the library; it was left alone"
            )
        return take.path
