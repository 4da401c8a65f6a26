"""A prompt the user rehearses, with what a good answer must contain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from taketwo.domain.clock import utc_now
from taketwo.domain.errors import DomainError
from taketwo.domain.mistake import Mistake

_NOT_WORDS = re.compile(r"[\W_]+")


def same_text(prompt: str) -> str:
    """A prompt reduced to what makes two questions the same: its words, case and punctuation
    and spacing ignored."""
    return _NOT_WORDS.sub(" ", prompt.casefold()).strip()


class QuestionStatus(StrEnum):
    PRACTISING = "practising"
    COMFORTABLE = "comfortable"


class QuestionSource(StrEnum):
    MISTAKE = "mistake"
    FREE = "free"
    BANK = "bank"
    RECOVERED = "recovered"  # made by `library check` to hold takes found without a question
    SAMPLE = "sample"  # one of the bundled samples, tried from the first-start screen


@dataclass(slots=True)
class StarNotes:
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""

    def is_empty(self) -> bool:
        return not (self.situation or self.task or self.action or self.result)


@dataclass(slots=True)
class Question:
    prompt: str
    key_points: list[str] = field(default_factory=list)
    star: StarNotes = field(default_factory=StarNotes)
    target_seconds: int | None = None
    status: QuestionStatus = QuestionStatus.PRACTISING
    source: QuestionSource = QuestionSource.FREE
    mistake_id: int | None = None
    bank_ref: str | None = None
    id: int | None = None
    folder: str = ""  # the media folder name, fixed when the question is created
    created: datetime = field(default_factory=utc_now)
    trashed_at: datetime | None = None

    def __post_init__(self) -> None:
        self.status = QuestionStatus(self.status)
        self.source = QuestionSource(self.source)
        self.key_points = list(self.key_points)
        if not self.prompt.strip():
            raise DomainError("a question needs a prompt")
        if self.target_seconds is not None and not 1 <= self.target_seconds <= 3600:
            raise DomainError("the target answer length must be between 1 s and 1 hour")
        if self.source is QuestionSource.MISTAKE and self.mistake_id is None:
            raise DomainError("a question from a mistake must name the mistake")

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None

    @property
    def is_sample(self) -> bool:
        """A bundled sample the user tried, not a question of their own."""
        return self.source is QuestionSource.SAMPLE

    @classmethod
    def from_mistake(cls, mistake: Mistake) -> Question:
        """The question to rehearse after ``mistake``: its prompt is what was asked."""
        if mistake.id is None:
            raise DomainError("save the mistake before making a question from it")
        prompt = mistake.asked.strip() or mistake.what_went_wrong.strip()
        return cls(prompt=prompt, source=QuestionSource.MISTAKE, mistake_id=mistake.id)


@dataclass(slots=True, frozen=True)
class QuestionSummary:
    """A question as the library list shows it: with its take count and best take."""

    question: Question
    take_count: int
    best_take_id: int | None
    last_take_at: datetime | None
