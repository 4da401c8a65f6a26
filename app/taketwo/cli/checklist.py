"""``taketwo checklist show|tick|add|edit|remove|move|phrases``: the routine before and after
an interview; items are the user's, ticks belong to one interview."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, open_library, out, positive_id
from taketwo.cli.interview import parse_date
from taketwo.domain.checklist import LISTS, ChecklistItem, grouped
from taketwo.storage.debrief import load_defaults


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "checklist",
        parents=[common],
        help="night before, morning of, minutes before, during, after",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser(
        "show", parents=[common], help="the checklists, ticked as for one interview"
    )
    a.add_argument("id", type=positive_id, nargs="?", metavar="INTERVIEW_ID")
    a.set_defaults(handler=run_show)
    a = actions.add_parser("tick", parents=[common], help="tick an item for an interview")
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.add_argument("item", type=positive_id, metavar="ITEM_ID")
    a.add_argument("--undo", action="store_true", help="untick it")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    a.set_defaults(handler=run_tick)
    a = actions.add_parser("add", parents=[common], help="add an item to the end of a list")
    a.add_argument("list", metavar="|".join(LISTS))
    a.add_argument("text")
    a.set_defaults(handler=run_add)
    a = actions.add_parser("edit", parents=[common], help="reword an item")
    a.add_argument("item", type=positive_id, metavar="ITEM_ID")
    a.add_argument("text")
    a.set_defaults(handler=run_edit)
    a = actions.add_parser("remove", parents=[common], help="remove an item (and its ticks)")
    a.add_argument("item", type=positive_id, metavar="ITEM_ID")
    a.set_defaults(handler=run_remove)
    a = actions.add_parser("move", parents=[common], help="move an item up or down its list")
    a.add_argument("item", type=positive_id, metavar="ITEM_ID")
    a.add_argument("direction", metavar="up|down")
    a.set_defaults(handler=run_move)
    a = actions.add_parser(
        "phrases",
        parents=[common],
        help="what to say to rephrase a question or come back to an answer",
    )
    a.set_defaults(handler=run_phrases)


def print_items(items: list[ChecklistItem]) -> None:
    for key, members in grouped(items).items():
        if not members:
            continue
        out(LISTS.get(key, key))
        for item in members:
            mark = "x" if item.ticked_on else " "
            out(f"  [{mark}] {item.id:>4}  {item.text}")


def run_show(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        items = lib.checklist(args.id)
    emit(args, items, lambda: print_items(items))
    return 0


def run_tick(args: argparse.Namespace) -> int:
    on = None if args.undo else (parse_date(args.date) or date.today())
    with open_library(args) as lib:
        lib.tick_checklist_item(args.id, args.item, on)
    emit(
        args,
        {"interview_id": args.id, "item_id": args.item, "ticked_on": on},
        f"item {args.item} "
        + (f"ticked on {on.isoformat()}" if on else "unticked")
        + f" for interview {args.id}",
    )
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        item_id = lib.add_checklist_item(args.list, args.text)
    emit(args, {"id": item_id}, f"added item {item_id} to {LISTS.get(args.list, args.list)}")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        lib.edit_checklist_item(args.item, args.text)
    emit(args, {"id": args.item}, f"reworded item {args.item}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        lib.remove_checklist_item(args.item)
    emit(args, {"id": args.item}, f"removed item {args.item}")
    return 0


def run_move(args: argparse.Namespace) -> int:
    offsets = {"up": -1, "down": 1}
    if args.direction not in offsets:
        raise CommandError(f"move an item up or down, not {args.direction!r}")
    with open_library(args) as lib:
        lib.move_checklist_item(args.item, offsets[args.direction])
    emit(args, {"id": args.item}, f"moved item {args.item} {args.direction}")
    return 0


def run_phrases(args: argparse.Namespace) -> int:
    try:
        phrases = load_defaults().phrases
    except Exception as exc:  # noqa: BLE001 - a damaged resource file is one line for the user
        raise CommandError(str(exc)) from None
    emit(
        args,
        [{"when": w, "say": s} for w, s in phrases],
        lambda: out("\n".join(f"{w}:\n  {s}" for w, s in phrases)),
    )
    return 0
