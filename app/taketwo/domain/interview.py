"""An interview the user went to: who, when, what stage, how it went."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from taketwo.domain.clock import utc_now
from taketwo.domain.errors import DomainError

# Long enough for any debrief (and a pasted 10,000-character answer), short enough to show.
TEXT_LIMIT = 100_000
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+$")
_WITH_EMAIL = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>\s*$")


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


def check_length(label: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise DomainError(f"{label} is {len(text):,} characters long; the limit is {limit:,}")


@dataclass(slots=True, frozen=True)
class Interviewer:
    """Someone who interviewed the user; stored as ``Name <e-mail>`` or just ``Name``."""

    name: str
    email: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError("an interviewer needs a name")
        check_length("an interviewer's name", self.name, TEXT_LIMIT)
        if self.email and not _EMAIL.match(self.email):
            raise DomainError(f"{self.email!r} is not an e-mail address (like ana@example.com)")

    @classmethod
    def parse(cls, text: str) -> Interviewer:
        """``Ana Ruiz <ana@acme.com>``, ``Ana Ruiz`` or a bare ``ana@acme.com``."""
        text = " ".join(text.split())
        match = _WITH_EMAIL.match(text)
        if match:
            return cls(match["name"].strip() or match["email"].strip(), match["email"].strip())
        if "@" in text and " " not in text:
            return cls(text, text)
        if "<" in text or ">" in text:
            raise DomainError(f"write an interviewer as Name <e-mail>, not {text!r}")
        return cls(text)

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass(slots=True)
class Interview:
    company: str
    role: str = ""
    date: dt.date | None = None
    time: dt.time | None = None  # local wall-clock time, when the user knows it
    stage: InterviewStage = InterviewStage.OTHER
    interviewers: list[str] = field(default_factory=list)
    notes: str = ""  # how it went: private, never in the thank-you note
    outcome: InterviewOutcome = InterviewOutcome.PENDING
    id: int | None = None
    created: dt.datetime = field(default_factory=utc_now)
    note_topics: str = ""  # what was talked about, one per line: meant for the thank-you note

    def __post_init__(self) -> None:
        self.stage = InterviewStage(self.stage)
        self.outcome = InterviewOutcome(self.outcome)
        self.interviewers = list(self.interviewers)
        if not self.company.strip():
            raise DomainError("an interview needs a company")
        check_length("the company name", self.company, TEXT_LIMIT)
        check_length("the role", self.role, TEXT_LIMIT)
        check_length("the notes", self.notes, TEXT_LIMIT)
        check_length("what you talked about", self.note_topics, TEXT_LIMIT)
        if self.time is not None and self.date is None:
            raise DomainError("give the interview's date as well as its time")

    @property
    def people(self) -> list[Interviewer]:
        """The interviewers by name and e-mail (an entry that does not parse is all name)."""
        out = []
        for entry in self.interviewers:
            try:
                out.append(Interviewer.parse(entry))
            except DomainError:
                if entry.strip():
                    out.append(Interviewer(" ".join(entry.split()) or entry))
        return out

    @property
    def starts_at(self) -> dt.datetime | None:
        """When it began, local time; the start of the day when only the date is known."""
        if self.date is None:
            return None
        return dt.datetime.combine(self.date, self.time or dt.time(0, 0))

    @property
    def title(self) -> str:
        parts = [self.company, self.role, self.date.isoformat() if self.date else ""]
        return " · ".join(p for p in parts if p)


def parse_date(text: str) -> dt.date | None:
    """A date the user typed (YYYY-MM-DD); empty means not known."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"a date is written YYYY-MM-DD, like 2026-11-22, not {text!r}") from None


def parse_time(text: str) -> dt.time | None:
    """A time of day the user typed (HH:MM, 24-hour); empty means not known."""
    text = text.strip()
    if not text:
        return None
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        raise DomainError(f"a time is written HH:MM, like 14:30, not {text!r}") from None
    return value.replace(second=0, microsecond=0, tzinfo=None)


def clean_interviewers(entries: list[str]) -> list[str]:
    """Interviewers the user typed, one per entry (blank ones skipped), checked and tidied."""
    return [str(Interviewer.parse(e)) for e in entries if e.strip()]
