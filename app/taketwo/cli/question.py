"""``taketwo question add|list|show|status|trash|restore|purge``: the prompts to rehearse."""

from __future__ import annotations

import argparse
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import (
    emit,
    one_line,
    open_library,
    out,
    positive_id,
    read_text_arg,
    whole_number,
)
from taketwo.cli.takes import describe_take
from taketwo.domain import Question, QuestionSource, QuestionStatus, StarNotes
from taketwo.domain.formatting import length_text


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("question", parents=[common], help="add, list or show questions")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", parents=[common], help="add a question to rehearse")
    a.add_argument("prompt", nargs="?", help="the question (- reads it from standard input)")
    a.add_argument(
        "--mistake",
        type=positive_id,
        metavar="ID",
        help="the mistake it comes from (its prompt is used if none is given)",
    )
    a.add_argument("--bank", metavar="REF", help="where in a question bank it comes from")
    a.add_argument(
        "--key-point",
        action="append",
        default=[],
        metavar="TEXT",
        help="a point the answer must hit; repeat for each",
    )
    a.add_argument("--situation", default="")
    a.add_argument("--task", default="")
    a.add_argument("--action", dest="star_action", default="")
    a.add_argument("--result", default="")
    a.add_argument(
        "--target-seconds",
        type=whole_number(1, 24 * 3600),
        metavar="N",
        help="target answer length in seconds",
    )
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", parents=[common], help="questions with their take counts")
    a.add_argument("--status", choices=[s.value for s in QuestionStatus])
    a.add_argument("--trashed", action="store_true", help="include questions in the trash")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("show", parents=[common], help="a question and its takes")
    a.add_argument("id", type=positive_id)
    a.set_defaults(handler=run_show)
    a = actions.add_parser("status", parents=[common], help="practising or comfortable")
    a.add_argument("id", type=positive_id)
    a.add_argument("status", choices=[s.value for s in QuestionStatus])
    a.set_defaults(handler=run_status)
    for name, text in (
        ("trash", "move a question and its takes to the trash"),
        ("restore", "bring a question back from the trash"),
        ("purge", "delete a trashed question and its takes for good"),
    ):
        a = actions.add_parser(name, parents=[common], help=text)
        a.add_argument("id", type=positive_id)
        a.set_defaults(handler=run_trash_action, trash_action=name)


def describe(q: Question, takes: int | None = None) -> str:
    count = "" if takes is None else f" {takes:>3} takes"
    trashed = " (trashed)" if q.trashed else ""
    return f"{q.id:>4}  [{q.status.value:<11}]{count}  {one_line(q.prompt)}{trashed}"


def run_add(args: argparse.Namespace) -> int:
    prompt = read_text_arg(args.prompt) if args.prompt else ""
    if not prompt.strip() and args.mistake is None:
        raise CommandError("give the question's prompt, or --mistake ID to use a mistake's")
    with open_library(args) as lib:
        if not prompt.strip():
            mistake = lib.get_mistake(args.mistake)
            prompt = mistake.asked or mistake.what_went_wrong
        source = (
            QuestionSource.MISTAKE
            if args.mistake
            else QuestionSource.BANK
            if args.bank
            else QuestionSource.FREE
        )
        item = lib.add_question(
            Question(
                prompt=prompt,
                key_points=args.key_point,
                source=source,
                mistake_id=args.mistake,
                bank_ref=args.bank,
                target_seconds=args.target_seconds,
                star=StarNotes(args.situation, args.task, args.star_action, args.result),
            )
        )
    emit(args, item, f"added question {item.id}: {one_line(item.prompt)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        items = lib.list_questions(include_trashed=args.trashed, status=args.status)
    emit(
        args,
        items,
        lambda: out(
            "\n".join(describe(s.question, s.take_count) for s in items) or "no questions yet"
        ),
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        item = lib.get_question(args.id)
        takes = lib.list_takes(args.id, include_trashed=True)

    def text() -> None:
        out(describe(item))
        if item.target_seconds:
            out(f"      target: {length_text(item.target_seconds)}")
        for point in item.key_points:
            out(f"      - {point}")
        for label, value in (
            ("S", item.star.situation),
            ("T", item.star.task),
            ("A", item.star.action),
            ("R", item.star.result),
        ):
            if value:
                out(f"      {label}: {one_line(value, 90)}")
        out(f"      folder: {item.folder}")
        for take in takes:
            out("  " + describe_take(take))

    emit(args, {"question": item, "takes": takes}, text)
    return 0


def run_status(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        item = lib.update_question(args.id, status=QuestionStatus(args.status))
    emit(args, item, f"question {item.id} is now {item.status.value}")
    return 0


def run_trash_action(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        if args.trash_action == "trash":
            item = lib.trash_question(args.id)
            emit(args, item, f"moved question {args.id} and its takes to the trash")
        elif args.trash_action == "restore":
            item = lib.restore_question(args.id)
            emit(args, item, f"restored question {args.id}")
        else:
            takes = lib.purge_question(args.id)
            emit(
                args,
                {"id": args.id, "purged_takes": takes},
                f"deleted question {args.id} and {takes} takes for good",
            )
    return 0
