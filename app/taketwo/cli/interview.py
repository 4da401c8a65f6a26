"""``taketwo interview add|edit|list|show``: the interviews mistakes are noted against."""

from __future__ import annotations

import argparse
from datetime import date, time
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, one_line, open_library, out, positive_id, read_text_arg
from taketwo.domain import DomainError, Interview, InterviewOutcome, InterviewStage
from taketwo.domain import interview as rules


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("interview", parents=[common], help="add or list interviews")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", parents=[common], help="note an interview")
    a.add_argument("--company", required=True)
    a.add_argument("--role", default="")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="when it took place")
    a.add_argument("--time", metavar="HH:MM", help="what time it began (local)")
    a.add_argument(
        "--stage", choices=[s.value for s in InterviewStage], default=InterviewStage.OTHER.value
    )
    a.add_argument(
        "--interviewer",
        action="append",
        default=[],
        metavar="NAME",
        help="repeat for each interviewer; 'Ana Ruiz <ana@acme.com>' adds an e-mail",
    )
    a.add_argument(
        "--notes", default="", help="how it went, private (- reads them from standard input)"
    )
    a.add_argument(
        "--talked-about",
        default="",
        metavar="TEXT",
        help="what you talked about, one per line: the thank-you note mentions these",
    )
    a.add_argument(
        "--outcome",
        choices=[o.value for o in InterviewOutcome],
        default=InterviewOutcome.PENDING.value,
    )
    a.set_defaults(handler=run_add)
    a = actions.add_parser("edit", parents=[common], help="change an interview")
    a.add_argument("id", type=positive_id)
    a.add_argument("--company")
    a.add_argument("--role")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="'' clears it")
    a.add_argument("--time", metavar="HH:MM", help="'' clears it")
    a.add_argument("--stage", choices=[s.value for s in InterviewStage])
    a.add_argument(
        "--interviewer",
        action="append",
        metavar="NAME",
        help="replaces the interviewers; repeat for each",
    )
    a.add_argument("--notes", help="how it went, private (- reads them from standard input)")
    a.add_argument(
        "--talked-about", metavar="TEXT", help="what you talked about, for the thank-you note"
    )
    a.add_argument("--outcome", choices=[o.value for o in InterviewOutcome])
    a.set_defaults(handler=run_edit)
    a = actions.add_parser("list", parents=[common], help="list interviews")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("show", parents=[common], help="an interview and its mistakes")
    a.add_argument("id", type=positive_id)
    a.set_defaults(handler=run_show)


def parse_date(text: str | None) -> date | None:
    try:
        return rules.parse_date(text or "")
    except DomainError as exc:
        raise CommandError(f"--date: {exc}") from None


def parse_time(text: str | None) -> time | None:
    try:
        return rules.parse_time(text or "")
    except DomainError as exc:
        raise CommandError(f"--time: {exc}") from None


def parse_people(entries: list[str]) -> list[str]:
    try:
        return rules.clean_interviewers(entries)
    except DomainError as exc:
        raise CommandError(f"--interviewer: {exc}") from None


def describe(item: Interview) -> str:
    stage = "" if item.stage is InterviewStage.OTHER else f" [{item.stage.value}]"
    return f"{item.id:>4}  {item.title}{stage}  ({item.outcome.value})"


def run_add(args: argparse.Namespace) -> int:
    when, at, people = parse_date(args.date), parse_time(args.time), parse_people(args.interviewer)
    with open_library(args) as lib:
        item = lib.add_interview(
            Interview(
                company=args.company,
                role=args.role,
                date=when,
                time=at,
                stage=args.stage,
                interviewers=people,
                notes=read_text_arg(args.notes),
                note_topics=read_text_arg(args.talked_about),
                outcome=args.outcome,
            )
        )
    emit(args, item, f"added interview {item.id}: {item.title}")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    for name in ("company", "role", "stage", "outcome"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.date is not None:
        changes["date"] = parse_date(args.date)
    if args.time is not None:
        changes["time"] = parse_time(args.time)
    if args.interviewer is not None:
        changes["interviewers"] = parse_people(args.interviewer)
    if args.notes is not None:
        changes["notes"] = read_text_arg(args.notes)
    if args.talked_about is not None:
        changes["note_topics"] = read_text_arg(args.talked_about)
    if not changes:
        raise CommandError("say what to change (see `taketwo interview edit --help`)")
    with open_library(args) as lib:
        item = lib.update_interview(args.id, **changes)
    emit(args, item, f"changed interview {item.id}: {item.title}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        items = lib.list_interviews()
    emit(args, items, lambda: out("\n".join(describe(i) for i in items) or "no interviews yet"))
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        item = lib.get_interview(args.id)
        mistakes = lib.list_mistakes(interview_id=args.id)

    def text() -> None:
        out(describe(item))
        if item.interviewers:
            out(f"      with {', '.join(item.interviewers)}")
        topics = [line.strip() for line in item.note_topics.splitlines() if line.strip()]
        if topics:
            out(f"      talked about: {'; '.join(topics)}")
        if item.notes:
            out(f"      {item.notes}")
        for m in mistakes:
            out(f"  mistake {m.id} [{m.kind.label}] {one_line(m.asked or m.what_went_wrong)}")

    emit(args, {"interview": item, "mistakes": mistakes}, text)
    return 0
