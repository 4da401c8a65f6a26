"""Something that went wrong in an interview, and what the user plans to do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from taketwo.domain.clock import utc_now
from taketwo.domain.errors import DomainError
from taketwo.domain.interview import TEXT_LIMIT, check_length


class MistakeKind(StrEnum):
    OMISSION = "omission"
    DELIVERY = "delivery"
    WRONG_STAR_STORY = "wrong_star_story"
    IRRELEVANT_DETAIL = "irrelevant_detail"
    FORGOT_TO_MENTION = "forgot_to_mention"  # relocation, travel, notice period...
    LATE = "late"
    WRONG_RESUME = "wrong_resume"
    MISSED_APPOINTMENT = "missed_appointment"

    @property
    def is_logistics(self) -> bool:
        """Logistics slips are fixed with a checklist, not by rehearsing an answer."""
        return self in _LOGISTICS

    @property
    def label(self) -> str:
        return _LABELS[self]


_LOGISTICS = frozenset({MistakeKind.LATE, MistakeKind.WRONG_RESUME, MistakeKind.MISSED_APPOINTMENT})
_LABELS = {
    MistakeKind.OMISSION: "left something out",
    MistakeKind.DELIVERY: "delivery",
    MistakeKind.WRONG_STAR_STORY: "wrong STAR story",
    MistakeKind.IRRELEVANT_DETAIL: "irrelevant detail",
    MistakeKind.FORGOT_TO_MENTION: "forgot to mention",
    MistakeKind.LATE: "logistics: late",
    MistakeKind.WRONG_RESUME: "logistics: wrong résumé sent",
    MistakeKind.MISSED_APPOINTMENT: "logistics: missed the appointment",
}


class MistakeStatus(StrEnum):
    OPEN = "open"
    PRACTISING = "practising"
    RESOLVED = "resolved"


@dataclass(slots=True)
class Mistake:
    asked: str
    what_went_wrong: str = ""  # what the user said, or what happened
    kind: MistakeKind = MistakeKind.OMISSION
    do_or_die: bool = False
    meant: str = ""  # what the user meant to say, or left out
    triaged_on: date | None = None  # when the do-or-die question was answered
    faced_on: date | None = None  # the three recovery steps, each ticked with a date
    embraced_on: date | None = None
    erased_on: date | None = None
    recovery_plan: str = ""
    resolution: str = ""
    status: MistakeStatus = MistakeStatus.OPEN
    interview_id: int | None = None
    id: int | None = None
    created: datetime = field(default_factory=utc_now)
    question_id: int | None = None  # the one question it is practised with, once linked

    def __post_init__(self) -> None:
        self.kind = MistakeKind(self.kind)
        self.status = MistakeStatus(self.status)
        self.do_or_die = bool(self.do_or_die)
        if not (self.asked.strip() or self.what_went_wrong.strip()):
            raise DomainError("a mistake needs what was asked or what went wrong")
        for label, text in (
            ("what was asked", self.asked),
            ("what you said", self.what_went_wrong),
            ("what you meant", self.meant),
            ("the plan", self.recovery_plan),
            ("the resolution", self.resolution),
        ):
            check_length(label, text, TEXT_LIMIT)

    @property
    def triaged(self) -> bool:
        return self.triaged_on is not None

    @property
    def needs_rehearsal(self) -> bool:
        """Whether this mistake should become a question to practise."""
        return not self.kind.is_logistics and self.status is not MistakeStatus.RESOLVED
