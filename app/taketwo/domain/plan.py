"""The whole recovery plan for one interview on one page: mistakes and what to do about each,
practice progress, the checklist and the thank-you note."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from taketwo.domain.checklist import LISTS, ChecklistItem, grouped
from taketwo.domain.interview import Interview
from taketwo.domain.mistake import Mistake, MistakeStatus
from taketwo.domain.note import NoteDraft, NoteState, NoteStatus, Practice
from taketwo.domain.question import QuestionStatus
from taketwo.domain.recovery import RecoveryAction, Step, step_date


class MistakeState(StrEnum):
    """Where a mistake stands, the one fact the Library, the Debrief, the CLI and the plan show:
    open → practising → comfortable, plus done."""

    OPEN = "open"
    PRACTISING = "practising"
    COMFORTABLE = "comfortable"
    DONE = "done"


def mistake_state(mistake: Mistake, practice: Practice | None) -> MistakeState:
    """Done once all three steps are ticked (or it was marked resolved); else how far its
    practice question has come."""
    if mistake.status is MistakeStatus.RESOLVED or all(
        step_date(mistake, s) is not None for s in Step
    ):
        return MistakeState.DONE
    if practice is None or mistake.kind.is_logistics:
        return MistakeState.OPEN
    if practice.question.status is QuestionStatus.COMFORTABLE:
        return MistakeState.COMFORTABLE
    return MistakeState.PRACTISING


@dataclass(frozen=True, slots=True)
class MistakePlan:
    mistake: Mistake
    action: RecoveryAction
    standing: str
    practice: Practice | None

    @property
    def state(self) -> MistakeState:
        return mistake_state(self.mistake, self.practice)


@dataclass(frozen=True, slots=True)
class DebriefPlan:
    interview: Interview
    mistakes: tuple[MistakePlan, ...]
    checklist: tuple[ChecklistItem, ...]
    draft: NoteDraft
    note: NoteState
    note_text: str
    note_status: NoteStatus
    note_due: dt.datetime | None

    def to_dict(self) -> dict[str, object]:
        """Plain values for ``--json``."""
        return {
            "interview": self.interview,
            "mistakes": [
                {
                    "mistake": m.mistake,
                    "action": m.action,
                    "advice": m.action.advice,
                    "standing": m.standing,
                    "state": m.state.value,
                    "steps": {s.value: step_date(m.mistake, s) for s in Step},
                    "practice": None
                    if m.practice is None
                    else {
                        "question_id": m.practice.question.id,
                        "prompt": m.practice.question.prompt,
                        "take_count": m.practice.take_count,
                        "comfort": m.practice.comfort,
                    },
                }
                for m in self.mistakes
            ],
            "checklist": [
                {"id": i.id, "list": i.list_key, "text": i.text, "ticked_on": i.ticked_on}
                for i in self.checklist
            ],
            "note": {
                "to": list(self.draft.to),
                "subject": self.draft.subject,
                "text": self.note_text,
                "edited": self.note.edited,
                "sent_on": self.note.sent_on,
                "status": self.note_status.value,
                "due": self.note_due,
            },
        }


def practice_line(practice: Practice | None, width: int = 60) -> str:
    """The practice question by its prompt, and its takes: “Tell me about…” — 3 takes."""
    if practice is None:
        return ""
    prompt = " ".join(practice.question.prompt.split())
    if len(prompt) > width:
        prompt = prompt[: width - 1].rstrip() + "…"
    takes = f"{practice.take_count} take" + ("" if practice.take_count == 1 else "s")
    comfort = f", comfort {practice.comfort}/5" if practice.comfort else ""
    return f"“{prompt}” — {takes}{comfort}"


def state_line(state: MistakeState, practice: Practice | None) -> str:
    """A mistake's state and its practice question by name, as every list shows it."""
    line = practice_line(practice)
    return f"{state.value} · {line}" if line else state.value


def plan_markdown(plan: DebriefPlan) -> str:
    i = plan.interview
    when = " ".join(
        v
        for v in (i.date.isoformat() if i.date else "", i.time.strftime("%H:%M") if i.time else "")
        if v
    )
    lines = [f"# Debrief: {i.company}" + (f" — {i.role}" if i.role else ""), ""]
    lines.append(
        f"- When: {when or 'not given'}; stage: {i.stage.value}; outcome: {i.outcome.value}"
    )
    if i.interviewers:
        lines.append(f"- Interviewers: {', '.join(i.interviewers)}")
    lines += ["", "## Mistakes", ""]
    if not plan.mistakes:
        lines.append("None logged.")
    for m in plan.mistakes:
        mk = m.mistake
        lines.append(
            f"- **{' '.join((mk.asked or mk.what_went_wrong).split())}** "
            f"({mk.kind.label}; {m.standing})"
        )
        lines.append(f"  - Action: {m.action.advice}")
        steps = ", ".join(
            f"{s.value} {d.isoformat()}" if (d := step_date(mk, s)) else f"{s.value} —"
            for s in Step
        )
        lines.append(f"  - Steps: {steps}")
        lines.append(f"  - State: {state_line(m.state, m.practice)}")
    lines += ["", "## Checklist", ""]
    for key, items in grouped(list(plan.checklist)).items():
        if not items:
            continue
        lines.append(f"### {LISTS.get(key, key)}")
        lines += [f"- [{'x' if it.ticked_on else ' '}] {it.text}" for it in items]
        lines.append("")
    status = {NoteStatus.SENT: f"sent on {plan.note.sent_on}", NoteStatus.NONE: "not sent"}.get(
        plan.note_status, plan.note_status.value
    )
    lines += [
        "## Thank-you note",
        "",
        f"Subject: {plan.draft.subject} ({status}" + (", edited" if plan.note.edited else "") + ")",
        "",
    ]
    lines += [f"> {line}" if line else ">" for line in plan.note_text.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"
