"""What an archive may hold before anything in it is trusted.

An archive comes from outside: its manifest, its entry names and the rows in its database are
all checked here, and anything that does not fit the library's layout rejects the whole
archive with one line, before a single file is placed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard, cast

from taketwo.files import TooDeep, nesting_checked
from taketwo.storage.archive_attached import ATTACHED, check_attached
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import MEDIA_DIR, MEDIA_EXTENSIONS, TRASH_DIR, is_plain_name
from taketwo.storage.rows import (
    from_json_dict,
    interview_from_row,
    mistake_from_row,
    question_from_row,
    take_from_row,
)
from taketwo.storage.schema import latest_version, migrate, user_version

FORMAT = "taketwo-library-archive"
FORMAT_VERSION = 1
MANIFEST = "taketwo-archive.json"
DB_ENTRY = "library/taketwo.sqlite3"
TABLES = ("interviews", "mistakes", "questions", "takes")
MAX_MANIFEST = 64 << 20  # bytes; the manifest lists files, it is never large
# An entry unpacking to more than BOMB_RATIO times its packed size (past BOMB_FLOOR bytes) is
# a zip bomb, not a library: media is stored uncompressed and a database packs a few times.
BOMB_RATIO = 100
BOMB_FLOOR = 16 << 20
MAX_ROW_ID = 2**31 - 1  # no library holds more rows; a larger id only breaks later inserts
FREE_SPACE_RESERVE = 64 << 20  # left free on the library's disk after an import


def damaged(name: str, why: str) -> LibraryError:
    return LibraryError(f"{name} is damaged or from a newer Take Two ({why}); nothing was imported")


def file_entry(entry: str) -> bool:
    """An archive entry for a file under media/ or trash/, at most one folder deep."""
    parts = PurePosixPath(entry).parts
    return (
        len(parts) in (3, 4)
        and parts[0] == "library"
        and parts[1] in (MEDIA_DIR, TRASH_DIR)
        and not entry.endswith("/")
        and all(is_plain_name(p) for p in parts[2:])
    )


def _folder_entry(entry: str) -> bool:
    parts = PurePosixPath(entry).parts
    return (
        entry.endswith("/")
        and 1 <= len(parts) <= 3
        and parts[0] == "library"
        and (len(parts) < 2 or parts[1] in (MEDIA_DIR, TRASH_DIR))
        and all(is_plain_name(p) for p in parts[2:])
    )


def read_manifest(src: Path) -> dict[str, Any]:
    """The archive's manifest, its fields type-checked; :class:`LibraryError` otherwise."""
    if not src.is_file():
        raise LibraryError(f"no such file: {src}")
    if not zipfile.is_zipfile(src):
        raise LibraryError(f"{src.name} is not a Take Two archive (not a ZIP file)")
    try:
        with zipfile.ZipFile(src) as zf:
            info = zf.getinfo(MANIFEST)
            zf.getinfo(DB_ENTRY)
            if info.file_size > MAX_MANIFEST:
                raise damaged(src.name, "its manifest is far too large")
            manifest = json.loads(nesting_checked(zf.read(MANIFEST).decode("utf-8")))
    except TooDeep as exc:
        raise damaged(src.name, f"its manifest {exc}") from None
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise LibraryError(f"{src.name} is not a Take Two archive ({exc})") from None
    except OSError as exc:
        raise LibraryError(f"cannot read {src.name} ({exc.strerror or exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise LibraryError(f"{src.name} is not a Take Two archive")
    version, schema = manifest.get("format_version"), manifest.get("schema")
    if not (_whole(version) and _whole(schema)) or schema < 1 or version < 1:
        raise damaged(src.name, "its manifest's format_version or schema is not a number")
    if version > FORMAT_VERSION or schema > latest_version():
        raise LibraryError(f"{src.name} comes from a newer Take Two; update Take Two first")
    files = manifest.get("files", {})
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and _whole(v) and v >= 0 and file_entry(f"library/{k}")
        for k, v in files.items()
    ):
        raise damaged(src.name, "its manifest lists files that are not library files")
    if not isinstance(manifest.get("counts", {}), dict):
        raise damaged(src.name, "its manifest's counts are not a table")
    return manifest


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def check_entries(zf: zipfile.ZipFile, name: str, folder: Path) -> set[str]:
    """The archive's media and trash file entries, once every entry is known to be a plain
    file with a safe name and the whole fits on the library's disk."""
    files: set[str] = set()
    seen: set[str] = set()
    total = packed = 0
    for info in zf.infolist():
        entry = info.filename
        if entry in seen:
            raise damaged(name, f"it holds {entry!r} twice")
        seen.add(entry)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise damaged(name, f"{entry!r} is a symbolic link")
        if info.flag_bits & 0x1:
            raise damaged(name, f"{entry!r} is encrypted")
        if entry in (MANIFEST, DB_ENTRY) or _folder_entry(entry):
            pass
        elif file_entry(entry):
            files.add(entry)
        else:
            raise damaged(name, f"it holds {entry!r}, which is not a library file")
        if info.file_size > BOMB_FLOOR and info.file_size > BOMB_RATIO * max(1, info.compress_size):
            raise LibraryError(
                f"{name} looks like a zip bomb: {entry} would unpack to "
                f"{info.file_size / 1e6:.0f} MB from "
                f"{info.compress_size / 1e6:.1f} MB; nothing was imported"
            )
        total += info.file_size
        packed += info.compress_size
    if total > BOMB_FLOOR and total > BOMB_RATIO * max(1, packed):
        raise LibraryError(
            f"{name} looks like a zip bomb: it would unpack to {total / 1e6:.0f} MB from "
            f"{packed / 1e6:.1f} MB; nothing was imported"
        )
    free = shutil.disk_usage(folder).free
    if total + FREE_SPACE_RESERVE > free:
        raise LibraryError(
            f"{name} unpacks to {total / 1e6:.0f} MB but the disk holding "
            f"{folder} has {free / 1e6:.0f} MB free; free some space first"
        )
    return files


