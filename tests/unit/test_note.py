"""The thank-you note: which paragraphs it holds, whom it greets, when it is due, and mailto:."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from taketwo.domain import Interview, Mistake, MistakeKind, Question, QuestionSource
from taketwo.domain.note import (
    FALLBACK_GREETING,
    LATE_APOLOGY,
    RESUME_LINE,
    NoteState,
    NoteStatus,
    Practice,
    best_take_notes,
    compose_note,
    mailto_link,
    note_due,
    note_status,
    note_text,
)
from taketwo.domain.recovery import triage

DAY = dt.date(2026, 11, 20)
CLARIFY = "I would like to clarify and expand on my answer"


def interview(**kw):
    values = dict(
        company="Acme",
        role="SRE",
        date=DAY,
        time=dt.time(10, 0),
        interviewers=["Ana Ruiz <ana@acme.example>", "Ben"],
        notes="- froze on the failed-project question\n",
        note_topics="- their on-call rota\n- the move to Kubernetes\n",
        id=1,
    )
    values.update(kw)
    return Interview(**values)


def mistake(n, kind, do_or_die, triaged=True):
    m = Mistake(asked=f"Question {n}?", what_went_wrong="said", kind=kind, id=n, interview_id=1)
    return triage(m, do_or_die, DAY) if triaged else m


ANSWER_KINDS = [k for k in MistakeKind if not k.is_logistics]
LOGISTICS = [k for k in MistakeKind if k.is_logistics]


@pytest.mark.parametrize("kind", ANSWER_KINDS)
@pytest.mark.parametrize("fatal", [0, 1, 2])
def test_one_clarifying_paragraph_per_do_or_die_answer_mistake(kind, fatal):
    mistakes = [mistake(n, kind, True) for n in range(1, fatal + 1)]
    mistakes += [mistake(10, kind, False), mistake(11, kind, True, triaged=False)]
    mistakes += [mistake(20 + i, k, d) for i, k in enumerate(LOGISTICS) for d in (True, False)]
    body = compose_note(interview(), mistakes).body
    paragraphs = [p for p in body.split("\n\n") if CLARIFY in p]
    assert len(paragraphs) == fatal
    for n, paragraph in enumerate(paragraphs, 1):
        assert f"your question “Question {n}?”, and" in paragraph
    assert "Question 10?" not in body  # minor
    assert "Question 11?" not in body  # not triaged yet
    for i in range(len(LOGISTICS) * 2):
        assert f"Question {20 + i}?" not in body


def test_the_paragraph_is_built_from_the_key_points_never_the_best_takes_notes():
    m = mistake(1, MistakeKind.OMISSION, True)
    q = Question(
        prompt="Question 1?",
        key_points=["impact first", "what I changed."],
        source=QuestionSource.MISTAKE,
        mistake_id=1,
        id=5,
    )
    body = compose_note(interview(), [m], {1: Practice(q, 2, 4, "mention the 40% cut")}).body
    [paragraph] = [p for p in body.split("\n\n") if CLARIFY in p]
    assert "In particular, I would add: impact first and what I changed." in paragraph
    assert "40%" not in body  # a take's notes are the user's own


def test_without_a_practice_question_the_meant_points_are_used():
    m = mistake(1, MistakeKind.OMISSION, True)
    m.meant = "the numbers\nthe lesson"
    assert "I would add: the numbers and the lesson." in compose_note(interview(), [m]).body


@pytest.mark.parametrize(
    ("kind", "do_or_die", "late", "resume"),
    [
        (MistakeKind.LATE, True, True, False),
        (MistakeKind.LATE, False, False, False),
        (MistakeKind.WRONG_RESUME, True, False, True),
        (MistakeKind.MISSED_APPOINTMENT, True, False, False),
        (MistakeKind.OMISSION, True, False, False),
        (MistakeKind.DELIVERY, True, False, False),
    ],
)
def test_the_apology_line_only_for_lateness(kind, do_or_die, late, resume):
    body = compose_note(interview(), [mistake(1, kind, do_or_die)]).body
    assert (LATE_APOLOGY in body) is late
    assert (RESUME_LINE in body) is resume
    assert "sorry" not in body.replace(LATE_APOLOGY, "").replace(RESUME_LINE, "")


def test_two_late_mistakes_apologise_once():
    body = compose_note(
        interview(), [mistake(1, MistakeKind.LATE, True), mistake(2, MistakeKind.LATE, True)]
    ).body
    assert body.count(LATE_APOLOGY) == 1


def test_greets_the_interviewers_by_name_else_the_hiring_team():
    draft = compose_note(interview(), [])
    assert draft.body.startswith("Dear Ana Ruiz and Ben,\n")
    assert draft.to == ("ana@acme.example",)
    assert draft.subject == "Thank you — SRE at Acme"
    three = compose_note(interview(interviewers=["A", "B", "C"]), []).body
    assert three.startswith("Dear A, B and C,")
    nobody = compose_note(interview(interviewers=[], role=""), [])
    assert nobody.body.startswith(FALLBACK_GREETING + "\n")
    assert nobody.to == ()
    assert nobody.subject == "Thank you — Acme"


def test_it_restates_interest_with_two_things_discussed():
    body = compose_note(interview(), []).body
    assert "on 20 November about the SRE role at Acme" in body
    assert "about their on-call rota and the move to Kubernetes" in body
    assert "I enjoyed our conversation, and" in compose_note(interview(note_topics=""), []).body
    assert "froze" not in body  # "How it went" is private


def test_the_draft_follows_until_edited():
    draft = compose_note(interview(), [])
    assert note_text(NoteState(), draft) == draft.body
    assert note_text(NoteState("Mine.", edited=True), draft) == "Mine."


def test_best_take_is_the_starred_else_the_best_rated_and_unrated_ones_do_not_count():
    assert best_take_notes([(None, False, "unrated")]) == (None, "")
    assert best_take_notes([(3, False, "a"), (5, False, "b"), (5, False, "c")]) == (5, "c")
    assert best_take_notes([(5, False, "b"), (2, True, "starred")]) == (2, "starred")


def test_due_a_day_after_and_overdue_after_that():
    i = interview()
    state = NoteState()
    assert note_due(i) == dt.datetime(2026, 11, 21, 10, 0)
    assert note_status(i, state, dt.datetime(2026, 11, 19)) is NoteStatus.NONE
    assert note_status(i, state, dt.datetime(2026, 11, 20, 18)) is NoteStatus.DUE
    assert note_status(i, state, dt.datetime(2026, 11, 22)) is NoteStatus.OVERDUE
    assert note_status(i, state, dt.datetime(2027, 1, 1)) is NoteStatus.NOT_SENT
    assert note_status(i, NoteState(sent_on=DAY), dt.datetime(2026, 11, 22)) is NoteStatus.SENT
    assert note_due(interview(time=None)) == dt.datetime(2026, 11, 21, 23, 59)
    assert note_due(interview(date=None, time=None)) is None


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Thank you — SRE at Acme", "Dear Ana,\n\nThank you & good-bye? 100%+\n"),
        ("Merci — Ingénieure à Zürich 😀", "Liebe Jürgen,\nמה שלומך? ما هي نقاط قوتك؟\n#?&=%\n"),
    ],
)
def test_the_mailto_url_decodes_back_to_the_exact_subject_and_body(subject, body):
    link = mailto_link(["ana@acme.example", "ben@acme.example"], subject, body)
    assert link.body_included
    assert link.url.isascii()
    parts = urlsplit(link.url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path).split(",") == ["ana@acme.example", "ben@acme.example"]
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == [subject]
    # RFC 6068: line breaks travel as CRLF; the body is otherwise exact.
    assert query["body"][0].replace("\r\n", "\n") == body
    assert "\n" not in query["body"][0].replace("\r\n", "")


def test_a_note_too_long_for_a_link_leaves_the_body_out():
    link = mailto_link([], "Subject", "é" * 1000)
    assert not link.body_included
    assert "body=" not in link.url
    assert parse_qs(urlsplit(link.url).query)["subject"] == ["Subject"]
