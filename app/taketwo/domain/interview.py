"""An interview the user went to: who, when, what stage, how it went."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from taketwo.domain.clock import utc_now
from taketwo.domain.errors import DomainError


class InterviewStage(StrEnum):
    SCREENING = "screening"
    PHONE = "phone"
    TECHNICAL = "technical"
    TAKE_HOME = "take_home"
    ONSITE = "onsite"
    PANEL = "panel"
    FINAL = "final"
    OTHER = "other"


class InterviewOutcome(StrEnum):
    PENDING = "pending"
    ADVANCED = "advanced"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDREW = "withdrew"


@dataclass(slots=True)
class Interview:
    company: str
    role: str = ""
    date: dt.date | None = None
    stage: InterviewStage = InterviewStage.OTHER
    interviewers: list[str] = field(default_factory=list)
    notes: str = ""
    outcome: InterviewOutcome = InterviewOutcome.PENDING
    id: int | None = None
    created: dt.datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        self.stage = InterviewStage(self.stage)
        self.outcome = InterviewOutcome(self.outcome)
        self.interviewers = list(self.interviewers)
        if not self.company.strip():
            raise DomainError("an interview needs a company")

    @property
    def title(self) -> str:
        parts = [self.company, self.role, self.date.isoformat() if self.date else ""]
        return " · ".join(p for p in parts if p)
