"""Running ``library check``: gather rows and files, plan, and apply repairs one by one."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from taketwo.domain import Question, QuestionSource, Take, TakeState, sidecar_for, utc_now
from taketwo.files import nesting_checked, read_regular_file
from taketwo.media.mp4 import is_fragmented
from taketwo.media.probe import MediaError, probe
from taketwo.media.remux import finalize
from taketwo.storage.check import (
    REPAIR_ORDER,
    CheckReport,
    Finding,
    FindingKind,
    FolderListing,
    TakeRow,
    plan_check,
)
from taketwo.storage.errors import LibraryError, ReadOnlyLibrary
from taketwo.storage.layout import (
    TRASH_DIR,
    UnsafePath,
    ensure_private_dir,
    is_plain_name,
    make_private,
    prompt_from_folder,
    take_file_name,
    take_number_from_name,
)
from taketwo.storage.lock import LibraryLock
from taketwo.storage.records import RecordsStore
from taketwo.storage.rows import insert_sql, parse_stamp, take_values, to_json
from taketwo.storage.search import REINDEX_SQL
from taketwo.storage.staging import STAGING, pending, settle
from taketwo.storage.takes import TakesStore

RECOVERED_FOLDER = "recovered-files"
_FRAGMENTABLE = {".mp4", ".m4v", ".mov", ".m4a"}


class CheckStore(TakesStore, RecordsStore):
    def check(self, repair: bool = False) -> CheckReport:
        """Check the database and reconcile takes with files; ``repair`` applies the fixes."""
        if repair and self.readonly:
            raise ReadOnlyLibrary("repairing needs the library opened for writing")
        report = CheckReport(self.folder, repaired=repair)
        with self._reading() as conn:
            report.integrity = self._integrity(conn)
            if not report.integrity_ok:
                report.findings.append(
                    Finding(
                        FindingKind.INTEGRITY,
                        f"the database is damaged: {report.integrity[0]}",
                        fixable=False,
                    )
                )
                return report  # nothing else can be trusted; restore a backup first
            if not self._search_index_ok(conn):
                report.findings.append(
                    Finding(FindingKind.SEARCH_INDEX, "the search index is out of date")
                )
            rows = [
                TakeRow(
                    r["id"],
                    TakeState(r["state"]),
                    r["folder"],
                    r["file_name"],
                    r["trashed_at"] is not None,
                )
                for r in conn.execute(
                    "SELECT t.id, t.state, t.file_name, q.folder, "
                    "q.trashed_at FROM takes t "
                    "JOIN questions q ON q.id = t.question_id"
                )
            ]
        held_elsewhere = self.readonly and LibraryLock(self.layout.lock_path).is_held_elsewhere()
        if pending(self.layout) and not held_elsewhere:  # else it may be importing right now
            report.findings.append(
                Finding(
                    FindingKind.INTERRUPTED_IMPORT,
                    f"an import was interrupted; its unpacked files wait in {STAGING}",
                    path=STAGING,
                )
            )
        safe: list[TakeRow] = []
        folders: dict[tuple[str, bool], Path | None] = {}
        for row in rows:  # one pass: a membership test per row made 10,000 takes take seconds
            if self._names_safe(row, folders):
                safe.append(row)
            else:
                report.findings.append(
                    Finding(
                        FindingKind.UNSAFE_PATH,
                        f"take {row.id} names a file outside the library "
                        f"({row.folder!r}/{row.file_name!r}); nothing will touch it. Restore a "
                        "backup from before it appeared",
                        row.id,
                        fixable=False,
                    )
                )
        active = set(self._recording)
        if held_elsewhere:
            # The program holding the library may be recording these right now.
            active |= {row.id for row in rows if row.state is TakeState.RECORDING}
        listing = FolderListing.scan(self.folder)
        report.takes_checked, report.files_seen = len(rows), len(listing.sizes)
        report.findings.extend(plan_check(safe, listing, frozenset(active)))
        if repair:
            for kind in REPAIR_ORDER:
                for finding in report.findings:
                    if finding.kind is kind and finding.fixable:
                        self._repair(finding)
        return report

    def _names_safe(self, row: TakeRow, folders: dict[tuple[str, bool], Path | None]) -> bool:
        """What ``layout.take_path`` checks, for both places, with each question folder resolved
        once (``folders`` caches it): a file that is no symlink stays in its folder."""
        for trashed in (False, True):
            key = (row.folder, trashed)
            if key not in folders:
                try:
                    folders[key] = self.layout.question_dir(row.folder, trashed)
                except UnsafePath:
                    folders[key] = None
            folder = folders[key]
            if folder is None or not is_plain_name(row.file_name):
                return False
            path = folder / row.file_name
            if path.is_symlink():
                try:
                    self.layout.inside(path)
                except UnsafePath:
                    return False
        return True

    def recover_interrupted(self) -> list[Finding]:
        """At start-up: repair the takes a crash left ``recording`` (finalize and keep, or drop
        the empty ones) exactly as ``library check --repair`` does; nothing else is touched."""
        with self._reading() as conn:
            left = conn.execute("SELECT id FROM takes WHERE state = 'recording'").fetchall()
        if self.readonly or not {int(r[0]) for r in left} - self._recording:
            return []  # the usual case: skip the full check
        kinds = (FindingKind.INTERRUPTED, FindingKind.EMPTY_RECORDING)
        found = [f for f in self.check().findings if f.kind in kinds]
        for kind in kinds:
            for finding in found:
                if finding.kind is kind:
                    self._repair(finding)
        return found

    def _integrity(self, conn: sqlite3.Connection) -> list[str]:
        try:
            result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            return [str(exc)]
        if broken:
            result = [r for r in result if r != "ok"] + [
                f"{len(broken)} rows point at rows that do not exist"
            ]
        return result

    def _search_index_ok(self, conn: sqlite3.Connection) -> bool:
        try:
            if not self.readonly:  # a "command" insert, refused on a read-only connection
                conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
            expected = conn.execute(
                "SELECT (SELECT count(*) FROM interviews) + (SELECT count(*) FROM mistakes) + "
                "(SELECT count(*) FROM questions) + (SELECT count(*) FROM takes)"
            ).fetchone()[0]
            indexed = conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            return False
        return bool(expected == indexed)

    def _repair(self, finding: Finding) -> None:
        try:
            if finding.kind is FindingKind.SEARCH_INDEX:
                with self._writing() as conn:
                    for statement in REINDEX_SQL.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                finding.result = "rebuilt the search index"
            elif finding.kind is FindingKind.MISPLACED:
                self._repair_misplaced(finding)
            elif finding.kind is FindingKind.INTERRUPTED:
                self._repair_interrupted(finding)
            elif finding.kind is FindingKind.EMPTY_RECORDING:
                self._repair_empty(finding)
            elif finding.kind is FindingKind.ORPHAN_FILE:
                self._adopt(finding)
            elif finding.kind is FindingKind.STRAY_FILE:
                assert finding.path is not None
                self.layout.inside(self.folder / finding.path).unlink(missing_ok=True)
                finding.result = "removed"
            elif finding.kind is FindingKind.INTERRUPTED_IMPORT:
                with self._reading() as conn:
                    finding.result = settle(self.layout, conn) or "already settled"
            finding.fixed = True
        except (MediaError, LibraryError, OSError) as exc:
            finding.result = f"could not repair: {exc}"

    def _repair_misplaced(self, finding: Finding) -> None:
        assert finding.path is not None
        assert finding.source is not None
        src = self.layout.inside(self.folder / finding.source)
        dst = self.layout.inside(self.folder / finding.path)
        ensure_private_dir(dst.parent)
        os.replace(src, dst)
        if sidecar_for(src).exists() and not sidecar_for(dst).exists():
            os.replace(sidecar_for(src), sidecar_for(dst))
        finding.result = f"moved back to {finding.path}"

    def _repair_interrupted(self, finding: Finding) -> None:
        assert finding.take_id is not None
        take = self.recover_take(finding.take_id)
        finding.result = f"recovered {take.duration or 0:.1f} s"

    def recover_take(self, take_id: int) -> Take:
        """Finalize a ``recording`` take's fragmented file and mark it ``recovered`` with its
        real duration: what `library check` does after a crash, and what a recorder that
        could not finalize its own file should ask for. Raises MediaError if nothing is
        readable."""
        take = self.get_take(take_id)
        if take.state is not TakeState.RECORDING:
            raise LibraryError(f"take {take_id} is {take.state.value}, not recording")
        self._path_of(take)
        assert take.path is not None
        finalize(take.path)
        duration = probe(take.path, exact=True).duration
        make_private(take.path)
        with self._writing() as conn:
            conn.execute(
                "UPDATE takes SET state = ?, duration = ? WHERE id = ?",
                (TakeState.RECOVERED.value, duration, take_id),
            )
        self._recording.discard(take_id)
        self.write_sidecar(
            take_id, {"recovered": {"at": utc_now().isoformat(), "duration": duration}}
        )
        return self.get_take(take_id)

    def _repair_empty(self, finding: Finding) -> None:
        assert finding.take_id is not None
        take = self.get_take(finding.take_id)
        self._path_of(take)
        assert take.path is not None
        for path in (take.path, sidecar_for(take.path)):
            if path.exists() and path.stat().st_size == 0:
                path.unlink()
        if take.path.exists():
            raise LibraryError(f"{take.path.name} exists again; run the check once more")
        with self._writing() as conn:
            conn.execute("DELETE FROM takes WHERE id = ? AND state = 'recording'", (take.id,))
        finding.result = "removed the empty take"

    def _adopt(self, finding: Finding) -> None:
        assert finding.path is not None
        take = self.adopt_file(self.layout.inside(self.folder / finding.path))
        finding.take_id = take.id
        finding.result = f"adopted as take {take.id} of question {take.question_id}"

    def adopt_file(self, path: Path) -> Take:
        """Make a take of a media file found in the library folder with no row."""
        rel = path.relative_to(self.folder).parts
        in_trash = rel[0] == TRASH_DIR
        folder = rel[1] if len(rel) == 3 else None
        sidecar = _read_sidecar(path)
        recovered = False
        if path.suffix.lower() in _FRAGMENTABLE and is_fragmented(path):
            finalize(path)
            recovered = True
        info = probe(path, exact=recovered)
        library_info = sidecar.get("library")
        library_info = library_info if isinstance(library_info, dict) else {}
        created = _created(library_info, path)
        devices = sidecar.get("devices")
        with self._writing() as conn:
            question = self._question_for_folder(conn, folder, library_info)
            numbers = {
                r[0]
                for r in conn.execute(
                    "SELECT number FROM takes WHERE question_id = ?", (question.id,)
                )
            }
            names = {
                r[0]
                for r in conn.execute(
                    "SELECT file_name FROM takes WHERE question_id = ?", (question.id,)
                )
            }
            number = take_number_from_name(path.name)
            if number is None or number in numbers:
                number = max(numbers | {0}) + 1
            name = path.name
            if name in names or folder is None:
                name = take_file_name(number, created, path.suffix)
            state = TakeState.RECOVERED if recovered else TakeState.FINAL
            take = Take(
                question_id=question.id or 0,
                number=number,
                file_name=name,
                state=TakeState.TRASHED if in_trash and not question.trashed else state,
                state_before_trash=state if in_trash and not question.trashed else None,
                trashed_at=utc_now() if in_trash and not question.trashed else None,
                duration=info.duration,
                created=created,
                devices=devices if isinstance(devices, dict) else {},
            )
            target = self.layout.take_path(
                question.folder, name, trashed=take.state is TakeState.TRASHED or question.trashed
            )
            if target != path:
                if target.exists():
                    raise LibraryError(f"cannot adopt {path.name}: {target} already exists")
                ensure_private_dir(target.parent)
                os.replace(path, target)
                if sidecar_for(path).exists():
                    os.replace(sidecar_for(path), sidecar_for(target))
            values = {**take_values(take), "capture": to_json(sidecar)}
            take.id = conn.execute(insert_sql("takes", values), values).lastrowid
        make_private(target)
        take.path = target
        return take

    def _question_for_folder(
        self, conn: sqlite3.Connection, folder: str | None, library_info: dict[str, object]
    ) -> Question:
        name = folder or RECOVERED_FOLDER
        row = conn.execute("SELECT id FROM questions WHERE folder = ?", (name,)).fetchone()
        if row is not None:
            return self._load_question(conn, int(row[0]))
        prompt = library_info.get("question")
        if not isinstance(prompt, str) or not prompt.strip():
            prompt = prompt_from_folder(name) if folder else "Recovered takes"
        question = Question(prompt=prompt, source=QuestionSource.RECOVERED)
        ensure_private_dir(self.layout.question_dir(name, False))
        return self._insert_question(conn, question, folder=name)


MAX_SIDECAR = 1 << 20  # bytes; a sidecar is a few hundred


def _read_sidecar(path: Path) -> dict[str, object]:
    try:
        raw = read_regular_file(sidecar_for(path), MAX_SIDECAR, follow_links=False)
        if len(raw) > MAX_SIDECAR:
            return {}
        data = json.loads(nesting_checked(raw.decode("utf-8")))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _created(library_info: dict[str, object], path: Path) -> datetime:
    text = library_info.get("created")
    if isinstance(text, str):
        try:
            return parse_stamp(text)
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)
