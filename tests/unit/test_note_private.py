"""Private debrief text never reaches the thank-you note: whatever is typed into "How it went",
"You said", a take's notes or ratings, none of it appears in the subject, the body or the
mailto: link (decoded or not)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from taketwo.domain import Interview, Mistake, MistakeKind, Question, QuestionSource
from taketwo.domain.note import Practice, compose_note, mailto_link
from taketwo.domain.recovery import triage

DAY = dt.date(2026, 12, 3)
# Text long enough that it cannot turn up in the note by chance, in any script.
private = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
    min_size=6,
    max_size=80,
).filter(lambda t: len(t.strip()) >= 6)


def compose(how_it_went: str, you_said: str, take_notes: str, comfort: int) -> tuple[str, ...]:
    interview = Interview(
        company="Acme",
        role="SRE",
        date=DAY,
        interviewers=["Ana Ruiz <ana@acme.example>"],
        notes=how_it_went,
        note_topics="the on-call rota",
        id=1,
    )
    mistakes = [
        triage(
            Mistake(
                asked="Tell me about a failure",
                what_went_wrong=you_said,
                meant="the rollback",
                kind=kind,
                id=n,
                interview_id=1,
            ),
            True,
            DAY,
        )
        for n, kind in enumerate(MistakeKind, 1)
    ]
    question = Question(
        prompt="Tell me about a failure",
        key_points=["the rollback"],
        source=QuestionSource.MISTAKE,
        mistake_id=1,
        id=1,
    )
    practice = {m.id: Practice(question, 3, comfort, take_notes) for m in mistakes if m.id}
    draft = compose_note(interview, mistakes, practice, "Sam Lee")
    link = mailto_link(draft.to, draft.subject, draft.body, limit=100_000).url
    return draft.subject, draft.body, link, unquote(link)


@settings(max_examples=150, suppress_health_check=[HealthCheck.filter_too_much])
@given(how_it_went=private, you_said=private, take_notes=private)
def test_private_text_never_reaches_the_note(how_it_went, you_said, take_notes):
    baseline = " ".join(compose("x", "y", "z", 3))
    for text in (how_it_went, you_said, take_notes):
        assume(text.strip() not in baseline)
    for part in compose(how_it_went, you_said, take_notes, 3):
        for text in (how_it_went, you_said, take_notes):
            assert text.strip() not in part


@given(comfort=st.integers(1, 5))
def test_ratings_and_kinds_never_reach_the_note(comfort):
    for part in compose("how", "said", "notes", comfort):
        assert f"{comfort}/5" not in part
        assert "comfort" not in part.lower()
        for kind in MistakeKind:
            assert kind.label not in part