def read_rows(
    snapshot: Path,
    manifest: dict[str, Any],
    name: str,
) -> dict[str, list[dict[str, Any]]]:
    """Every row of the archive's database, each checked to read as a domain object and to
    name only plain folder and file names."""
    try:
        conn = sqlite3.connect(
            f"{snapshot.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None
        )
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise damaged(name, f"its database cannot be read: {exc}") from None
    conn.row_factory = sqlite3.Row
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise damaged(name, "its database fails SQLite's check")
        version = user_version(conn)
        if version > latest_version():
            raise LibraryError(f"{name} comes from a newer Take Two; update Take Two first")
        if version != manifest["schema"]:
            raise damaged(
                name, f"its database is schema v{version}, its manifest says v{manifest['schema']}"
            )
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise damaged(name, "rows in its database point at rows that do not exist")
        migrate(conn)
        rows = {
            table: [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
            for table in TABLES
        }
        for table in ATTACHED:  # in their order of insertion (rowid: no id on some)
            rows[table] = [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise damaged(name, f"its database cannot be read: {exc}") from None
    except LibraryError as exc:
        if "newer Take Two" in str(exc) or "damaged" in str(exc):
            raise
        raise damaged(name, str(exc)) from None
    finally:
        conn.close()
    _check_rows(rows, name)
    check_attached(rows, lambda why: damaged(name, why))
    return rows


_READERS = {
    "interviews": interview_from_row,
    "mistakes": mistake_from_row,
    "questions": question_from_row,
    "takes": take_from_row,
}


def _check_rows(rows: dict[str, list[dict[str, Any]]], name: str) -> None:
    for table in TABLES:
        for row in rows[table]:
            try:
                _READERS[table](cast(sqlite3.Row, row))  # a dict reads the same way
                if table == "takes":
                    from_json_dict(row["capture"])
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                raise damaged(name, f"{table} row {row.get('id')} cannot be read: {exc}") from None
            if not (isinstance(row.get("id"), int) and 1 <= row["id"] <= MAX_ROW_ID):
                raise damaged(name, f"a {table} row has no proper id")
    for question in rows["questions"]:
        if not is_plain_name(question["folder"]):
            raise LibraryError(
                f"{name} names a question folder {question['folder']!r} that is "
                "not a plain folder name; nothing was imported"
            )
    for take in rows["takes"]:
        file_name = take["file_name"]
        if (
            not is_plain_name(file_name)
            or PurePosixPath(str(file_name)).suffix.lower() not in MEDIA_EXTENSIONS
        ):
            raise LibraryError(
                f"{name} names a take file {file_name!r} that is not a plain "
                "media file name; nothing was imported"
            )
