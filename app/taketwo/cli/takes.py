"""``taketwo takes list`` and ``taketwo take rate|note|star|trash|restore|purge|import|show``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from taketwo.cli.common import emit, one_line, open_library, out, positive_id, read_text_arg
from taketwo.domain import Take
from taketwo.domain.formatting import position_text


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("takes", parents=[common], help="list takes")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("list", parents=[common], help="list takes, oldest first")
    a.add_argument("--question", type=positive_id, metavar="ID", help="only this question's")
    a.add_argument("--trashed", action="store_true", help="include takes in the trash")
    a.set_defaults(handler=run_list)

    p = sub.add_parser("take", parents=[common], help="rate, annotate, star or trash a take")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("show", parents=[common], help="one take")
    a.add_argument("id", type=positive_id)
    a.set_defaults(handler=run_show)
    a = actions.add_parser("rate", parents=[common], help="comfort rating 1-5 (0 clears it)")
    a.add_argument("id", type=positive_id)
    a.add_argument("comfort", type=int, choices=range(6), metavar="1-5")
    a.set_defaults(handler=run_rate)
    a = actions.add_parser("note", parents=[common], help="set a take's notes")
    a.add_argument("id", type=positive_id)
    a.add_argument("notes", help="the notes (- reads them from standard input)")
    a.set_defaults(handler=run_note)
    a = actions.add_parser("star", parents=[common], help="star as the question's best take")
    a.add_argument("id", type=positive_id)
    a.add_argument("--off", action="store_true", help="remove the star")
    a.set_defaults(handler=run_star)
    for name, text in (
        ("trash", "move a take to the trash"),
        ("restore", "bring a take back from the trash"),
        ("purge", "delete a trashed take for good"),
    ):
        a = actions.add_parser(name, parents=[common], help=text)
        a.add_argument("id", type=positive_id)
        a.set_defaults(handler=run_trash_action, trash_action=name)
    a = actions.add_parser(
        "import", parents=[common], help="add an existing video or audio file as a take"
    )
    a.add_argument("file", metavar="FILE", help="the video or audio file (it is copied)")
    a.add_argument(
        "--question",
        type=positive_id,
        metavar="ID",
        required=True,
        help="the question it is a take of",
    )
    a.set_defaults(handler=run_import)
    from taketwo.cli.coach import add_take_export

    add_take_export(actions, common)


TAKE_HEADINGS = (
    f"{'id':>5}   {'question':<5} {'#':<4}{'state':<9} {'length':>8}  {'comfort':<7} recorded"
)


def describe_take(t: Take) -> str:
    duration = f"{position_text(t.duration):>8}" if t.duration is not None else "       -"
    comfort = f"{t.comfort}/5" if t.comfort else " - "
    star = "★" if t.starred else " "
    local = t.created.astimezone().strftime("%Y-%m-%d %H:%M")
    notes = f"  {one_line(t.notes, 40)}" if t.notes else ""
    return (
        f"{t.id:>5} {star} q{t.question_id:<7} #{t.number:<3}{t.state.value:<9} "
        f"{duration}  {comfort:<7} {local}{notes}"
    )


def run_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        takes = lib.list_takes(args.question, include_trashed=args.trashed)
    emit(
        args,
        takes,
        lambda: out(
            "\n".join([TAKE_HEADINGS, *map(describe_take, takes)]) if takes else "no takes"
        ),
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        take = lib.get_take(args.id)
    emit(args, take, lambda: out(f"{describe_take(take)}\n      {take.path}"))
    return 0


def run_rate(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        take = lib.rate_take(args.id, args.comfort or None)
    emit(args, take, f"take {take.id}: comfort {take.comfort or 'cleared'}")
    return 0


def run_note(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        take = lib.note_take(args.id, read_text_arg(args.notes))
    emit(args, take, f"take {take.id}: notes saved")
    return 0


def run_star(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        take = lib.star_take(args.id, starred=not args.off)
    emit(
        args,
        take,
        f"take {take.id} is {'now' if take.starred else 'no longer'} the best take "
        f"of question {take.question_id}",
    )
    return 0


def run_trash_action(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        if args.trash_action == "trash":
            take = lib.trash_take(args.id)
            emit(args, take, f"moved take {args.id} to the trash")
        elif args.trash_action == "restore":
            take = lib.restore_take(args.id)
            emit(args, take, f"restored take {args.id}")
        else:
            lib.purge_take(args.id)
            emit(args, {"id": args.id, "purged": True}, f"deleted take {args.id} for good")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        take = lib.import_media(Path(args.file).expanduser(), args.question)
    emit(
        args,
        take,
        f"imported {Path(args.file).name} as take {take.id} "
        f"(#{take.number} of question {take.question_id}, {take.duration:.1f} s)",
    )
    return 0
