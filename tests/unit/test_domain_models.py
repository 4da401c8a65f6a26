"""The model's rules: what a valid interview, mistake, question and take are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from taketwo.domain import (
    DomainError,
    Interview,
    Mistake,
    MistakeKind,
    MistakeStatus,
    Question,
    QuestionSource,
    QuestionStatus,
    Take,
    TakeState,
    as_utc,
    sidecar_for,
    validate_comfort,
)


def test_logistics_kinds_are_exactly_the_non_rehearsable_ones():
    logistics = {k for k in MistakeKind if k.is_logistics}
    assert logistics == {MistakeKind.LATE, MistakeKind.WRONG_RESUME, MistakeKind.MISSED_APPOINTMENT}
    assert all(k.label for k in MistakeKind)
    late = Mistake(asked="", what_went_wrong="arrived 20 minutes late", kind="late")
    assert late.kind is MistakeKind.LATE
    assert not late.needs_rehearsal
    story = Mistake(asked="Tell me about a failure", kind=MistakeKind.WRONG_STAR_STORY)
    assert story.needs_rehearsal
    story.status = MistakeStatus.RESOLVED
    assert not story.needs_rehearsal


def test_a_mistake_needs_something_to_say():
    with pytest.raises(DomainError):
        Mistake(asked="  ", what_went_wrong="")
    with pytest.raises(ValueError, match="'blunder'"):
        Mistake(asked="x", kind="blunder")


def test_question_from_a_mistake_uses_what_was_asked():
    mistake = Mistake(asked="Why are you leaving?", what_went_wrong="rambled", id=7)
    question = Question.from_mistake(mistake)
    assert (question.prompt, question.source, question.mistake_id) == (
        "Why are you leaving?",
        QuestionSource.MISTAKE,
        7,
    )
    assert question.status is QuestionStatus.PRACTISING
    with pytest.raises(DomainError, match="save the mistake"):
        Question.from_mistake(Mistake(asked="unsaved"))
    logistics = Mistake(
        asked="", what_went_wrong="sent the wrong résumé", id=8, kind=MistakeKind.WRONG_RESUME
    )
    assert Question.from_mistake(logistics).prompt == "sent the wrong résumé"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"prompt": ""},
        {"prompt": "   \n"},
        {"prompt": "x", "target_seconds": 0},
        {"prompt": "x", "target_seconds": 3601},
        {"prompt": "x", "source": QuestionSource.MISTAKE},
        {"prompt": "x", "status": "nervous"},
    ],
)
def test_invalid_questions_are_refused(kwargs):
    with pytest.raises(ValueError):  # noqa: PT011 - DomainError or the enum's ValueError
        Question(**kwargs)


def test_interview_needs_a_company_and_titles_itself():
    with pytest.raises(DomainError):
        Interview(company=" ")
    item = Interview(company="Acme", role="SRE", stage="onsite", interviewers=("Ann", "Bo"))
    assert item.title == "Acme · SRE"
    assert item.interviewers == ["Ann", "Bo"]


@pytest.mark.parametrize("value", [1, 3, 5, None])
def test_comfort_ratings_in_range_are_accepted(value):
    assert validate_comfort(value) == value


@pytest.mark.parametrize("value", [0, 6, -1, True, 2.5, "3"])
def test_comfort_ratings_out_of_range_are_refused(value):
    with pytest.raises(DomainError):
        validate_comfort(value)


def test_take_rules():
    take = Take(question_id=1, number=1, file_name="take-001.mp4", state="final", duration=2.0)
    assert take.state is TakeState.FINAL
    assert take.state.playable
    assert not TakeState.RECORDING.playable
    assert not TakeState.TRASHED.playable
    with pytest.raises(DomainError):
        Take(question_id=1, number=0, file_name="x.mp4")
    with pytest.raises(DomainError):
        Take(question_id=1, number=1, file_name="x.mp4", duration=-1)
    with pytest.raises(DomainError):
        Take(question_id=1, number=1, file_name="x.mp4", comfort=9)
    assert take.sidecar_path is None


def test_sidecar_sits_beside_the_media_with_json_extension(tmp_path):
    assert sidecar_for(tmp_path / "take-003-2026-11-22_1405.mp4") == (
        tmp_path / "take-003-2026-11-22_1405.json"
    )


def test_times_are_utc():
    naive = datetime(2026, 1, 2, 3, 4, 5)
    assert as_utc(naive).tzinfo is UTC
    east = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert as_utc(east) == datetime(2026, 1, 2, 1, 4, 5, tzinfo=UTC)
