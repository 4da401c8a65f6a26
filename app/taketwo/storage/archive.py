"""One-file export of a whole library, and importing such an archive back.

The archive is a ZIP: ``taketwo-archive.json`` (a manifest), ``library/taketwo.sqlite3`` (a
consistent snapshot) and every file under ``library/media/`` and ``library/trash/``. Importing
into an empty library keeps every id; into a library with content it adds, with new ids, what
the library does not already hold. An archive is untrusted input: :mod:`archive_rules` checks
all of it before anything is placed. Rows and files land together or not at all.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from taketwo import __version__
from taketwo.domain import utc_now
from taketwo.domain.formatting import disk_full_text
from taketwo.files import create_private, fsync_dir, open_private
from taketwo.safe_output import OutputRefused, check_output, writing
from taketwo.storage.archive_attached import ATTACHED, insert_attached
from taketwo.storage.archive_rules import (
    DB_ENTRY,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    TABLES,
    check_entries,
    damaged,
    file_entry,
    read_manifest,
    read_rows,
)
from taketwo.storage.backups import make_backup
from taketwo.storage.check import FolderListing
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import (
    MEDIA_DIR,
    MEDIA_EXTENSIONS,
    TRASH_DIR,
    ensure_private_dir,
    question_folder_name,
)
from taketwo.storage.rows import TAKE_COLUMNS, insert_sql
from taketwo.storage.schema import latest_version
from taketwo.storage.staging import Move, apply_moves, pending, settle, staging_dir, write_journal
from taketwo.storage.store import Store
from taketwo.storage.temp_files import make_temp_dir

__all__ = ["ArchiveStore", "ArchiveSummary", "read_manifest"]


@dataclass(slots=True)
class ArchiveSummary:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)  # rows whose file was not there
    skipped_files: list[str] = field(default_factory=list)  # loose files that would overwrite
    kept_ids: bool = False
    already_present: dict[str, int] = field(default_factory=dict)  # rows skipped, by table

    def to_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "counts": self.counts,
            "files": self.files,
            "missing_files": self.missing_files,
            "skipped_files": self.skipped_files,
            "kept_ids": self.kept_ids,
            "already_present": self.already_present,
        }


class ArchiveStore(Store):
    def export_archive(self, dest: Path) -> ArchiveSummary:
        """Write the whole library (trash included) to the ZIP file ``dest``."""
        try:  # force: an existing file is refused below, in words for an archive
            dest = check_output(Path(dest), force=True, library=self.folder, what="the archive")
        except OutputRefused as exc:
            raise LibraryError(str(exc)) from None
        if dest.exists() or dest.is_symlink():
            raise LibraryError(f"{dest} already exists; choose another name")
        summary = ArchiveSummary(dest)
        tmp = make_temp_dir(self.folder, "export")
        try:
            snapshot = tmp / "taketwo.sqlite3"
            with self._reading() as conn:
                create_private(snapshot)
                target = sqlite3.connect(snapshot)
                try:
                    conn.backup(target)
                    target.execute("PRAGMA journal_mode = DELETE")
                    for table in (*TABLES, *ATTACHED):
                        summary.counts[table] = target.execute(
                            f"SELECT count(*) FROM {table}"
                        ).fetchone()[0]
                finally:
                    target.close()
            files = {
                rel: size
                for rel, size in FolderListing.scan(self.folder).sizes.items()
                if file_entry(f"library/{rel}")
            }  # what an import would accept
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema": latest_version(),
                "app_version": __version__,
                "created": utc_now().isoformat(),
                "counts": summary.counts,
                "files": files,
            }
            with (
                writing(dest) as partial,
                open(partial, "wb") as out,
                zipfile.ZipFile(out, "w", allowZip64=True) as zf,
            ):
                zf.writestr(
                    MANIFEST,
                    json.dumps(manifest, indent=2, ensure_ascii=False),
                    compress_type=zipfile.ZIP_DEFLATED,
                )
                zf.write(snapshot, DB_ENTRY, compress_type=zipfile.ZIP_DEFLATED)
                for rel in sorted(files):
                    packed = os.path.splitext(rel)[1].lower() in MEDIA_EXTENSIONS
                    zf.write(
                        self.folder / rel,
                        f"library/{rel}",
                        compress_type=zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED,
                    )
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        summary.files = len(files)
        return summary

    def import_archive(self, src: Path) -> ArchiveSummary:
        """Add what the archive ``src`` holds and this library does not, all or nothing.

        Everything is checked and unpacked into a staging folder first, without holding the
        database; then the new rows commit in one transaction and the files move into place
        (see :mod:`taketwo.storage.staging` for a crash in between). Rows and takes already
        here (takes recognised by their media's content) are skipped and counted.
        """
        src = Path(src)
        manifest = read_manifest(src)
        summary = ArchiveSummary(src)
        self._settle_import()
        staging = ensure_private_dir(staging_dir(self.layout))
        try:
            try:
                with zipfile.ZipFile(src) as zf:
                    names = check_entries(zf, src.name, self.folder)
                    snapshot = staging / "archive.sqlite3"
                    _extract(zf, DB_ENTRY, snapshot)
                    rows = read_rows(snapshot, manifest, src.name)
                    for entry in sorted(names):
                        ensure_private_dir((staging / entry).parent)
                        _extract(zf, entry, staging / entry)
            except (zipfile.BadZipFile, EOFError) as exc:
                raise LibraryError(f"the archive is damaged ({exc})") from None
            hashes = _staged_hashes(staging, rows, names)
            present = self._present({(h, (staging / e).stat().st_size) for h, e in hashes.values()})
            with self._reading() as conn:
                make_backup(conn, self.layout, "import")
            with self._writing() as conn:
                kept = not any(
                    conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in TABLES
                )
                try:
                    plan = _insert_rows(conn, rows, kept, present, hashes)
                except (sqlite3.IntegrityError, KeyError) as exc:  # rows that do not fit here
                    raise damaged(src.name, f"its rows do not fit: {exc}") from None
                moves = self._file_plan(names, rows, plan, summary)
                write_journal(self.layout, plan.new_takes, moves)
            summary.files = apply_moves(self.layout, moves)
            summary.kept_ids = kept
            summary.counts = plan.added
            summary.already_present = plan.skipped
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        fsync_dir(self.folder)
        return summary

    def _settle_import(self) -> str | None:
        """Finish or undo an import a crash interrupted (needs the library lock)."""
        if not pending(self.layout):
            return None
        with self._reading() as conn:
            return settle(self.layout, conn)

    def _present(self, hashes: set[tuple[str, int]]) -> _Present:
        """What of the archive this library already holds, found by content."""
        found = _Present()
        with self._reading() as conn:
            for table, columns in _SAME.items():
                for r in conn.execute(f"SELECT id, {', '.join(columns)} FROM {table}"):
                    found.rows[table][tuple(r[c] for c in columns)] = int(r["id"])
            folders = {
                int(r["id"]): r["folder"] for r in conn.execute("SELECT id, folder FROM questions")
            }
            takes = [
                self._with_path(r)
                for r in conn.execute(
                    f"SELECT {TAKE_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id"
                )
            ]
        found.folders = folders
        wanted = {digest for digest, _ in hashes}
        sizes = {size for _, size in hashes}
        for take in takes:
            if take.path is None or take.id is None or not wanted:
                continue
            try:
                if take.path.stat().st_size not in sizes:
                    continue
                digest = _sha256(take.path)
            except OSError:
                continue
            if digest in wanted:
                found.take_hashes.setdefault((digest, take.question_id), take.id)
        return found

    def _file_plan(
        self,
        names: set[str],
        rows: dict[str, list[dict[str, Any]]],
        plan: _IdPlan,
        summary: ArchiveSummary,
    ) -> list[Move]:
        """Where each staged file goes; refuses (rolling the rows back) to overwrite a take."""
        out: list[Move] = []
        claimed: set[str] = set()
        for take in rows["takes"]:
            question = plan.question_by_old[take["question_id"]]
            trashed = take["state"] == "trashed" or question["trashed_at"] is not None
            root = TRASH_DIR if trashed else MEDIA_DIR
            stem = os.path.splitext(take["file_name"])[0]
            new_name = plan.renamed.get(take["id"], take["file_name"])
            new_stem = os.path.splitext(new_name)[0]
            for name, placed in (
                (take["file_name"], new_name),
                (f"{stem}.json", f"{new_stem}.json"),
            ):
                entry = f"library/{root}/{question['folder']}/{name}"
                claimed.add(entry)
                if take["id"] in plan.skipped_takes:
                    continue
                if entry not in names:
                    if name == take["file_name"]:
                        summary.missing_files.append(entry.removeprefix("library/"))
                    continue
                final = self.layout.take_path(plan.folders[question["folder"]], placed, trashed)
                if final.exists():
                    raise LibraryError(
                        f"importing would overwrite {final}; move it away (or "
                        "adopt it with `library check --repair`) and import "
                        "again"
                    )
                out.append(Move(entry, final.relative_to(self.folder).as_posix()))
        for entry in sorted(names - claimed):
            parts = PurePosixPath(entry).parts
            folder = plan.folders.get(parts[2], parts[2]) if len(parts) == 4 else None
            final = self.layout.inside(
                self.folder / parts[1] / folder / parts[3]
                if folder
                else self.folder / parts[1] / parts[2]
            )
            if final.exists():
                summary.skipped_files.append(entry.removeprefix("library/"))
                continue
            out.append(Move(entry, final.relative_to(self.folder).as_posix()))
        return out


# Rows with the same values in these columns are the same item, whichever library holds it.
_SAME = {
    "interviews": ("company", "role", "created"),
    "mistakes": ("asked", "what_went_wrong", "created"),
    "questions": ("prompt", "created"),
}


@dataclass(slots=True)
class _Present:
    rows: dict[str, dict[tuple[Any, ...], int]] = field(
        default_factory=lambda: {table: {} for table in _SAME}
    )
    folders: dict[int, str] = field(default_factory=dict)  # existing question id -> folder
    take_hashes: dict[tuple[str, int], int] = field(default_factory=dict)  # (sha256, q) -> id


@dataclass(slots=True)
class _IdPlan:
    folders: dict[str, str] = field(default_factory=dict)  # archive folder -> library folder
    question_by_old: dict[int, dict[str, Any]] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_takes: set[int] = field(default_factory=set)  # archive ids of takes already here
    renamed: dict[int, str] = field(default_factory=dict)  # archive take id -> new file name
    new_takes: list[tuple[int, str, str]] = field(default_factory=list)  # id, folder, file


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _staged_hashes(
    staging: Path, rows: dict[str, list[dict[str, Any]]], names: set[str]
) -> dict[int, tuple[str, str]]:
    """Archive take id -> (sha256, entry) of its staged media file, for takes that have one."""
    folders = {q["id"]: q for q in rows["questions"]}
    out: dict[int, tuple[str, str]] = {}
    for take in rows["takes"]:
        question = folders[take["question_id"]]
        trashed = take["state"] == "trashed" or question["trashed_at"] is not None
        entry = (
            f"library/{TRASH_DIR if trashed else MEDIA_DIR}/{question['folder']}/"
            f"{take['file_name']}"
        )
        if entry in names:
            out[take["id"]] = (_sha256(staging / entry), entry)
    return out


def _extract(zf: zipfile.ZipFile, entry: str, dest: Path) -> None:
    try:
        with zf.open(entry) as fin, open_private(dest, exclusive=True) as fout:
            while chunk := fin.read(1 << 20):
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise LibraryError(f"{disk_full_text(dest.parent)} (nothing was imported)") from None
        raise LibraryError(f"the archive is damaged: cannot read {entry} ({exc})") from None
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise LibraryError(f"the archive is damaged: cannot read {entry} ({exc})") from None


def _insert_rows(
    conn: sqlite3.Connection,
    rows: dict[str, list[dict[str, Any]]],
    keep_ids: bool,
    present: _Present,
    hashes: dict[int, tuple[str, str]],
) -> _IdPlan:
    """Insert the archive's rows not already here, remapping ids (unless kept) and every
    reference to them; a question's folder name is derived afresh, never taken as given."""
    plan = _IdPlan()
    ids: dict[str, dict[int, int]] = {table: {} for table in TABLES}
    refs = {
        "mistakes": ("interview_id", "interviews"),
        "questions": ("mistake_id", "mistakes"),
        "takes": ("question_id", "questions"),
    }
    existing_takes: dict[int, dict[tuple[str, str], int]] = {}
    links: dict[int, int] = {}  # archive mistake id -> archive id of its practice question
    for table in TABLES:
        plan.added[table] = plan.skipped[table] = 0
        known = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for row in rows[table]:
            values = {k: v for k, v in row.items() if k in known}  # never a column of theirs
            old_id = values.pop("id")
            if table == "mistakes" and values.get("question_id") is not None:
                links[old_id] = values.pop("question_id")  # questions come in after mistakes
            if table in refs:
                column, parent = refs[table]
                if values[column] is not None:
                    values[column] = ids[parent][values[column]]
            if table == "questions":
                plan.question_by_old[old_id] = row
            same = present.rows.get(table, {}).get(tuple(values[c] for c in _SAME.get(table, ())))
            if table == "takes":
                question_id = values["question_id"]
                if question_id not in existing_takes:
                    existing_takes[question_id] = {
                        (r[0], r[1]): int(r[2])
                        for r in conn.execute(
                            "SELECT file_name, created, id FROM takes WHERE question_id = ?",
                            (question_id,),
                        )
                    }
                here = existing_takes[question_id].get((values["file_name"], values["created"]))
                digest = hashes.get(old_id, ("", ""))[0]
                same = here if here is not None else present.take_hashes.get((digest, question_id))
                if same is not None:
                    plan.skipped_takes.add(old_id)
            if same is not None:
                ids[table][old_id] = same
                plan.skipped[table] += 1
                if table == "questions":
                    plan.folders[row["folder"]] = present.folders[same]
                continue
            if table == "questions":
                new_id = old_id if keep_ids else _next_id(conn, "questions")
                values["id"] = new_id
                values["folder"] = question_folder_name(new_id, row["prompt"])
                plan.folders[row["folder"]] = values["folder"]
            elif keep_ids:
                values["id"] = old_id
            if table == "takes":
                _fit_take(conn, values)
                if values["file_name"] != row["file_name"]:
                    plan.renamed[old_id] = values["file_name"]
            cursor = conn.execute(insert_sql(table, values), values)
            new = int(values.get("id") or cursor.lastrowid or 0)
            ids[table][old_id] = new
            plan.added[table] += 1
            if table == "takes":
                folder = plan.folders[plan.question_by_old[row["question_id"]]["folder"]]
                plan.new_takes.append((new, folder, values["file_name"]))
    for old_mistake, old_question in links.items():
        if old_mistake in ids["mistakes"] and old_question in ids["questions"]:
            conn.execute(
                "UPDATE mistakes SET question_id = ? WHERE id = ? AND question_id IS NULL",
                (ids["questions"][old_question], ids["mistakes"][old_mistake]),
            )
    insert_attached(conn, rows, ids, keep_ids, plan.added, plan.skipped)
    return plan


_TAKE_PREFIX = re.compile(r"^take-\d+-")


def _fit_take(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    """A take from a sibling copy of this library can share its number, file name or best-take
    star with one recorded here since: it gets the next number (and a name to match) and
    leaves the star where it is."""
    question_id = values["question_id"]
    rows = conn.execute(
        "SELECT number, file_name, starred FROM takes WHERE question_id = ?", (question_id,)
    ).fetchall()
    numbers = {r[0] for r in rows}
    names = {r[1] for r in rows}
    if values["number"] in numbers or values["file_name"] in names:
        number = max(numbers, default=0) + 1
        stem, ext = os.path.splitext(values["file_name"])
        rest = _TAKE_PREFIX.sub("", stem)
        name = f"take-{number:03d}-{rest}{ext}"
        n = 2
        while name in names:
            name, n = f"take-{number:03d}-{rest}-{n}{ext}", n + 1
        values["number"], values["file_name"] = number, name
    if values.get("starred") and any(r[2] for r in rows):
        values["starred"] = 0


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    seq = conn.execute(
        f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),"
        f" coalesce((SELECT max(id) FROM {table}), 0))"
    ).fetchone()[0]
    return int(seq) + 1
