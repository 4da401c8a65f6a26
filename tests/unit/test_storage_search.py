"""Full-text search finds what the user wrote wherever they wrote it, and never chokes on input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taketwo.domain import Interview, Mistake, MistakeKind, Question, StarNotes
from taketwo.storage.search import fts_query

pytest_plugins = ["tests.support.library_fixtures"]


def kinds(hits):
    return {(h.kind, h.id) for h in hits}


def finished_take(library, question):
    take = library.begin_take(question.id, {})
    take.path.write_bytes(b"x")
    return library.finish_take(take.id, 1.0)


def test_finds_questions_mistakes_interviews_and_takes(library):
    interview = library.add_interview(
        Interview(
            company="Globex", notes="panel asked about relocation to Lisbon", interviewers=["Hank"]
        )
    )
    mistake = library.add_mistake(
        Mistake(
            asked="Tell me about a conflict",
            what_went_wrong=("forgot to say I would travel"),
            kind=MistakeKind.FORGOT_TO_MENTION,
            interview_id=interview.id,
        )
    )
    question = library.add_question(
        Question(
            prompt="Describe a project you led",
            key_points=["stakeholders", "metrics"],
            star=StarNotes(result="cut latency by 40 percent"),
        )
    )
    take = finished_take(library, question)
    library.note_take(take.id, "nervous opening")
    library.set_transcript(take.id, "so basically the migration went sideways")
    assert kinds(library.search("lisbon")) == {("interview", interview.id)}
    assert kinds(library.search("hank")) == {("interview", interview.id)}
    assert kinds(library.search("travel")) == {("mistake", mistake.id)}
    assert kinds(library.search("stakeholders")) == {("question", question.id)}
    assert kinds(library.search("latency")) == {("question", question.id)}
    assert kinds(library.search("nervous")) == {("take", take.id)}
    [hit] = library.search("sideways")
    assert hit.question_id == question.id
    assert "Describe a project you led" in hit.title
    assert "[sideways]" in hit.snippet


def test_prefixes_accents_and_all_words(library):
    question = library.add_question(Question(prompt="Why was the wrong résumé sent?"))
    assert kinds(library.search("resume")) == {("question", question.id)}
    assert kinds(library.search("RÉSUMÉ")) == {("question", question.id)}
    assert kinds(library.search("res")) == {("question", question.id)}
    assert kinds(library.search("wrong resume")) == {("question", question.id)}
    assert library.search("wrong pineapple") == []


def test_edits_and_trash_are_reflected(library):
    question = library.add_question(Question(prompt="Greatest strength"))
    take = finished_take(library, question)
    library.note_take(take.id, "mumbled")
    library.note_take(take.id, "clear and calm")
    assert library.search("mumbled") == []
    assert kinds(library.search("calm")) == {("take", take.id)}
    library.trash_take(take.id)
    assert library.search("calm") == []
    assert kinds(library.search("calm", include_trashed=True)) == {("take", take.id)}
    library.trash_question(question.id)
    assert library.search("strength") == []
    library.restore_question(question.id)
    assert kinds(library.search("strength")) == {("question", question.id)}
    library.purge_question(library.trash_question(question.id).id)
    assert library.search("calm", include_trashed=True) == []


def test_query_syntax_in_user_text_is_just_words():
    assert fts_query('NEAR("a" b) OR c* AND -d:e ^f') == (
        '"NEAR"* "a"* "b"* "OR"* "c"* "AND"* "d"* "e"* "f"*'
    )
    assert fts_query("?!… 🙂") is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_search_never_fails_whatever_is_typed(library, text):
    library.search(text)


def test_hits_mark_the_matching_words_in_the_title_and_the_passage(library):
    question = library.add_question(
        Question(prompt="Tell me about a conflict", key_points=["the <b>rollback</b> & after"])
    )
    take = finished_take(library, question)
    library.note_take(take.id, "said <b>we</b> & co —\n mention the rollback plan")
    [q_hit] = library.search("tell")
    assert q_hit.title_marks == (("Tell", True), (" me about a conflict", False))
    assert q_hit.snippet_marks == (), "only the title matched: no passage below it"
    hits = {h.kind: h for h in library.search("rollback")}
    assert ("rollback", True) in hits["question"].snippet_marks
    assert "".join(t for t, _ in hits["question"].snippet_marks) == "the <b>rollback</b> & after"
    marks = hits["take"].snippet_marks
    assert ("rollback", True) in marks
    assert "".join(t for t, _ in marks) == "said <b>we</b> & co — mention the rollback plan"
    assert hits["take"].title == "take 1 of “Tell me about a conflict”"
    assert hits["take"].snippet == "said <b>we</b> & co — mention the [rollback] plan"


def test_marked_runs_stay_on_one_short_line():
    from taketwo.storage.search import CLOSE, OPEN, marks

    assert marks(f"  a\n\tb {OPEN}c{CLOSE}  d  ") == (("a b ", False), ("c", True), (" d", False))
    long = marks("word " * 100 + f"{OPEN}hit{CLOSE}", limit=50)
    assert sum(len(t) for t, _ in long) <= 50
    assert long[-1][0].endswith("…")
    assert marks(f"stray {CLOSE} marker {OPEN}") == (("stray marker", False),)
