"""Automatic copies of the database: before every migration and once a day, newest kept.

A damaged database is restored from the newest backup that passes ``quick_check``; the damaged
file is kept beside the backups, never deleted.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from taketwo.files import create_private, fsync_dir
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import LibraryLayout, ensure_private_dir, make_private

DAILY_INTERVAL = 20 * 3600  # seconds; "daily" without drifting later every day
KEEP = {"daily": 7, "migration": 5, "restore": 3, "import": 3}


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    reason: str
    created: datetime


def backup_name(reason: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"taketwo-{stamp}-{reason}.sqlite3"


def list_backups(layout: LibraryLayout) -> list[Backup]:
    """Backups, newest first."""
    found = []
    if layout.backups_dir.is_dir():
        for path in layout.backups_dir.glob("taketwo-*.sqlite3"):
            parts = path.stem.split("-", 2)
            if len(parts) != 3:
                continue
            try:
                created = datetime.strptime(parts[1], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
            except ValueError:
                continue
            found.append(Backup(path, parts[2], created))
    found.sort(key=lambda b: b.created, reverse=True)
    return found


def make_backup(conn: sqlite3.Connection, layout: LibraryLayout, reason: str) -> Path:
    """Copy the live database with SQLite's online backup (consistent even mid-WAL)."""
    ensure_private_dir(layout.backups_dir)
    dest = layout.backups_dir / backup_name(reason)
    tmp = dest.with_name(f".{dest.name}.partial")
    create_private(tmp)  # SQLite would create it with the umask's mode
    target = sqlite3.connect(tmp)
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    make_private(tmp)
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    _prune(layout, reason.split("-", 1)[0])
    return dest


def backup_due(layout: LibraryLayout, now: float | None = None) -> bool:
    newest = next(iter(list_backups(layout)), None)
    if newest is None:
        return True
    now = time.time() if now is None else now
    return now - newest.created.timestamp() >= DAILY_INTERVAL


def _prune(layout: LibraryLayout, family: str) -> None:
    keep = KEEP.get(family, 3)
    same = [b for b in list_backups(layout) if b.reason.split("-", 1)[0] == family]
    for old in same[keep:]:
        old.path.unlink(missing_ok=True)


def is_sound(path: Path) -> bool:
    """Whether the SQLite file at ``path`` opens and passes ``quick_check``."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            return row is not None and row[0] == "ok"
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False


def newest_sound_backup(layout: LibraryLayout) -> Backup | None:
    return next((b for b in list_backups(layout) if is_sound(b.path)), None)


def restore_backup(layout: LibraryLayout, backup: Backup | None = None) -> Backup:
    """Put ``backup`` (default: the newest sound one) in place of the database.

    The caller must hold the library lock. The replaced database, with its WAL, is moved into
    ``backups/`` as ``damaged-…`` so nothing is thrown away.
    """
    backup = backup or newest_sound_backup(layout)
    if backup is None:
        raise LibraryError(f"no usable backup in {layout.backups_dir}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("", "-wal", "-shm", "-journal"):
        current = layout.db_path.with_name(layout.db_path.name + suffix)
        if current.exists():
            os.replace(current, layout.backups_dir / f"damaged-{stamp}.sqlite3{suffix}")
    tmp = layout.db_path.with_name(f".{layout.db_path.name}.restoring")
    source = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
    create_private(tmp)  # SQLite would create it with the umask's mode
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    make_private(tmp)
    os.replace(tmp, layout.db_path)
    fsync_dir(layout.folder)
    return backup
