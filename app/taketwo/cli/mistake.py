"""``taketwo mistake add|list|triage|step|rehearse``: what went wrong, whether it is do-or-die,
the recovery steps, and the question to rehearse because of it."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, one_line, open_library, out, positive_id, read_text_arg
from taketwo.cli.interview import parse_date
from taketwo.domain import DomainError, Mistake, MistakeKind, MistakeStatus, Question
from taketwo.domain.note import Practice
from taketwo.domain.plan import MistakeState, mistake_state, practice_line, state_line
from taketwo.domain.recovery import (
    TRIAGE_QUESTION,
    Step,
    habit_hint,
    parse_yes_no,
    recovery_action,
    standing,
)
from taketwo.workflow.debrief import rehearse_mistake


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("mistake", parents=[common], help="add or list interview mistakes")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", parents=[common], help="note a mistake")
    a.add_argument(
        "--interview",
        type=positive_id,
        metavar="ID",
        help="the interview it happened in (leave out for a standalone mistake)",
    )
    a.add_argument("--asked", default="", help="the question you were asked")
    a.add_argument("--wrong", "--said", default="", help="what you said, or what went wrong")
    a.add_argument(
        "--meant",
        default="",
        help="what you meant to say or left out; one key "
        "point per line (- reads it from standard input)",
    )
    a.add_argument(
        "--kind", choices=[k.value for k in MistakeKind], default=MistakeKind.OMISSION.value
    )
    a.add_argument("--do-or-die", action="store_true", help="it could cost the offer")
    a.add_argument("--plan", default="", help="the recovery plan")
    a.add_argument("--resolution", default="", help="how it was resolved")
    a.add_argument(
        "--status", choices=[s.value for s in MistakeStatus], default=MistakeStatus.OPEN.value
    )
    a.add_argument(
        "--rehearse",
        action="store_true",
        help="also add the question to rehearse (its prompt is --asked)",
    )
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", parents=[common], help="list mistakes")
    a.add_argument("--interview", type=positive_id, metavar="ID", help="only this interview's")
    a.add_argument("--open", action="store_true", help="only those not resolved")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("triage", parents=[common], help="do or die? " + TRIAGE_QUESTION)
    a.add_argument("id", type=positive_id)
    a.add_argument(
        "--do-or-die",
        dest="answer",
        metavar="yes|no",
        required=True,
        help="yes: recover it now; no: practise it for next time",
    )
    a.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    a.set_defaults(handler=run_triage)
    a = actions.add_parser(
        "step", parents=[common], help="tick face, embrace or erase: own it, correct it, move on"
    )
    a.add_argument("id", type=positive_id)
    a.add_argument("step", metavar="face|embrace|erase")
    a.add_argument("--undo", action="store_true", help="untick it")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    a.set_defaults(handler=run_step)
    a = actions.add_parser(
        "rehearse",
        parents=[common],
        help="link an answer mistake to its one practice question (an existing one if it matches)",
    )
    a.add_argument("id", type=positive_id)
    which = a.add_mutually_exclusive_group()
    which.add_argument(
        "--question", type=positive_id, metavar="QID", help="practise it with this question"
    )
    which.add_argument(
        "--new", action="store_true", help="make a new question even if similar ones exist"
    )
    a.set_defaults(handler=run_rehearse)


def describe(m: Mistake, state: MistakeState, practice: Practice | None) -> str:
    stands = standing(m)
    flag = " · do-or-die" if m.do_or_die and stands != "do-or-die" else ""  # said once
    where = f" (interview {m.interview_id})" if m.interview_id else ""
    return (
        f"{m.id:>4}  [{stands}] {m.kind.label}{flag}{where}: "
        f"{one_line(m.asked or m.what_went_wrong)}\n      {state_line(state, practice)}"
    )


def today_or(text: str | None) -> date:
    return parse_date(text) or date.today()


def run_add(args: argparse.Namespace) -> int:
    if not (args.asked.strip() or args.wrong.strip()):
        raise CommandError("say what was asked (--asked) or what went wrong (--wrong)")
    if args.rehearse and MistakeKind(args.kind).is_logistics:
        raise CommandError(
            "a logistics slip goes on the checklist, not into practice; leave out --rehearse"
        )
    asked, said = read_text_arg(args.asked), read_text_arg(args.wrong)
    meant = read_text_arg(args.meant)
    hint = habit_hint(asked, said)
    if hint and not args.json:
        out(f"taketwo: note: {hint}", file=sys.stderr)
    with open_library(args) as lib:
        item = lib.add_mistake(
            Mistake(
                asked=asked,
                what_went_wrong=said,
                meant=meant,
                kind=args.kind,
                do_or_die=args.do_or_die,
                recovery_plan=args.plan,
                resolution=args.resolution,
                status=args.status,
                interview_id=args.interview,
            )
        )
        mistake_id = item.id
        assert mistake_id is not None
        if args.do_or_die:
            item = lib.triage_mistake(mistake_id, True, date.today())
        rehearsal = rehearse_mistake(lib, mistake_id) if args.rehearse else None
    question = rehearsal.question if rehearsal else None
    if rehearsal is not None and rehearsal.needs_choice:
        emit(
            args,
            {"mistake": item, "candidates": rehearsal.candidates},
            lambda: print(f"added mistake {item.id}\n" + _choose(item.id, rehearsal.candidates)),
        )
    elif question is None:
        emit(args, item, f"added mistake {item.id}")
    else:
        emit(
            args,
            {"mistake": item, "question": question},
            f"added mistake {item.id}; rehearse it with question {question.id}",
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        items = lib.list_mistakes(interview_id=args.interview)
        states = lib.mistake_states(items)
    if args.open:
        items = [m for m in items if m.id is None or states[m.id][0] is not MistakeState.DONE]
    data = [{**_as_dict(m), "state": states[m.id][0].value} for m in items if m.id is not None]
    emit(
        args,
        data,
        lambda: out(
            "\n".join(describe(m, *states[m.id]) for m in items if m.id is not None)
            or "no mistakes"
        ),
    )
    return 0


def _as_dict(m: Mistake) -> dict[str, Any]:
    return {f.name: getattr(m, f.name) for f in dataclasses.fields(m)}


def _choose(mistake_id: int | None, candidates: tuple[Question, ...]) -> str:
    lines = [f"{q.id:>6}  {one_line(q.prompt)}" for q in candidates]
    return (
        "No question has the same text; these are close:\n"
        + "\n".join(lines)
        + f"\npick one: taketwo mistake rehearse {mistake_id} --question QID"
        + f"\nor make a new one: taketwo mistake rehearse {mistake_id} --new"
    )


def run_triage(args: argparse.Namespace) -> int:
    try:
        answer = parse_yes_no(args.answer)
    except DomainError as exc:
        raise CommandError(str(exc)) from None
    on = today_or(args.date)
    with open_library(args) as lib:
        item = lib.triage_mistake(args.id, answer, on)
    emit(
        args,
        {"mistake": item, "action": recovery_action(item)},
        f"mistake {item.id}: {'do-or-die' if answer else 'minor'}. {recovery_action(item).advice}",
    )
    return 0


def run_step(args: argparse.Namespace) -> int:
    try:
        step = Step(args.step.strip().lower())
    except ValueError:
        raise CommandError(f"the steps are face, embrace and erase, not {args.step!r}") from None
    on = None if args.undo else today_or(args.date)
    with open_library(args) as lib:
        item = lib.set_mistake_step(args.id, step, on)
    done = "unticked" if on is None else f"ticked on {on.isoformat()}"
    emit(args, item, f"mistake {item.id}: {step.label} — {done}")
    return 0


def run_rehearse(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        rehearsal = rehearse_mistake(lib, args.id, pick=args.question, new=args.new)
        practice = lib.practice(args.id) if rehearsal.question is not None else None
        mistake = lib.get_mistake(args.id)
    if rehearsal.needs_choice:
        emit(
            args,
            {"mistake_id": args.id, "candidates": rehearsal.candidates},
            lambda: print(_choose(args.id, rehearsal.candidates)),
        )
        return 2
    question = rehearsal.question
    assert question is not None
    emit(
        args,
        {
            "question": question,
            "created": rehearsal.created,
            "take_count": practice.take_count if practice else 0,
            "comfort": practice.comfort if practice else None,
            "state": mistake_state(mistake, practice).value,
        },
        ("made a new question: " if rehearsal.created else "rehearse ")
        + f"{practice_line(practice)} (taketwo record --question {question.id})",
    )
    return 0
