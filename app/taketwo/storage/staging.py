"""An import's staging folder, and finishing or undoing one that a crash interrupted.

An import unpacks into ``.import-staging/`` inside the library (hidden, same disk, so files
move in by rename). Just before its rows commit it writes ``moves.json``: the takes it adds and
where each staged file goes. After the commit the files move into place and the folder goes.
A crash before the commit leaves no row, so the folder is simply removed; a crash after it
leaves rows whose files are still staged, so the moves are finished. Either way nothing is
half there for long: the next import or ``library check --repair`` settles it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from taketwo.files import fsync_dir, write_json_atomic
from taketwo.storage.layout import LibraryLayout, ensure_private_dir, is_plain_name

STAGING = ".import-staging"
JOURNAL = "moves.json"


@dataclass(frozen=True, slots=True)
class Move:
    staged: str  # relative to the staging folder
    final: str  # relative to the library folder

    def to_list(self) -> list[str]:
        return [self.staged, self.final]


def staging_dir(layout: LibraryLayout) -> Path:
    return layout.folder / STAGING


def write_journal(
    layout: LibraryLayout, takes: list[tuple[int, str, str]], moves: list[Move]
) -> None:
    """``takes``: (id, question folder, file name) of every take row the import adds."""
    write_json_atomic(
        staging_dir(layout) / JOURNAL, {"takes": takes, "moves": [m.to_list() for m in moves]}
    )


def apply_moves(layout: LibraryLayout, moves: list[Move]) -> int:
    """Move staged files into place; one whose place is taken (or gone) stays staged."""
    staging = staging_dir(layout)
    placed = 0
    folders: set[Path] = set()
    for move in moves:
        src, dst = staging / move.staged, layout.inside(layout.folder / move.final)
        if not src.is_file() or src.is_symlink() or dst.exists():
            continue
        ensure_private_dir(dst.parent)
        os.replace(src, dst)
        folders.add(dst.parent)
        placed += 1
    for folder in folders:
        fsync_dir(folder)
    return placed


def settle(layout: LibraryLayout, conn: sqlite3.Connection) -> str | None:
    """Finish or undo an import a crash interrupted; what was done, or None if nothing was
    pending. The caller holds the library lock."""
    staging = staging_dir(layout)
    if not staging.exists():
        return None
    journal = _read_journal(staging / JOURNAL)
    committed = (
        journal is not None
        and bool(journal[0])
        and all(
            conn.execute(
                "SELECT 1 FROM takes t JOIN questions q ON q.id = t.question_id "
                "WHERE t.id = ? AND q.folder = ? AND t.file_name = ?",
                (take_id, folder, name),
            ).fetchone()
            is not None
            for take_id, folder, name in journal[0]
        )
    )
    placed = apply_moves(layout, journal[1]) if committed and journal else 0
    shutil.rmtree(staging, ignore_errors=True)
    if committed:
        return f"finished an interrupted import: placed its {placed} remaining files"
    return "removed what an import left when it was interrupted before it added anything"


def pending(layout: LibraryLayout) -> bool:
    return staging_dir(layout).exists()


def _read_journal(path: Path) -> tuple[list[tuple[int, str, str]], list[Move]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        takes = [(int(t), str(f), str(n)) for t, f, n in data["takes"]]
        moves = [Move(str(s), str(d)) for s, d in data["moves"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for move in moves:  # the journal is ours, but the folder could have been tampered with
        staged, final = PurePosixPath(move.staged).parts, PurePosixPath(move.final).parts
        if not (
            all(is_plain_name(p) for p in staged)
            and len(final) in (2, 3)
            and all(is_plain_name(p) for p in final)
        ):
            return None
    return takes, moves
