"""From a mistake to what to do about it: the do-or-die triage, the recovery action chosen by
kind, the face / embrace / erase steps, and the practice question or checklist items it becomes.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from taketwo.domain.errors import DomainError
from taketwo.domain.mistake import Mistake, MistakeKind
from taketwo.domain.question import Question

TRIAGE_QUESTION = "If you were the interviewer, would you turn a candidate down for this?"


class RecoveryAction(StrEnum):
    TRIAGE = "triage"  # not triaged yet: ask the do-or-die question first
    PRACTISE = "practise"
    CHECKLIST = "checklist"
    CLARIFY_IN_NOTE = "clarify_in_note"
    SEND_RIGHT_RESUME = "send_right_resume"
    CALL_TO_RESCHEDULE = "call_to_reschedule"
    APOLOGISE_IN_NOTE = "apologise_in_note"

    @property
    def advice(self) -> str:
        return _ADVICE[self]

    @property
    def in_note(self) -> bool:
        """Whether the thank-you note carries this recovery."""
        return self in (
            RecoveryAction.CLARIFY_IN_NOTE,
            RecoveryAction.SEND_RIGHT_RESUME,
            RecoveryAction.APOLOGISE_IN_NOTE,
        )


_ADVICE = {
    RecoveryAction.TRIAGE: f"Answer the coach's question first: {TRIAGE_QUESTION}",
    RecoveryAction.PRACTISE: "Nothing to send. Practise the answer for next time.",
    RecoveryAction.CHECKLIST: "Nothing to send. It is on your checklist for the next interview.",
    RecoveryAction.CLARIFY_IN_NOTE: (
        "Add a short paragraph to the thank-you note offering to clarify and expand on the answer."
    ),
    RecoveryAction.SEND_RIGHT_RESUME: (
        "Apologise in the thank-you note and attach the right résumé."
    ),
    RecoveryAction.CALL_TO_RESCHEDULE: "Call them now to apologise and ask to reschedule.",
    RecoveryAction.APOLOGISE_IN_NOTE: "One line of apology in the thank-you note.",
}

# What a do-or-die mistake of each kind calls for; answer mistakes all get a clarifying paragraph.
_DO_OR_DIE = {
    MistakeKind.LATE: RecoveryAction.APOLOGISE_IN_NOTE,
    MistakeKind.WRONG_RESUME: RecoveryAction.SEND_RIGHT_RESUME,
    MistakeKind.MISSED_APPOINTMENT: RecoveryAction.CALL_TO_RESCHEDULE,
}


def recovery_action(mistake: Mistake) -> RecoveryAction:
    """The coach's rule: minor slips are practised (or checklisted), do-or-die ones recovered."""
    if not mistake.triaged:
        return RecoveryAction.TRIAGE
    if not mistake.do_or_die:
        return RecoveryAction.CHECKLIST if mistake.kind.is_logistics else RecoveryAction.PRACTISE
    return _DO_OR_DIE.get(mistake.kind, RecoveryAction.CLARIFY_IN_NOTE)


def triage(mistake: Mistake, do_or_die: bool, on: date) -> Mistake:
    """``mistake`` with the do-or-die question answered on ``on``."""
    triaged = dataclasses.replace(mistake, do_or_die=do_or_die, triaged_on=on)
    return dataclasses.replace(triaged, recovery_plan=recovery_action(triaged).advice)


def parse_yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("yes", "y"):
        return True
    if answer in ("no", "n"):
        return False
    raise DomainError(f"answer the do-or-die question with yes or no, not {text!r}")


# Face it, embrace it, erase it.


class Step(StrEnum):
    FACE = "face"
    EMBRACE = "embrace"
    ERASE = "erase"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]

    @property
    def field(self) -> str:
        return f"{self.value}d_on"


_STEP_LABELS = {
    Step.FACE: "Face it — own it, in the moment or after",
    Step.EMBRACE: "Embrace it — correct it: rephrase or clarify",
    Step.ERASE: "Erase it — move on: the note is sent, the answer rehearsed",
}


def step_date(mistake: Mistake, step: Step) -> date | None:
    value: date | None = getattr(mistake, step.field)
    return value


def set_step(mistake: Mistake, step: Step, on: date | None) -> Mistake:
    """``mistake`` with ``step`` ticked on ``on`` (``None`` unticks it)."""
    changes: dict[str, Any] = {step.field: on}
    return dataclasses.replace(mistake, **changes)


def standing(mistake: Mistake) -> str:
    """Where a mistake stands, in a word or two, for lists."""
    if not mistake.triaged:
        return "to triage"
    done = [s for s in Step if step_date(mistake, s) is not None]
    if len(done) == len(Step):
        return "done"
    if not done:
        return "do-or-die" if mistake.do_or_die else "minor"
    return " + ".join(f"{s.value}d" for s in done)


# What a mistake becomes: a practice question, or items on the next interview's checklist.


def practice_question(mistake: Mistake) -> Question:
    """The question to rehearse: the prompt is what was asked, the key points start from what
    the user meant to say or left out."""
    if mistake.kind.is_logistics:
        raise DomainError("a logistics slip goes on the checklist, not into practice")
    question = Question.from_mistake(mistake)
    question.key_points = key_points_from(mistake.meant)
    return question


_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s*")


def key_points_from(text: str) -> list[str]:
    """One key point per line (bullets and numbering dropped); one line is split at '; '."""
    lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
    points = [line for line in lines if line]
    if len(points) == 1 and ";" in points[0]:
        points = [p.strip() for p in points[0].split(";") if p.strip()]
    return points


@dataclass(frozen=True, slots=True)
class ChecklistSuggestion:
    list_key: str
    text: str


_LOGISTICS_ITEMS = {
    MistakeKind.LATE: (
        ChecklistSuggestion("night_before", "Check the route and travel time"),
        ChecklistSuggestion("morning_of", "Leave 30 minutes early"),
    ),
    MistakeKind.WRONG_RESUME: (
        ChecklistSuggestion("night_before", "Print the résumé for this role"),
        ChecklistSuggestion("night_before", "Check the résumé file you send is for this role"),
    ),
    MistakeKind.MISSED_APPOINTMENT: (
        ChecklistSuggestion("night_before", "Confirm the time, the time zone and the place"),
        ChecklistSuggestion("morning_of", "Set two reminders for the interview"),
    ),
}


def checklist_suggestions(mistake: Mistake) -> tuple[ChecklistSuggestion, ...]:
    """Logistics slips become items on the next interview's checklist."""
    return _LOGISTICS_ITEMS.get(mistake.kind, ())


# Habits are not mistakes to recover from.

_HABITS = re.compile(
    r"\b(nerv\w*|anxious|anxiety|sweat\w*|shak\w*|trembl\w*|blush\w*|stammer\w*|stutter\w*|"
    r"filler words?|ums?|uhs?|outfit|clothes|dressed|"
    r"speech habits?|spoke too fast|talked too fast|mumbl\w*)\b",
    re.IGNORECASE,
)


def habit_hint(*texts: str) -> str | None:
    """A kind word when the user logs nerves, clothes or speech habits as a mistake."""
    for text in texts:
        match = _HABITS.search(text)
        if match:
            return (
                f"“{match.group(0)}” is a habit, not a mistake to recover from: nobody "
                "needs an apology for it. Practise in Rehearse (Ctrl+2) instead."
            )
    return None
