"""Opening the database and bringing its schema up to date.

Migrations are numbered SQL files (``migrations/0001_initial.sql``...) applied in order, each in
its own transaction, with ``PRAGMA user_version`` recording the last one applied.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from taketwo.storage.errors import LibraryError

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# SQLite result codes that mean the file itself is damaged.
CORRUPT_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB


def unreadable_text(exc: BaseException) -> bool:
    """Bytes that are not UTF-8 where the database promised text: a damaged row, or SQLite's
    error message quoting a damaged page. Python raises these, not SQLite, so no code says so."""
    return isinstance(exc, UnicodeDecodeError) or (
        isinstance(exc, sqlite3.OperationalError)
        and str(exc).startswith("Could not decode to UTF-8")
    )


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    folder = resources.files("taketwo.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.name for m in found]}")
    return tuple(found)


def latest_version() -> int:
    return len(migrations())


def connect(
    path: Path,
    *,
    readonly: bool = False,
    immutable: bool = False,
) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), shared across threads.

    ``immutable`` reads a database in a folder nobody may write (no WAL index can be made
    there); only safe when no other process writes it.
    """
    if readonly:
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{flags}",
            uri=True,
            timeout=10,
            isolation_level=None,
            check_same_thread=False,
        )
    else:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a finished take's row survives a power cut, not only a crash.
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    backup: Callable[[int, int], object] | None = None,
    target: int | None = None,
) -> tuple[int, int]:
    """Apply pending migrations up to ``target`` (default: all); ``backup(old, new)`` runs first
    when the database already holds a schema. Returns (old version, new version)."""
    available = migrations()
    target = len(available) if target is None else target
    current = user_version(conn)
    if current > len(available):
        raise LibraryError(
            f"this library was written by a newer Take Two (schema v{current}; this version "
            f"knows up to v{len(available)}); update Take Two to open it"
        )
    pending = [m for m in available if current < m.version <= target]
    if not pending:
        return current, current
    if current > 0 and backup is not None:
        backup(current, target)
    conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds must not cascade
    try:
        for migration in pending:
            _apply(conn, migration)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return current, target


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    try:
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{migration.sql}\n;PRAGMA user_version = {migration.version};"
        )
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise LibraryError(
                f"migration {migration.name} left {len(problems)} broken references; "
                "the library was not changed"
            )
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if isinstance(exc, sqlite3.DatabaseError) and code not in CORRUPT_CODES:
            raise LibraryError(
                f"could not upgrade the library to schema v{migration.version} "
                f"({exc}); it was left unchanged"
            ) from exc
        raise
