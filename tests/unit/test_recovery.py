"""Triage by mistake kind, the recovery steps, habits, and what a mistake becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from taketwo.domain import DomainError, Mistake, MistakeKind
from taketwo.domain.recovery import (
    RecoveryAction,
    Step,
    checklist_suggestions,
    habit_hint,
    key_points_from,
    parse_yes_no,
    practice_question,
    recovery_action,
    set_step,
    standing,
    step_date,
    triage,
)

DAY = dt.date(2026, 11, 22)
A = RecoveryAction

# Every kind, both answers to "would you turn a candidate down for this?".
TRIAGE_TABLE = [
    (MistakeKind.OMISSION, True, A.CLARIFY_IN_NOTE, True),
    (MistakeKind.OMISSION, False, A.PRACTISE, False),
    (MistakeKind.DELIVERY, True, A.CLARIFY_IN_NOTE, True),
    (MistakeKind.DELIVERY, False, A.PRACTISE, False),
    (MistakeKind.WRONG_STAR_STORY, True, A.CLARIFY_IN_NOTE, True),
    (MistakeKind.WRONG_STAR_STORY, False, A.PRACTISE, False),
    (MistakeKind.IRRELEVANT_DETAIL, True, A.CLARIFY_IN_NOTE, True),
    (MistakeKind.IRRELEVANT_DETAIL, False, A.PRACTISE, False),
    (MistakeKind.FORGOT_TO_MENTION, True, A.CLARIFY_IN_NOTE, True),
    (MistakeKind.FORGOT_TO_MENTION, False, A.PRACTISE, False),
    (MistakeKind.LATE, True, A.APOLOGISE_IN_NOTE, True),
    (MistakeKind.LATE, False, A.CHECKLIST, False),
    (MistakeKind.WRONG_RESUME, True, A.SEND_RIGHT_RESUME, True),
    (MistakeKind.WRONG_RESUME, False, A.CHECKLIST, False),
    (MistakeKind.MISSED_APPOINTMENT, True, A.CALL_TO_RESCHEDULE, False),
    (MistakeKind.MISSED_APPOINTMENT, False, A.CHECKLIST, False),
]


def test_the_table_covers_every_kind_both_ways():
    assert {(k, d) for k, d, _, _ in TRIAGE_TABLE} == {
        (k, d) for k in MistakeKind for d in (True, False)
    }


@pytest.mark.parametrize(("kind", "do_or_die", "action", "in_note"), TRIAGE_TABLE)
def test_every_kind_through_triage_to_its_recovery_action(kind, do_or_die, action, in_note):
    mistake = Mistake(asked="Q?", kind=kind, id=1)
    assert recovery_action(mistake) is A.TRIAGE
    triaged = triage(mistake, do_or_die, DAY)
    assert triaged.triaged_on == DAY
    assert triaged.do_or_die is do_or_die
    assert recovery_action(triaged) is action
    assert action.in_note is in_note
    assert triaged.recovery_plan == action.advice
    # Logistics slips go on the checklist; answer mistakes are practised instead.
    assert bool(checklist_suggestions(triaged)) is kind.is_logistics


@pytest.mark.parametrize("step", list(Step))
def test_each_step_is_ticked_with_a_date_and_can_be_unticked(step):
    mistake = triage(Mistake(asked="Q?", id=1), True, DAY)
    ticked = set_step(mistake, step, DAY)
    assert step_date(ticked, step) == DAY
    assert [s for s in Step if step_date(ticked, s)] == [step]
    assert step_date(set_step(ticked, step, None), step) is None


def test_standing_tells_where_a_mistake_is():
    m = Mistake(asked="Q?", id=1)
    assert standing(m) == "to triage"
    m = triage(m, False, DAY)
    assert standing(m) == "minor"
    m = set_step(set_step(m, Step.FACE, DAY), Step.EMBRACE, DAY)
    assert standing(m) == "faced + embraced"
    assert standing(set_step(m, Step.ERASE, DAY)) == "done"


@pytest.mark.parametrize(
    ("text", "answer"), [("yes", True), ("Y", True), (" no ", False), ("n", False)]
)
def test_yes_or_no(text, answer):
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize("text", ["maybe", "", "oui", "1", "true"])
def test_anything_but_yes_or_no_is_refused(text):
    with pytest.raises(DomainError, match="yes or no"):
        parse_yes_no(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was so nervous",
        "my hands were shaking",
        "said um a lot",
        "wrong clothes",
        "I was anxious",
    ],
)
def test_habits_are_not_mistakes(text):
    hint = habit_hint("", text)
    assert hint is not None
    assert "Rehearse" in hint


@pytest.mark.parametrize(
    "text",
    ["Tell me about an outage", "I forgot the numbers", "umbrella project", "a suitable example"],
)
def test_real_mistakes_get_no_habit_hint(text):
    assert habit_hint(text) is None


def test_the_practice_question_asks_what_was_asked_with_the_meant_points():
    mistake = Mistake(
        asked="Why us?",
        what_went_wrong="rambled",
        meant="- the product\n* the team\n2) the mission\n",
        id=7,
    )
    question = practice_question(mistake)
    assert (question.prompt, question.mistake_id) == ("Why us?", 7)
    assert question.key_points == ["the product", "the team", "the mission"]
    assert key_points_from("one; two ; three") == ["one", "two", "three"]


def test_a_logistics_slip_is_not_practised():
    with pytest.raises(DomainError, match="checklist"):
        practice_question(Mistake(asked="", what_went_wrong="late", kind="late", id=1))
