"""The library: one folder holding the database, the media and the backups.

with Library.open(folder) as library:
    take = library.begin_take(question.id, devices)
    ...  # the recorder writes take.path
    library.finish_take(take.id, duration)
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import TracebackType

from taketwo.domain.formatting import disk_full_text
from taketwo.files import create_private
from taketwo.paths import default_library
from taketwo.storage.analyses import AnalysisStore
from taketwo.storage.archive import ArchiveStore
from taketwo.storage.backups import backup_due, make_backup, newest_sound_backup
from taketwo.storage.debrief import DebriefStore
from taketwo.storage.errors import LibraryCorrupt, LibraryError, disk_full
from taketwo.storage.feedback import FeedbackStore
from taketwo.storage.layout import (
    BACKUPS_DIR,
    LIBRARY_ENTRIES,
    LibraryLayout,
    ensure_private_dir,
    make_private,
    refuse_linked_names,
)
from taketwo.storage.lock import LibraryLock
from taketwo.storage.media_import import MediaImportStore
from taketwo.storage.repair import CheckStore
from taketwo.storage.schema import (
    CORRUPT_CODES,
    connect,
    latest_version,
    migrate,
    unreadable_text,
    user_version,
)
from taketwo.storage.search import SearchStore
from taketwo.storage.temp_files import clean_temp, make_temp_dir
from taketwo.storage.trash import TrashStore


class Library(
    CheckStore,
    TrashStore,
    SearchStore,
    MediaImportStore,
    ArchiveStore,
    DebriefStore,
    FeedbackStore,
    AnalysisStore,
):
    """Interviews, mistakes, questions and takes in one folder. One writer process at a time."""

    @classmethod
    def open(
        cls,
        folder: Path | str | None = None,
        *,
        create: bool = True,
        readonly: bool = False,
        purpose: str = "",
        wait: float = 0.0,
    ) -> Library:
        """Open (or create) the library in ``folder`` (default: :func:`default_library`).

        A writable open takes the library lock (:class:`LibraryLocked` if another process has
        it), backs the database up and migrates it. ``readonly`` takes no lock, so it works
        while another process writes; it never changes anything. ``wait`` is how long a
        writable open waits for another process to release the lock.
        """
        layout = LibraryLayout(Path(folder or default_library()).expanduser().absolute())
        if readonly:
            return cls._open_readonly(layout, create, purpose)
        _prepare_folder(layout, create)
        lock = LibraryLock(layout.lock_path)
        lock.acquire(purpose, wait)
        try:
            conn = _open_database(layout)
        except BaseException:
            lock.release()
            raise
        clean_temp(layout.folder)  # left by a run that was killed
        return cls(layout, conn, lock, readonly=False)

    @classmethod
    def _open_readonly(cls, layout: LibraryLayout, create: bool, purpose: str) -> Library:
        refuse_linked_names(layout.folder)
        if not layout.db_path.is_file():
            if not create:
                raise LibraryError(f"there is no Take Two library in {layout.folder}")
            cls.open(layout.folder, create=True, purpose=purpose).close()
        try:
            conn = _connect_readonly(layout)
            version = user_version(conn)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise _failure(layout, exc) from exc
        if version != latest_version():
            conn.close()
            cls.open(layout.folder, create=create, purpose=purpose).close()  # migrates it
            conn = _connect_readonly(layout)
        return cls(layout, conn, None, readonly=True)

    def close(self) -> None:
        with self._guard:
            if self._conn is None:
                return
            conn, self._conn = self._conn, None
            try:
                if not self.readonly:
                    conn.execute("PRAGMA optimize")
            except sqlite3.DatabaseError:
                pass
            finally:
                conn.close()
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def temp_folder(self, purpose: str) -> Path:
        """A new private folder in ``<library>/.tmp`` for one job's temporary copies."""
        return make_temp_dir(self.folder, purpose)

    def backup_now(self, reason: str = "manual") -> Path:
        with self._reading() as conn:
            return make_backup(conn, self.layout, reason)

    def schema_version(self) -> int:
        with self._reading() as conn:
            return user_version(conn)


def _connect_readonly(layout: LibraryLayout) -> sqlite3.Connection:
    """Read-only; in a folder the user made read-only, and with no WAL left to read, SQLite
    cannot make its WAL index there, so the file is read as it is."""
    wal = layout.db_path.with_name(layout.db_path.name + "-wal")
    conn = None
    try:
        conn = connect(layout.db_path, readonly=True)
        user_version(conn)
        return conn
    except sqlite3.DatabaseError:
        if conn is not None:
            conn.close()
        unwritable = not os.access(layout.folder, os.W_OK) or disk_full(layout.folder)
        if not unwritable or (wal.exists() and wal.stat().st_size > 0):
            raise
    return connect(layout.db_path, readonly=True, immutable=True)


def _prepare_folder(layout: LibraryLayout, create: bool) -> None:
    folder = layout.folder
    if folder.exists() and not folder.is_dir():
        raise LibraryError(f"{folder} is a file, not a library folder")
    if not layout.db_path.exists():
        if not create:
            raise LibraryError(f"there is no Take Two library in {folder}")
        if folder.is_dir():
            strangers = sorted(
                n for n in os.listdir(folder) if n not in LIBRARY_ENTRIES and not n.startswith(".")
            )
            if strangers:
                raise LibraryError(
                    f"{folder} is not a Take Two library (it holds {strangers[0]!r} and "
                    f"{len(strangers) - 1} other entries); choose an empty folder"
                )
    ensure_private_dir(folder)
    refuse_linked_names(folder)


def _open_database(layout: LibraryLayout) -> sqlite3.Connection:
    existed = layout.db_path.exists()
    try:
        if not existed:  # SQLite gives its WAL and journal files the database's mode
            create_private(layout.db_path)
        conn = connect(layout.db_path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise _failure(layout, exc) from exc
    try:
        for path in (
            layout.db_path,
            layout.db_path.with_name(layout.db_path.name + "-wal"),
            layout.db_path.with_name(layout.db_path.name + "-shm"),
        ):
            make_private(path)
        version = user_version(conn)
        if existed and version > 0:
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise LibraryCorrupt(layout.db_path, str(check), _newest_backup(layout))
        ensure_private_dir(layout.folder / BACKUPS_DIR)
        ensure_private_dir(layout.media_dir)
        migrate(
            conn, backup=lambda old, new: make_backup(conn, layout, f"migration-v{old}-to-v{new}")
        )
        if version > 0 and backup_due(layout):
            make_backup(conn, layout, "daily")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        conn.close()
        raise _failure(layout, exc) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _newest_backup(layout: LibraryLayout) -> Path | None:
    backup = newest_sound_backup(layout)
    return backup.path if backup else None


_TOOBIG = 18  # SQLITE_TOOBIG


def _failure(
    layout: LibraryLayout, exc: sqlite3.DatabaseError | UnicodeDecodeError
) -> LibraryError:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if unreadable_text(exc):
        return LibraryCorrupt(
            layout.db_path, "some of its text is unreadable bytes", _newest_backup(layout)
        )
    if code in CORRUPT_CODES or code == _TOOBIG:  # opening reads no value that large: damage
        return LibraryCorrupt(layout.db_path, str(exc), _newest_backup(layout))
    if disk_full(layout.folder):
        return LibraryError(disk_full_text(layout.folder))
    return LibraryError(f"cannot open the library database {layout.db_path} ({exc})")
