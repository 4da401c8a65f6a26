"""Golden thank-you notes for a table of debriefs: each draft, with where its paragraphs come
from, is compared with a file a person has read. TAKETWO_BLESS=1 rewrites the files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from taketwo.domain import Interview, Mistake, MistakeKind, Question, QuestionSource
from taketwo.domain.note import Practice, compose_note
from taketwo.domain.recovery import triage

GOLDEN = Path(__file__).parent / "golden_notes"
DAY = dt.date(2026, 12, 3)
NAME = "Sam Lee"


def interview(**kw: object) -> Interview:
    values: dict[str, object] = dict(
        company="Northwind Payments",
        role="Backend Engineer",
        date=DAY,
        time=dt.time(10, 0),
        interviewers=["Ana Ruiz <ana@northwind.example>"],
        notes="- their on-call rota\n- froze on the failed-project question",
        note_topics="- their on-call rota\n- the move to event sourcing",
        id=1,
    )
    values.update(kw)
    return Interview(**values)  # type: ignore[arg-type]


def mistake(n: int, asked: str, kind: MistakeKind, do_or_die: bool, meant: str = "") -> Mistake:
    m = Mistake(
        asked=asked,
        what_went_wrong="I rambled and blamed the vendor",
        meant=meant,
        kind=kind,
        id=n,
        interview_id=1,
    )
    return triage(m, do_or_die, DAY)


FAILED = "“Tell me about a project that failed.”,"
MEANT = (
    "Own it: I under-estimated the migration\n- We rolled back within an hour, with no data lost"
)

CASES = {
    "do_or_die_answer": (interview(), [mistake(1, FAILED, MistakeKind.OMISSION, True, MEANT)]),
    "do_or_die_with_practice": (
        interview(),
        [mistake(1, "Why this company?", MistakeKind.WRONG_STAR_STORY, True, "ignored")],
    ),
    "lateness": (interview(), [mistake(1, "", MistakeKind.LATE, True)]),
    "wrong_resume": (interview(), [mistake(1, "", MistakeKind.WRONG_RESUME, True)]),
    "only_minor": (
        interview(),
        [
            mistake(1, "Describe a conflict", MistakeKind.DELIVERY, False, "the outcome"),
            mistake(2, "", MistakeKind.LATE, False),
        ],
    ),
    "two_interviewers": (
        interview(interviewers=["Ana Ruiz <ana@northwind.example>", "Ben Okafor <ben@nw.example>"]),
        [],
    ),
    "interviewer_without_email": (
        interview(interviewers=["Ana Ruiz <ana@northwind.example>", "Ben Okafor"]),
        [],
    ),
    "no_name_set": (interview(role="", note_topics=""), []),
}


def render(case: str) -> str:
    iv, mistakes = CASES[case]
    practice = {}
    if case == "do_or_die_with_practice":
        question = Question(
            prompt="Why this company?",
            key_points=["Your payments volume", "The team's on-call culture"],
            source=QuestionSource.MISTAKE,
            mistake_id=1,
            id=7,
        )
        practice = {1: Practice(question, 3, 5, "private take notes")}
    draft = compose_note(iv, mistakes, practice, "" if case == "no_name_set" else NAME)
    return (
        f"To: {', '.join(draft.to)}\nSubject: {draft.subject}\n\n{draft.body}\n"
        + " · ".join(draft.sources)
        + "\n"
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_note(case: str) -> None:
    path = GOLDEN / f"{case}.txt"
    got = render(case)
    if os.environ.get("TAKETWO_BLESS"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
