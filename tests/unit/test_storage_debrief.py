"""Debrief storage: checklists seeded from resources, edits and ticks that survive a restart,
triage that adds logistics items once, practice questions, the note's state, undoable deletes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import stat

import pytest

from taketwo.domain import DomainError, Interview, Mistake, QuestionSource
from taketwo.domain.checklist import LISTS
from taketwo.domain.recovery import Step
from taketwo.paths import resource_path
from taketwo.storage import Library, LibraryError, NotFound
from taketwo.workflow.note import save_note_file

pytest_plugins = ["tests.support.library_fixtures"]

DAY = dt.date(2026, 11, 22)


def reopened(library: Library) -> Library:
    library.close()
    return Library.open(library.folder)


@pytest.fixture
def interview(library):
    return library.add_interview(
        Interview(
            company="Acme",
            role="SRE",
            date=DAY,
            time=dt.time(9, 30),
            interviewers=["Ana <ana@acme.example>", "Ben"],
        )
    )


def test_the_default_checklists_load_from_resources(library, interview):
    shipped = json.loads(resource_path("checklists", "default.json").read_text("utf-8"))
    items = library.checklist(interview.id)
    assert [(i.list_key, i.text) for i in items] == [
        (key, text) for key in LISTS for text in shipped["lists"][key]
    ]
    assert not any(i.ticked_on for i in items)
    assert "Debrief" in [i for i in items if i.list_key == "after"][-1].text  # ends in the debrief
    assert len(library.checklist()) == len(items)  # seeded once


def test_checklist_edits_and_ticks_persist_across_restarts(library, interview):
    other = library.add_interview(Interview(company="Globex"))
    items = library.checklist(interview.id)
    first, second = [i for i in items if i.list_key == "night_before"][:2]
    added = library.add_checklist_item("morning_of", "Bring the portfolio 📁 ‏(עברית)")
    library.edit_checklist_item(first.id, "Reread the job ad")
    library.move_checklist_item(second.id, -1)
    removed = [i for i in items if i.list_key == "during"][0]
    library.remove_checklist_item(removed.id)
    library.tick_checklist_item(interview.id, first.id, DAY)
    library.tick_checklist_item(interview.id, added, DAY)
    library = reopened(library)
    try:
        after = {i.id: i for i in library.checklist(interview.id)}
        assert after[first.id].text == "Reread the job ad"
        night = [i.id for i in library.checklist(interview.id) if i.list_key == "night_before"]
        assert night[:2] == [second.id, first.id]
        assert removed.id not in after
        assert after[added].text == "Bring the portfolio 📁 ‏(עברית)"
        assert {i.id for i in after.values() if i.ticked_on} == {first.id, added}
        assert not any(i.ticked_on for i in library.checklist(other.id))  # ticks per interview
        library.tick_checklist_item(interview.id, first.id, None)
        assert not {i.id: i for i in library.checklist(interview.id)}[first.id].ticked_on
    finally:
        library.close()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda lib, i: lib.add_checklist_item("someday", "x"), "no 'someday' checklist"),
        (lambda lib, i: lib.add_checklist_item("during", "   "), "needs some text"),
        (lambda lib, i: lib.add_checklist_item("during", "x" * 10_000), "the limit is"),
        (lambda lib, i: lib.tick_checklist_item(i.id, 9999, DAY), "no checklist item with id"),
        (lambda lib, i: lib.tick_checklist_item(777, 1, DAY), "no interview with id 777"),
        (lambda lib, i: lib.move_checklist_item(9999, 1), "no checklist item"),
    ],
)
def test_bad_checklist_changes_change_nothing(library, interview, call, error):
    before = library.checklist(interview.id)
    with pytest.raises((LibraryError, DomainError), match=error):
        call(library, interview)
    assert library.checklist(interview.id) == before


def test_triaging_a_logistics_slip_puts_items_on_the_checklist_once(library, interview):
    late = library.add_mistake(
        Mistake(asked="", what_went_wrong="20 min late", kind="late", interview_id=interview.id)
    )
    before = len(library.checklist())
    library.triage_mistake(late.id, False, DAY)
    library.triage_mistake(late.id, True, DAY)
    items = library.checklist()
    new = [i for i in items if i.mistake_id == late.id]
    assert len(items) == before + 2
    assert "Leave 30 minutes early" in [i.text for i in new]


def test_rehearse_this_makes_the_practice_question_once(library, interview):
    m = library.add_mistake(
        Mistake(asked="Tell me about an outage", meant="impact\nthe fix", interview_id=interview.id)
    )
    question = library.rehearse_mistake(m.id)
    assert question.source is QuestionSource.MISTAKE
    assert question.key_points == ["impact", "the fix"]
    assert library.rehearse_mistake(m.id).id == question.id
    practice = library.practice(m.id)
    assert (practice.take_count, practice.comfort) == (0, None)
    with pytest.raises(NotFound):
        library.rehearse_mistake(999)
    late = library.add_mistake(Mistake(asked="", what_went_wrong="late", kind="late"))
    with pytest.raises(LibraryError, match="checklist"):
        library.rehearse_mistake(late.id)


def test_steps_and_triage_persist(library, interview):
    m = library.add_mistake(Mistake(asked="Q?", interview_id=interview.id))
    library.triage_mistake(m.id, True, DAY)
    library.set_mistake_step(m.id, Step.FACE, DAY)
    library = reopened(library)
    try:
        stored = library.get_mistake(m.id)
        assert (stored.do_or_die, stored.triaged_on, stored.faced_on, stored.erased_on) == (
            True,
            DAY,
            DAY,
            None,
        )
    finally:
        library.close()


def test_a_deleted_mistake_comes_back_with_its_practice_question(library, interview):
    m = library.add_mistake(Mistake(asked="Q?", interview_id=interview.id))
    question = library.rehearse_mistake(m.id)
    deleted = library.delete_mistake(m.id)
    assert library.list_mistakes(interview.id) == []
    assert library.get_question(question.id).mistake_id is None  # the takes stay
    library.restore_mistake(deleted)
    assert library.get_mistake(m.id) == dataclasses.replace(m, question_id=question.id)
    assert library.get_question(question.id).mistake_id == m.id


def test_the_note_keeps_its_edits_and_sent_date(library, interview):
    draft, state, text = library.thank_you_note(interview.id)
    assert text == draft.body
    assert draft.body.startswith("Dear Ana and Ben,")
    library.save_note_text(interview.id, "My own words.")
    library.mark_note_sent(interview.id, DAY)
    library = reopened(library)
    try:
        _, state, text = library.thank_you_note(interview.id)
        assert (text, state.edited, state.sent_on) == ("My own words.", True, DAY)
        library.reset_note(interview.id)
        draft, state, text = library.thank_you_note(interview.id)
        assert text == draft.body
        assert state.sent_on == DAY
    finally:
        library.close()


def test_notes_due_lists_interviews_awaiting_their_note(library, interview):
    assert [(i.id, s.value) for i, s in library.notes_due(dt.datetime(2026, 11, 22, 12))] == [
        (interview.id, "due")
    ]
    library.mark_note_sent(interview.id, DAY)
    assert library.notes_due(dt.datetime(2026, 11, 22, 12)) == []


def test_the_note_is_saved_as_a_new_private_file_never_over_another(library, interview, tmp_path):
    path = save_note_file(library, interview.id, tmp_path / "note.txt")
    text = path.read_text("utf-8")
    assert text.startswith("To: ana@acme.example\nSubject: Thank you — SRE at Acme\n\nDear Ana")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(LibraryError, match="already exists"):
        save_note_file(library, interview.id, path)
    assert path.read_text("utf-8") == text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_interviews_keep_their_time_and_e_mails(library, interview):
    library = reopened(library)
    try:
        stored = library.get_interview(interview.id)
        assert stored.time == dt.time(9, 30)
        assert [(p.name, p.email) for p in stored.people] == [
            ("Ana", "ana@acme.example"),
            ("Ben", ""),
        ]
    finally:
        library.close()


def test_search_finds_what_the_user_meant_to_say(library, interview):
    m = library.add_mistake(
        Mistake(asked="Why us?", meant="the latency budget", interview_id=interview.id)
    )
    assert [(h.kind, h.id) for h in library.search("latency")] == [("mistake", m.id)]
    library.update_mistake(m.id, meant="the error budget")
    assert library.search("latency") == []
    assert [h.id for h in library.search("error budget")] == [m.id]
