"""``taketwo interview add|list|show``: the interviews mistakes are noted against."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, one_line, open_library, positive_id, read_text_arg
from taketwo.domain import Interview, InterviewOutcome, InterviewStage


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("interview", parents=[common], help="add or list interviews")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", parents=[common], help="note an interview")
    a.add_argument("--company", required=True)
    a.add_argument("--role", default="")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="when it took place")
    a.add_argument("--stage", choices=[s.value for s in InterviewStage],
                   default=InterviewStage.OTHER.value)
    a.add_argument("--interviewer", action="append", default=[], metavar="NAME",
                   help="repeat for each interviewer")
    a.add_argument("--notes", default="", help="notes (- reads them from standard input)")
    a.add_argument("--outcome", choices=[o.value for o in InterviewOutcome],
                   default=InterviewOutcome.PENDING.value)
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", parents=[common], help="list interviews")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("show", parents=[common], help="an interview and its mistakes")
    a.add_argument("id", type=positive_id)
    a.set_defaults(handler=run_show)


def parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date takes YYYY-MM-DD, like 2026-11-22, not {text!r}") from None


def describe(item: Interview) -> str:
    stage = "" if item.stage is InterviewStage.OTHER else f" [{item.stage.value}]"
    return f"{item.id:>4}  {item.title}{stage}  ({item.outcome.value})"


def run_add(args: argparse.Namespace) -> int:
    when = parse_date(args.date)
    with open_library(args) as lib:
        item = lib.add_interview(Interview(
            company=args.company, role=args.role, date=when, stage=args.stage,
            interviewers=args.interviewer, notes=read_text_arg(args.notes),
            outcome=args.outcome))
    emit(args, item, f"added interview {item.id}: {item.title}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        items = lib.list_interviews()
    emit(args, items, lambda: print("\n".join(describe(i) for i in items) or "no interviews yet"))
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        item = lib.get_interview(args.id)
        mistakes = lib.list_mistakes(interview_id=args.id)

    def text() -> None:
        print(describe(item))
        if item.interviewers:
            print(f"      with {', '.join(item.interviewers)}")
        if item.notes:
            print(f"      {item.notes}")
        for m in mistakes:
            print(f"  mistake {m.id} [{m.kind.label}] {one_line(m.asked or m.what_went_wrong)}")

    emit(args, {"interview": item, "mistakes": mistakes}, text)
    return 0
