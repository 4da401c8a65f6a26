"""The model: interviews, mistakes, questions and takes, as plain dataclasses with their rules.

No Qt and no I/O here, so every rule is testable on its own.
"""

from taketwo.domain.clock import as_utc, utc_now
from taketwo.domain.errors import DomainError
from taketwo.domain.interview import Interview, InterviewOutcome, InterviewStage
from taketwo.domain.mistake import Mistake, MistakeKind, MistakeStatus
from taketwo.domain.question import (
    Question,
    QuestionSource,
    QuestionStatus,
    QuestionSummary,
    StarNotes,
)
from taketwo.domain.take import Take, TakeState, sidecar_for, validate_comfort

__all__ = [
    "DomainError",
    "Interview",
    "InterviewOutcome",
    "InterviewStage",
    "Mistake",
    "MistakeKind",
    "MistakeStatus",
    "Question",
    "QuestionSource",
    "QuestionStatus",
    "QuestionSummary",
    "StarNotes",
    "Take",
    "TakeState",
    "as_utc",
    "sidecar_for",
    "utc_now",
    "validate_comfort",
]
