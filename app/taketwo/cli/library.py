"""``taketwo library path|check|export|import|trash``, and the helpers every library command
uses: opening the library from ``--library`` and printing text or ``--json``."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from taketwo.cli import CommandError
from taketwo.domain import DomainError, QuestionSummary
from taketwo.paths import default_library
from taketwo.storage import (
    Library,
    LibraryCorrupt,
    LibraryError,
    LibraryLayout,
    LibraryLocked,
    list_backups,
    newest_sound_backup,
    restore_backup,
)
from taketwo.storage.lock import LibraryLock

# Shared helpers


def library_folder(args: argparse.Namespace) -> Path:
    return Path(args.library).expanduser().absolute() if args.library else default_library()


@contextmanager
def open_library(args: argparse.Namespace, *, readonly: bool = False) -> Iterator[Library]:
    """The library named by ``--library``; library and model errors become one-line errors."""
    try:
        with Library.open(library_folder(args), readonly=readonly,
                          purpose=f"taketwo {args.command}") as lib:
            yield lib
    except LibraryCorrupt as exc:
        raise CommandError(f"{exc}. {corrupt_hint(exc)}") from None
    except (LibraryError, DomainError) as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:  # a file the library had to move or write: permissions, disk
        where = f": {exc.filename}" if exc.filename else ""
        raise CommandError(f"{exc.strerror or exc}{where}") from None


def corrupt_hint(exc: LibraryCorrupt) -> str:
    if exc.backup is None:
        return "There is no automatic backup to restore."
    return ("Run `taketwo library check --restore-backup` to restore the automatic backup "
            f"{exc.backup.name}; takes recorded since will be found by `--repair`.")


def jsonable(value: Any) -> Any:
    """Domain objects as plain JSON values: enums by value, times in ISO 8601, paths as text."""
    if isinstance(value, QuestionSummary):
        return {**jsonable(value.question), "take_count": value.take_count,
                "best_take_id": value.best_take_id, "last_take_at": jsonable(value.last_take_at)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return jsonable(value.to_dict())
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def emit(args: argparse.Namespace, data: Any, text: Callable[[], None] | str) -> None:
    """Print ``data`` as JSON with ``--json``, else the human text."""
    if args.json:
        print(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    elif callable(text):
        text()
    else:
        print(text)


def read_text_arg(value: str) -> str:
    """``-`` means: read the text from standard input (for long notes in scripts)."""
    return sys.stdin.read() if value == "-" else value


def one_line(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def positive_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"an id is a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"ids start at 1, not {value}")
    return value


# The command


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("library", parents=[common], help="where the library is; check, export")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("path", parents=[common], help="print the library folder")
    a.set_defaults(handler=run_path)
    a = actions.add_parser("check", parents=[common],
                           help="check the database and reconcile takes with their files")
    a.add_argument("--repair", action="store_true",
                   help="recover interrupted takes, adopt stray files, fix what can be fixed")
    a.add_argument("--restore-backup", action="store_true",
                   help="replace a damaged database with the newest automatic backup")
    a.set_defaults(handler=run_check)
    a = actions.add_parser("export", parents=[common], help="write the whole library to one file")
    a.add_argument("archive", metavar="FILE", help="the archive to write (.zip)")
    a.set_defaults(handler=run_export)
    a = actions.add_parser("import", parents=[common], help="add an exported archive's content")
    a.add_argument("archive", metavar="FILE", help="an archive from `taketwo library export`")
    a.set_defaults(handler=run_import)
    a = actions.add_parser("trash", parents=[common], help="list the trash, or empty it")
    a.add_argument("--empty", action="store_true", help="delete everything in the trash for good")
    a.set_defaults(handler=run_trash)


def run_path(args: argparse.Namespace) -> int:
    folder = library_folder(args)
    layout = LibraryLayout(folder)
    data = {"path": folder, "exists": layout.db_path.is_file(), "database": layout.db_path,
            "media": layout.media_dir, "backups": [b.path for b in list_backups(layout)]}
    emit(args, data, str(folder))
    return 0


def run_check(args: argparse.Namespace) -> int:
    restored = None
    if args.restore_backup:
        restored = _restore(args)
    with open_library(args) as lib:
        report = lib.check(repair=args.repair)
    data = {**report.to_dict(), "restored_backup": restored}

    def text() -> None:
        if restored:
            print(f"restored the database from {Path(restored).name}")
        print(f"database: {'ok' if report.integrity_ok else report.integrity[0]}")
        print(f"{report.takes_checked} takes, {report.files_seen} files checked")
        for f in report.findings:
            mark = "fixed" if f.fixed else ("to fix" if f.fixable else "needs you")
            print(f"  [{mark}] {f.message}" + (f" — {f.result}" if f.result else ""))
        if not report.integrity_ok:
            print("the database is damaged: run `taketwo library check --restore-backup`")
        elif not report.findings:
            print("everything is in order")
        elif not args.repair and any(f.fixable for f in report.findings):
            print("run `taketwo library check --repair` to apply the fixes")

    emit(args, data, text)
    if not report.integrity_ok:
        return 2
    return 0 if report.ok else 1


def _restore(args: argparse.Namespace) -> str:
    layout = LibraryLayout(library_folder(args))
    if not layout.db_path.parent.is_dir():
        raise CommandError(f"there is no Take Two library in {layout.folder}")
    lock = LibraryLock(layout.lock_path)
    try:
        lock.acquire("taketwo library check --restore-backup")
    except LibraryLocked as exc:
        raise CommandError(str(exc)) from None
    try:
        backup = newest_sound_backup(layout)
        if backup is None:
            raise CommandError(f"no usable automatic backup in {layout.backups_dir}")
        restore_backup(layout, backup)
        return str(backup.path)
    except LibraryError as exc:
        raise CommandError(str(exc)) from None
    finally:
        lock.release()


def run_export(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        summary = lib.export_archive(Path(args.archive).expanduser())
    emit(args, summary, f"exported {summary.counts.get('takes', 0)} takes, "
                        f"{summary.counts.get('questions', 0)} questions and {summary.files} "
                        f"files to {summary.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        summary = lib.import_archive(Path(args.archive).expanduser())
    c = summary.counts

    def text() -> None:
        print(f"imported {c['interviews']} interviews, {c['mistakes']} mistakes, "
              f"{c['questions']} questions and {c['takes']} takes ({summary.files} files)")
        for missing in summary.missing_files:
            print(f"  missing from the archive: {missing}")
        for skipped in summary.skipped_files:
            print(f"  not imported (already exists): {skipped}")

    emit(args, summary, text)
    return 0


def run_trash(args: argparse.Namespace) -> int:
    if args.empty:
        with open_library(args) as lib:
            questions, takes = lib.empty_trash()
        emit(args, {"purged_questions": questions, "purged_takes": takes},
             f"purged {questions} questions and {takes} takes")
        return 0
    with open_library(args, readonly=True) as lib:
        contents = lib.list_trash()

    def text() -> None:
        if not contents.questions and not contents.takes:
            print("the trash is empty")
        for q in contents.questions:
            print(f"question {q.id}: {one_line(q.prompt)}")
        for t in contents.takes:
            print(f"take {t.id} (#{t.number} of question {t.question_id}): {t.file_name}")

    emit(args, contents, text)
    return 0

