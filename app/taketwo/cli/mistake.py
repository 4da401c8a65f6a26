"""``taketwo mistake add|list``: what went wrong, and the question to rehearse because of it."""

from __future__ import annotations

import argparse
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, one_line, open_library, positive_id, read_text_arg
from taketwo.domain import Mistake, MistakeKind, MistakeStatus


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("mistake", parents=[common], help="add or list interview mistakes")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", parents=[common], help="note a mistake")
    a.add_argument("--interview", type=positive_id, metavar="ID",
                   help="the interview it happened in (leave out for a standalone mistake)")
    a.add_argument("--asked", default="", help="the question you were asked")
    a.add_argument("--wrong", default="", help="what went wrong")
    a.add_argument("--kind", choices=[k.value for k in MistakeKind],
                   default=MistakeKind.OMISSION.value)
    a.add_argument("--do-or-die", action="store_true", help="it could cost the offer")
    a.add_argument("--plan", default="", help="the recovery plan")
    a.add_argument("--resolution", default="", help="how it was resolved")
    a.add_argument("--status", choices=[s.value for s in MistakeStatus],
                   default=MistakeStatus.OPEN.value)
    a.add_argument("--rehearse", action="store_true",
                   help="also add the question to rehearse (its prompt is --asked)")
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", parents=[common], help="list mistakes")
    a.add_argument("--interview", type=positive_id, metavar="ID", help="only this interview's")
    a.add_argument("--open", action="store_true", help="only those not resolved")
    a.set_defaults(handler=run_list)


def describe(m: Mistake) -> str:
    flag = " DO-OR-DIE" if m.do_or_die else ""
    where = f" (interview {m.interview_id})" if m.interview_id else ""
    return (f"{m.id:>4}  [{m.status.value}] {m.kind.label}{flag}{where}: "
            f"{one_line(m.asked or m.what_went_wrong)}")


def run_add(args: argparse.Namespace) -> int:
    if not (args.asked.strip() or args.wrong.strip()):
        raise CommandError("say what was asked (--asked) or what went wrong (--wrong)")
    with open_library(args) as lib:
        item = lib.add_mistake(Mistake(
            asked=read_text_arg(args.asked), what_went_wrong=read_text_arg(args.wrong),
            kind=args.kind, do_or_die=args.do_or_die, recovery_plan=args.plan,
            resolution=args.resolution, status=args.status, interview_id=args.interview))
        assert item.id is not None
        question = lib.add_question_from_mistake(item.id) if args.rehearse else None
    if question is None:
        emit(args, item, f"added mistake {item.id}")
    else:
        emit(args, {"mistake": item, "question": question},
             f"added mistake {item.id} and question {question.id} to rehearse")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        items = lib.list_mistakes(interview_id=args.interview)
    if args.open:
        items = [m for m in items if m.status is not MistakeStatus.RESOLVED]
    emit(args, items, lambda: print("\n".join(describe(m) for m in items) or "no mistakes"))
    return 0
