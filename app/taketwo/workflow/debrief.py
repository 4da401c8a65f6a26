"""The Debrief's actions, the one way both the app and ``taketwo mistake`` take them.

"Rehearse this" links a mistake to one practice question: the one linked before, one with the
same text, or one the user picks from a short list; a new question only when none is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from taketwo.domain import Question
from taketwo.storage import Library


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """What "Rehearse this" came to: a question to open, or a short list to pick from."""

    question: Question | None = None
    created: bool = False
    candidates: tuple[Question, ...] = field(default_factory=tuple)

    @property
    def needs_choice(self) -> bool:
        return self.question is None


def rehearse_mistake(
    library: Library, mistake_id: int, *, pick: int | None = None, new: bool = False
) -> Rehearsal:
    """Link the mistake to its practice question. ``pick`` is a question the user chose from
    the candidates; ``new`` makes a new one even when similar questions exist."""
    if pick is None and not new and library.linked_or_same_question(mistake_id) is None:
        candidates = library.practice_candidates(mistake_id)
        if candidates:
            return Rehearsal(candidates=tuple(candidates))
    before = {s.question.id for s in library.list_questions()}
    question = library.rehearse_mistake(mistake_id, pick)
    return Rehearsal(question, created=question.id not in before)
