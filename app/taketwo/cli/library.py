"""``taketwo library path|check|export|import|trash``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, library_folder, one_line, open_library, out
from taketwo.storage import (
    LibraryError,
    LibraryLayout,
    LibraryLocked,
    list_backups,
    newest_sound_backup,
    restore_backup,
)
from taketwo.storage.lock import LibraryLock

# The command


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "library",
        parents=[common],
        help="where the library is; check, export, import, empty the trash",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("path", parents=[common], help="print the library folder")
    a.set_defaults(handler=run_path)
    a = actions.add_parser(
        "check", parents=[common], help="check the database and reconcile takes with their files"
    )
    a.add_argument(
        "--repair",
        action="store_true",
        help="recover interrupted takes, adopt stray files, fix what can be fixed",
    )
    a.add_argument(
        "--restore-backup",
        action="store_true",
        help="replace a damaged database with the newest automatic backup",
    )
    a.set_defaults(handler=run_check)
    a = actions.add_parser("export", parents=[common], help="write the whole library to one file")
    a.add_argument("archive", metavar="FILE", help="the archive to write (.zip)")
    a.set_defaults(handler=run_export)
    a = actions.add_parser(
        "import",
        parents=[common],
        help="add what an exported archive holds and this library does not",
    )
    a.add_argument("archive", metavar="FILE", help="an archive from `taketwo library export`")
    a.set_defaults(handler=run_import)
    a = actions.add_parser("trash", parents=[common], help="list the trash, or empty it")
    a.add_argument("--empty", action="store_true", help="delete everything in the trash for good")
    a.set_defaults(handler=run_trash)


def run_path(args: argparse.Namespace) -> int:
    folder = library_folder(args)
    layout = LibraryLayout(folder)
    data = {
        "path": folder,
        "exists": layout.db_path.is_file(),
        "database": layout.db_path,
        "media": layout.media_dir,
        "backups": [b.path for b in list_backups(layout)],
    }
    emit(args, data, str(folder))
    return 0


def run_check(args: argparse.Namespace) -> int:
    restored = None
    if args.restore_backup:
        restored = _restore(args)
    # Checking only reads, so it works while the app has the library open; repairs write.
    with open_library(args, readonly=not args.repair) as lib:
        report = lib.check(repair=args.repair)
    data = {**report.to_dict(), "restored_backup": restored}

    def text() -> None:
        if restored:
            out(f"restored the database from {Path(restored).name}")
        out(f"database: {'ok' if report.integrity_ok else report.integrity[0]}")
        out(f"{report.takes_checked} takes, {report.files_seen} files checked")
        for f in report.findings:
            mark = "fixed" if f.fixed else ("to fix" if f.fixable else "needs you")
            out(f"  [{mark}] {f.message}" + (f" — {f.result}" if f.result else ""))
        if not report.integrity_ok:
            out("the database is damaged: run `taketwo library check --restore-backup`")
        elif not report.findings:
            out("everything is in order")
        elif not args.repair and any(f.fixable for f in report.findings):
            out("run `taketwo library check --repair` to apply the fixes")

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
    emit(
        args,
        summary,
        f"exported {summary.counts.get('takes', 0)} takes, "
        f"{summary.counts.get('questions', 0)} questions and {summary.files} "
        f"files to {summary.path}",
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        summary = lib.import_archive(Path(args.archive).expanduser())
    c = summary.counts

    def text() -> None:
        out(
            f"imported {c['interviews']} interviews, {c['mistakes']} mistakes, "
            f"{c['questions']} questions and {c['takes']} takes ({summary.files} files)"
        )
        if any(summary.already_present.values()):
            p = summary.already_present
            out(
                f"  already in the library, skipped: {p['interviews']} interviews, "
                f"{p['mistakes']} mistakes, {p['questions']} questions, {p['takes']} takes"
            )
        for missing in summary.missing_files:
            out(f"  missing from the archive: {missing}")
        for skipped in summary.skipped_files:
            out(f"  not imported (already exists): {skipped}")

    emit(args, summary, text)
    return 0


def run_trash(args: argparse.Namespace) -> int:
    if args.empty:
        with open_library(args) as lib:
            questions, takes = lib.empty_trash()
        emit(
            args,
            {"purged_questions": questions, "purged_takes": takes},
            f"purged {questions} questions and {takes} takes",
        )
        return 0
    with open_library(args, readonly=True) as lib:
        contents = lib.list_trash()

    def text() -> None:
        if not contents.questions and not contents.takes:
            out("the trash is empty")
        for q in contents.questions:
            out(f"question {q.id}: {one_line(q.prompt)}")
        for t in contents.takes:
            out(f"take {t.id} (#{t.number} of question {t.question_id}): {t.file_name}")

    emit(args, contents, text)
    return 0
