"""Whatever the user types comes back exactly, after closing and reopening the library."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taketwo.domain import (
    Interview,
    InterviewStage,
    Mistake,
    MistakeKind,
    Question,
    StarNotes,
)
from taketwo.storage import Library

pytest_plugins = ["tests.support.library_fixtures"]

SPECIAL = [
    "",
    "x" * 10_000,
    "😀🎙️👩🏽‍💻 emoji",
    "מה החוזקות שלך? ‏(עברית)",
    "ما هي نقاط قوتك؟",
    "a/b\\c/../..\\d",
    "'single' \"double\" `back` «guillemets»",
    "line1\nline2\r\n\ttab",
    "\x00nul and \x1f control",
    "Robert'); DROP TABLE takes;--",
    "NEAR AND OR NOT * ^ :",
]
TEXT = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=300))
NON_BLANK = TEXT.map(lambda s: s if s.strip() else f"q {s}")
FIXTURE_OK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def reopened(library: Library) -> Library:
    library.close()
    return Library.open(library.folder)


@FIXTURE_OK
@given(
    company=NON_BLANK,
    role=TEXT,
    notes=TEXT,
    people=st.lists(TEXT, max_size=3),
    stage=st.sampled_from(InterviewStage),
    when=st.none() | st.dates(),
)
def test_interviews_round_trip(library_dir, company, role, notes, people, stage, when):
    with Library.open(library_dir) as lib:
        added = lib.add_interview(
            Interview(
                company=company, role=role, notes=notes, interviewers=people, stage=stage, date=when
            )
        )
    with Library.open(library_dir, readonly=True) as lib:
        assert lib.get_interview(added.id) == added


@FIXTURE_OK
@given(
    asked=NON_BLANK,
    wrong=TEXT,
    plan=TEXT,
    resolution=TEXT,
    kind=st.sampled_from(MistakeKind),
    fatal=st.booleans(),
)
def test_mistakes_round_trip(library_dir, asked, wrong, plan, resolution, kind, fatal):
    with Library.open(library_dir) as lib:
        interview = lib.add_interview(Interview(company="Acme", date=date(2026, 1, 5)))
        added = lib.add_mistake(
            Mistake(
                asked=asked,
                what_went_wrong=wrong,
                recovery_plan=plan,
                resolution=resolution,
                kind=kind,
                do_or_die=fatal,
                interview_id=interview.id,
            )
        )
    with Library.open(library_dir, readonly=True) as lib:
        assert lib.get_mistake(added.id) == added
        assert lib.list_mistakes(interview.id) == [added]


@FIXTURE_OK
@given(
    prompt=NON_BLANK,
    points=st.lists(TEXT, max_size=4),
    star=st.tuples(TEXT, TEXT, TEXT, TEXT),
    target=st.none() | st.integers(1, 3600),
)
def test_questions_round_trip_with_a_safe_folder(library_dir, prompt, points, star, target):
    with Library.open(library_dir) as lib:
        added = lib.add_question(
            Question(prompt=prompt, key_points=points, star=StarNotes(*star), target_seconds=target)
        )
        take = lib.begin_take(added.id, {"camera": prompt[:50]})
    assert re.fullmatch(r"\d{4,}-[a-z0-9-]+", added.folder)
    assert take.path.parent.name == added.folder
    assert take.path.parent.parent == library_dir / "media"
    with Library.open(library_dir, readonly=True) as lib:
        assert lib.get_question(added.id) == added
        assert lib.get_take(take.id).devices == {"camera": prompt[:50]}


@FIXTURE_OK
@given(
    notes=TEXT,
    transcript=TEXT,
    metrics=st.dictionaries(
        TEXT,
        st.one_of(st.integers(-(10**9), 10**9), st.floats(allow_nan=False), TEXT, st.none()),
        max_size=4,
    ),
)
def test_take_notes_transcripts_and_metrics_round_trip(
    library, question, notes, transcript, metrics
):
    take = library.begin_take(question.id, {})
    take.path.write_bytes(b"media")
    library.finish_take(take.id, 1.5)
    library.note_take(take.id, notes)
    library.set_transcript(take.id, transcript)
    library.set_metrics(take.id, metrics)
    with Library.open(library.folder, readonly=True) as reader:
        stored = reader.get_take(take.id)
    assert (stored.notes, stored.transcript, stored.metrics) == (notes, transcript, metrics)
    assert stored.duration == 1.5


def test_updates_change_only_what_was_asked(library, question):
    changed = library.update_question(question.id, key_points=["impact", "numbers"])
    assert changed.prompt == question.prompt
    assert changed.folder == question.folder
    renamed = library.update_question(question.id, prompt="A different prompt")
    assert renamed.folder == question.folder  # the folder never moves under the user
    assert library.get_question(question.id) == renamed
