"""``library check``: reconcile take rows with the files on disk, and check the database.

:func:`plan_check` compares rows with a listing of the folder and says what is wrong, without
touching anything; :class:`CheckStore.check` runs it and, with ``repair``, applies each fix.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from taketwo.domain import TakeState
from taketwo.storage.layout import MEDIA_DIR, MEDIA_EXTENSIONS, TRASH_DIR


class FindingKind(StrEnum):
    INTEGRITY = "integrity"  # the database itself is damaged
    SEARCH_INDEX = "search_index"  # the full-text index disagrees with the rows
    MISPLACED = "misplaced"  # the file is under media/ when its row says trash/, or back
    INTERRUPTED = "interrupted"  # left `recording` by a crash: finalize and mark recovered
    EMPTY_RECORDING = "empty_recording"  # left `recording` before anything was written
    MISSING_FILE = "missing_file"  # a row whose file is nowhere
    ORPHAN_FILE = "orphan_file"  # a media file with no row: adopt it as a take
    STRAY_FILE = "stray_file"  # a temporary file from an interrupted write
    UNSAFE_PATH = "unsafe_path"  # a row whose stored names would lead outside the library
    INTERRUPTED_IMPORT = "interrupted_import"  # an import's staging folder left by a crash


# The order repairs run in: files go back where rows expect them before anything reads them.
REPAIR_ORDER = [
    FindingKind.INTERRUPTED_IMPORT,
    FindingKind.SEARCH_INDEX,
    FindingKind.MISPLACED,
    FindingKind.INTERRUPTED,
    FindingKind.EMPTY_RECORDING,
    FindingKind.ORPHAN_FILE,
    FindingKind.STRAY_FILE,
]
_TEMP_SUFFIXES = (".finalizing", ".tmp", ".partial")


@dataclass(slots=True)
class Finding:
    kind: FindingKind
    message: str
    take_id: int | None = None
    path: str | None = None  # relative to the library folder, POSIX separators
    source: str | None = None  # for MISPLACED: where the file is now
    fixable: bool = True
    fixed: bool = False
    result: str = ""  # what the repair did, or why it could not

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "message": self.message,
            "take_id": self.take_id,
            "path": self.path,
            "fixable": self.fixable,
            "fixed": self.fixed,
            "result": self.result,
        }


@dataclass(slots=True)
class CheckReport:
    folder: Path
    integrity: list[str] = field(default_factory=lambda: ["ok"])
    findings: list[Finding] = field(default_factory=list)
    repaired: bool = False
    takes_checked: int = 0
    files_seen: int = 0

    @property
    def integrity_ok(self) -> bool:
        return self.integrity == ["ok"]

    @property
    def ok(self) -> bool:
        """Nothing left to fix: a sound database and every finding repaired (or none)."""
        return self.integrity_ok and all(f.fixed for f in self.findings)

    def to_dict(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "ok": self.ok,
            "integrity": self.integrity,
            "repaired": self.repaired,
            "takes_checked": self.takes_checked,
            "files_seen": self.files_seen,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class TakeRow:
    id: int
    state: TakeState
    folder: str
    file_name: str
    question_trashed: bool

    def rel_path(self, trashed: bool) -> str:
        return f"{TRASH_DIR if trashed else MEDIA_DIR}/{self.folder}/{self.file_name}"

    @property
    def expected(self) -> str:
        return self.rel_path(self.state is TakeState.TRASHED or self.question_trashed)

    @property
    def elsewhere(self) -> str:
        return self.rel_path(not (self.state is TakeState.TRASHED or self.question_trashed))


@dataclass(frozen=True, slots=True)
class FolderListing:
    """Files under ``media/`` and ``trash/`` (one folder deep) with their sizes."""

    sizes: dict[str, int]

    @classmethod
    def scan(cls, folder: Path) -> FolderListing:
        sizes: dict[str, int] = {}
        for root in (MEDIA_DIR, TRASH_DIR):
            _scan_into(folder / root, root, sizes, depth=2)
        return cls(sizes)


def _scan_into(path: Path, rel: str, sizes: dict[str, int], depth: int) -> None:
    try:
        entries = list(os.scandir(path))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        name = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if depth > 1:
                _scan_into(Path(entry.path), name, sizes, depth - 1)
        elif entry.is_file(follow_symlinks=False):  # a symlink is never ours to touch
            sizes[name] = entry.stat().st_size


def sidecar_name(rel: str) -> str:
    return os.path.splitext(rel)[0] + ".json"


def plan_check(
    rows: Iterable[TakeRow], listing: FolderListing, active: set[int] | frozenset[int] = frozenset()
) -> list[Finding]:
    """What is wrong between ``rows`` and ``listing``; changes nothing."""
    findings: list[Finding] = []
    claimed: set[str] = set()
    busy: set[str] = set()  # files of takes this process is recording right now
    for row in rows:
        claimed.update(
            {row.expected, row.elsewhere, sidecar_name(row.expected), sidecar_name(row.elsewhere)}
        )
        if row.id in active:
            busy.update({row.expected, row.elsewhere})
            continue
        here = row.expected in listing.sizes
        there = row.elsewhere in listing.sizes
        recording = row.state is TakeState.RECORDING
        if not here and there:
            findings.append(
                Finding(
                    FindingKind.MISPLACED,
                    f"take {row.id}'s file is in {row.elsewhere}, expected in {row.expected}",
                    row.id,
                    row.expected,
                    source=row.elsewhere,
                )
            )
        size = listing.sizes.get(row.expected if here else row.elsewhere, 0)
        if recording and (here or there) and size > 0:
            findings.append(
                Finding(
                    FindingKind.INTERRUPTED,
                    f"take {row.id} was still recording when Take Two "
                    "stopped; its file can be finalized and kept",
                    row.id,
                    row.expected,
                )
            )
        elif recording:
            findings.append(
                Finding(
                    FindingKind.EMPTY_RECORDING,
                    f"take {row.id} was still recording when Take Two "
                    "stopped, before anything was written; its row can be removed",
                    row.id,
                    row.expected,
                )
            )
        elif not (here or there):
            findings.append(
                Finding(
                    FindingKind.MISSING_FILE,
                    f"take {row.id}'s file {row.expected} is missing; "
                    "put it back or purge the take",
                    row.id,
                    row.expected,
                    fixable=False,
                )
            )
    for rel in sorted(listing.sizes):
        if rel in claimed:
            continue
        base = rel.rsplit("/", 1)[-1]
        ext = os.path.splitext(base)[1].lower()
        if base.startswith(".") and base.endswith(_TEMP_SUFFIXES):
            target = f"{rel.rsplit('/', 1)[0]}/{os.path.splitext(base[1:])[0]}"
            if target in busy:
                continue
            findings.append(
                Finding(
                    FindingKind.STRAY_FILE,
                    f"{rel} is left over from an interrupted write",
                    path=rel,
                )
            )
        elif not base.startswith(".") and ext in MEDIA_EXTENSIONS:
            findings.append(
                Finding(
                    FindingKind.ORPHAN_FILE,
                    f"{rel} is not in the library; it can be adopted as a take",
                    path=rel,
                )
            )
    return findings
