"""A library whose every text field holds the same hostile text (markup, terminal control
sequences): what the rich-text and terminal-output tests walk every screen and command with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from taketwo.domain import Interview, Mistake, MistakeKind, Question, StarNotes
from taketwo.storage import Library
from taketwo.storage.feedback import Comment, Feedback
from tests.support.library_media import make_video

# Retitles the terminal, clears it, hides what follows; a C1 CSI; a bidi override.
TERMINAL_ATTACK = "\x1b]0;pwned\x07\x1b[2J\x1b[8mhidden\x9b31m\u202eevil"


@dataclass(frozen=True)
class HostileIds:
    question: int
    take: int  # the second of two
    interview: int
    mistake: int


def fill_library(folder: Path, text: str) -> HostileIds:
    """Put ``text`` into every text field a screen or a command shows."""
    with Library.open(folder) as lib:
        interview = lib.add_interview(
            Interview(company=f"Co {text}", role=text, interviewers=[text], notes=text)
        )
        assert interview.id is not None
        mistake = lib.add_mistake(
            Mistake(
                asked=text,
                what_went_wrong=text,
                meant=text,
                kind=MistakeKind.OMISSION,
                interview_id=interview.id,
                recovery_plan=text,
            )
        )
        assert mistake.id is not None
        question = lib.add_question(
            Question(
                prompt=f"Q {text}",
                key_points=[text],
                star=StarNotes(text, text, text, text),
                target_seconds=60,
            )
        )
        assert question.id is not None
        for _ in range(2):  # two, so Compare has a pair
            take = lib.begin_take(question.id, {"camera": text, "microphone": text})
            assert take.id is not None
            assert take.path is not None
            make_video(take.path, 1.0, size=(160, 120))
            lib.finish_take(take.id, 1.0)
        lib.note_take(take.id, text)
        lib.set_transcript(take.id, text)
        lib.record_pack("hostilepack1", [take.id], ask=text)
        lib.import_feedback(
            Feedback("hostilepack1", text, (Comment(take.id, 0.5, text, text, "hostilepack1"),))
        )
        lib.add_checklist_item("night_before", text)
        return HostileIds(question.id, take.id, interview.id, mistake.id)
