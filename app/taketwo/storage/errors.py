"""Errors the library raises. Every message is one line meant for the user."""

from __future__ import annotations

from pathlib import Path


class LibraryError(Exception):
    """Something the user can act on: a missing item, a bad file, a library in use."""


class NotFound(LibraryError):
    """No interview, mistake, question or take with that id."""


class LibraryLocked(LibraryError):
    """Another Take Two process has the library open for writing."""

    def __init__(self, message: str, pid: int | None = None) -> None:
        super().__init__(message)
        self.pid = pid


class LibraryCorrupt(LibraryError):
    """The database file is damaged; ``backup`` is the newest automatic backup, if any."""

    def __init__(self, db_path: Path, reason: str, backup: Path | None) -> None:
        super().__init__(f"the library database {db_path} is damaged ({reason})")
        self.db_path = db_path
        self.reason = reason
        self.backup = backup


class ReadOnlyLibrary(LibraryError):
    """A write was attempted on a library opened with ``readonly=True``."""


def disk_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has (next to) no room left: SQLite reports a full
    disk as a plain I/O error when it cannot even create its journal or WAL index."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < 1 << 20
    except OSError:
        return False
