"""One-file export of a whole library, and importing such an archive back.

The archive is a ZIP: ``taketwo-archive.json`` (a manifest), ``library/taketwo.sqlite3`` (a
consistent snapshot) and every file under ``library/media/`` and ``library/trash/``. Importing
into an empty library keeps every id; into a library with content it adds everything with new
ids. Rows and files land together or not at all.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from taketwo import __version__
from taketwo.domain import utc_now
from taketwo.files import fsync_dir
from taketwo.storage.backups import make_backup
from taketwo.storage.check import FolderListing
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import (
    MEDIA_DIR,
    MEDIA_EXTENSIONS,
    TRASH_DIR,
    ensure_private_dir,
    make_private,
    question_folder_name,
)
from taketwo.storage.rows import insert_sql
from taketwo.storage.schema import latest_version, migrate, user_version
from taketwo.storage.store import Store

FORMAT = "taketwo-library-archive"
FORMAT_VERSION = 1
MANIFEST = "taketwo-archive.json"
DB_ENTRY = "library/taketwo.sqlite3"
STAGING = ".import-staging"
_TABLES = ("interviews", "mistakes", "questions", "takes")


@dataclass(slots=True)
class ArchiveSummary:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)  # rows whose file was not there
    skipped_files: list[str] = field(default_factory=list)  # loose files that would overwrite
    kept_ids: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "counts": self.counts, "files": self.files,
                "missing_files": self.missing_files, "skipped_files": self.skipped_files,
                "kept_ids": self.kept_ids}


class ArchiveStore(Store):
    def export_archive(self, dest: Path) -> ArchiveSummary:
        """Write the whole library (trash included) to the ZIP file ``dest``."""
        dest = Path(dest).absolute()
        if dest.exists():
            raise LibraryError(f"{dest} already exists; choose another name")
        if self.folder in dest.parents:
            raise LibraryError("write the archive outside the library folder")
        if not dest.parent.is_dir():
            raise LibraryError(f"no such folder: {dest.parent}")
        summary = ArchiveSummary(dest)
        partial = dest.with_name(f".{dest.name}.partial")
        with tempfile.TemporaryDirectory(prefix="taketwo-export-") as tmp:
            snapshot = Path(tmp) / "taketwo.sqlite3"
            with self._reading() as conn:
                target = sqlite3.connect(snapshot)
                try:
                    conn.backup(target)
                    target.execute("PRAGMA journal_mode = DELETE")
                    for table in _TABLES:
                        summary.counts[table] = target.execute(
                            f"SELECT count(*) FROM {table}").fetchone()[0]
                finally:
                    target.close()
            files = {rel: size for rel, size in FolderListing.scan(self.folder).sizes.items()
                     if not rel.rsplit("/", 1)[-1].startswith(".")}
            manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                        "schema": latest_version(), "app_version": __version__,
                        "created": utc_now().isoformat(), "counts": summary.counts,
                        "files": files}
            try:
                with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
                    zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False),
                                compress_type=zipfile.ZIP_DEFLATED)
                    zf.write(snapshot, DB_ENTRY, compress_type=zipfile.ZIP_DEFLATED)
                    for rel in sorted(files):
                        packed = os.path.splitext(rel)[1].lower() in MEDIA_EXTENSIONS
                        zf.write(self.folder / rel, f"library/{rel}",
                                 compress_type=zipfile.ZIP_STORED if packed
                                 else zipfile.ZIP_DEFLATED)
                with open(partial, "rb+") as f:
                    os.fsync(f.fileno())
                make_private(partial)
                os.replace(partial, dest)
            finally:
                partial.unlink(missing_ok=True)
        summary.files = len(files)
        fsync_dir(dest.parent)
        return summary

    def import_archive(self, src: Path) -> ArchiveSummary:
        """Add everything in the archive ``src`` to this library.

        Files are unpacked into a staging folder first, without holding the database, then
        rows are inserted and files renamed into place in one short transaction.
        """
        src = Path(src)
        manifest = read_manifest(src)
        if int(manifest.get("schema", 0)) > latest_version():
            raise LibraryError(f"{src.name} comes from a newer Take Two; update Take Two first")
        summary = ArchiveSummary(src)
        staging = self.folder / STAGING
        shutil.rmtree(staging, ignore_errors=True)  # left by an import that was killed
        placed: list[Path] = []
        try:
            with zipfile.ZipFile(src) as zf:
                snapshot = ensure_private_dir(staging) / "archive.sqlite3"
                _extract(zf, DB_ENTRY, snapshot)
                rows = _read_rows(snapshot, src.name)
                names = {e for e in zf.namelist() if _file_entry(e)}
                for entry in sorted(names):
                    target = staging / entry
                    ensure_private_dir(target.parent)
                    _extract(zf, entry, target)
            with self._reading() as conn:
                make_backup(conn, self.layout, "import")
            with self._writing() as conn:
                kept = not any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                               for t in _TABLES)
                plan = _insert_rows(conn, rows, kept)
                for entry, final, owned in self._file_plan(names, rows, plan, summary):
                    if final.exists():
                        if owned:
                            raise LibraryError(f"importing would overwrite {final}; move it "
                                               "away (or adopt it with `library check "
                                               "--repair`) and import again")
                        summary.skipped_files.append(entry.removeprefix("library/"))
                        continue
                    ensure_private_dir(final.parent)
                    os.replace(staging / entry, final)
                    placed.append(final)
                summary.kept_ids = kept
        except BaseException:
            for final in placed:
                final.unlink(missing_ok=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        summary.counts = {table: len(rows[table]) for table in _TABLES}
        summary.files = len(placed)
        return summary

    def _file_plan(self, names: set[str], rows: dict[str, list[dict[str, Any]]],
                   plan: _IdPlan, summary: ArchiveSummary) -> list[tuple[str, Path, bool]]:
        """(archive entry, destination, belongs to a take) for every file in the archive."""
        folders = {q["folder"] for q in rows["questions"]}
        out: list[tuple[str, Path, bool]] = []
        claimed: set[str] = set()
        for take in rows["takes"]:
            question = plan.question_by_old[take["question_id"]]
            trashed = take["state"] == "trashed" or question["trashed_at"] is not None
            root = TRASH_DIR if trashed else MEDIA_DIR
            stem = os.path.splitext(take["file_name"])[0]
            for name in (take["file_name"], f"{stem}.json"):
                entry = f"library/{root}/{question['folder']}/{name}"
                claimed.add(entry)
                if entry in names:
                    out.append((entry, self.folder / root / plan.folders[question["folder"]]
                                / name, True))
                elif name == take["file_name"]:
                    summary.missing_files.append(entry.removeprefix("library/"))
        for entry in sorted(names - claimed):
            parts = PurePosixPath(entry).parts
            if len(parts) == 4:
                folder = plan.folders[parts[2]] if parts[2] in folders else parts[2]
                out.append((entry, self.folder / parts[1] / folder / parts[3], False))
            else:
                out.append((entry, self.folder / parts[1] / parts[2], False))
        return out


def _file_entry(entry: str) -> bool:
    """An archive entry for a file under media/ or trash/, at most one folder deep."""
    parts = PurePosixPath(entry).parts
    return (len(parts) in (3, 4) and parts[0] == "library" and parts[1] in (MEDIA_DIR, TRASH_DIR)
            and not entry.endswith("/")
            and all(p not in ("", ".", "..") and "\\" not in p and not p.startswith(".")
                    for p in parts))


@dataclass(slots=True)
class _IdPlan:
    folders: dict[str, str] = field(default_factory=dict)  # archive folder -> library folder
    question_by_old: dict[int, dict[str, Any]] = field(default_factory=dict)


def read_manifest(src: Path) -> dict[str, Any]:
    if not src.is_file():
        raise LibraryError(f"no such file: {src}")
    if not zipfile.is_zipfile(src):
        raise LibraryError(f"{src.name} is not a Take Two archive (not a ZIP file)")
    try:
        with zipfile.ZipFile(src) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            zf.getinfo(DB_ENTRY)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise LibraryError(f"{src.name} is not a Take Two archive ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise LibraryError(f"{src.name} is not a Take Two archive")
    return manifest


def _extract(zf: zipfile.ZipFile, entry: str, dest: Path) -> None:
    try:
        with zf.open(entry) as fin, open(dest, "wb") as fout:
            while chunk := fin.read(1 << 20):
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise LibraryError(f"the archive is damaged: cannot read {entry} ({exc})") from None
    make_private(dest)


def _read_rows(snapshot: Path, label: str) -> dict[str, list[dict[str, Any]]]:
    try:
        conn = sqlite3.connect(snapshot, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"the database in {label} cannot be read ({exc})") from None
    conn.row_factory = sqlite3.Row
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise LibraryError(f"the database in {label} is damaged")
        if user_version(conn) < latest_version():
            migrate(conn)
        return {table: [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
                for table in _TABLES}
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"the database in {label} cannot be read ({exc})") from None
    finally:
        conn.close()


def _insert_rows(conn: sqlite3.Connection, rows: dict[str, list[dict[str, Any]]],
                 keep_ids: bool) -> _IdPlan:
    """Insert the archive's rows, remapping ids (unless kept) and every reference to them."""
    plan = _IdPlan()
    ids: dict[str, dict[int, int]] = {table: {} for table in _TABLES}
    refs = {"mistakes": ("interview_id", "interviews"), "questions": ("mistake_id", "mistakes"),
            "takes": ("question_id", "questions")}
    for table in _TABLES:
        for row in rows[table]:
            values = dict(row)
            old_id = values.pop("id")
            if table in refs:
                column, parent = refs[table]
                if values[column] is not None:
                    values[column] = ids[parent].get(values[column])
            if table == "questions":
                new_id = old_id if keep_ids else _next_id(conn, "questions")
                values["folder"] = row["folder"] if keep_ids else question_folder_name(
                    new_id, row["prompt"])
                values["id"] = new_id
                plan.folders[row["folder"]] = values["folder"]
                plan.question_by_old[old_id] = row
            elif keep_ids:
                values["id"] = old_id
            cursor = conn.execute(insert_sql(table, values), values)
            ids[table][old_id] = int(values.get("id") or cursor.lastrowid or 0)
    return plan


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    seq = conn.execute(
        f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),"
        f" coalesce((SELECT max(id) FROM {table}), 0))").fetchone()[0]
    return int(seq) + 1
