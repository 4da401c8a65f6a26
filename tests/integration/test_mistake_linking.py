"""One practice question per mistake: "Rehearse this" links to the question that is already
there (same text ignoring case, punctuation and spacing, or one the user picks), never a copy,
and the mistake's state reads the same in the CLI list, the plan and the library's states."""

from __future__ import annotations

import json

import pytest

from taketwo.cli import main
from taketwo.domain import QuestionStatus
from taketwo.domain.plan import MistakeState
from taketwo.storage import Library
from taketwo.workflow.debrief import rehearse_mistake


@pytest.fixture
def cli(tmp_path, capsys):
    folder = tmp_path / "library"

    def run(*argv):
        code = main([*argv, "--library", str(folder), "--json"])
        out, err = capsys.readouterr()
        assert code in (0, 2), err
        return code, json.loads(out)

    run.folder = folder
    return run


def states(cli) -> dict[int, str]:
    _, mistakes = cli("mistake", "list")
    return {m["id"]: m["state"] for m in mistakes}


def test_rehearse_links_the_existing_question_and_every_view_agrees(cli):
    cli("interview", "add", "--company", "Acme")
    _, question = cli("question", "add", "Tell me about a project that FAILED")
    cli("mistake", "add", "--interview", "1", "--asked", "  tell me about a project, that failed!")
    _, before = cli("question", "list")
    code, linked = cli("mistake", "rehearse", "1")
    assert code == 0
    assert linked["question"]["id"] == question["id"]
    assert linked["created"] is False
    _, after = cli("question", "list")
    assert len(after) == len(before)  # no copy
    assert states(cli) == {1: "practising"}
    # Marked comfortable in the question: the mistake follows, everywhere.
    cli("question", "status", str(question["id"]), "comfortable")
    assert states(cli) == {1: "comfortable"}
    _, plan = cli("plan", "1")
    assert [m["state"] for m in plan["mistakes"]] == ["comfortable"]
    with Library.open(cli.folder) as lib:
        [(state, practice)] = lib.mistake_states().values()
        assert state is MistakeState.COMFORTABLE
        assert practice.question.id == question["id"]
        assert lib.get_question(question["id"]).status is QuestionStatus.COMFORTABLE
    for step in ("face", "embrace", "erase"):
        cli("mistake", "step", "1", step)
    assert states(cli) == {1: "done"}


def test_a_close_question_is_offered_not_copied(cli):
    cli("interview", "add", "--company", "Acme")
    cli("question", "add", "Tell me about a project you led that failed")
    cli("mistake", "add", "--interview", "1", "--asked", "Tell me about a failed project")
    code, offered = cli("mistake", "rehearse", "1")
    assert code == 2
    assert [q["id"] for q in offered["candidates"]] == [1]
    assert states(cli) == {1: "open"}
    _, picked = cli("mistake", "rehearse", "1", "--question", "1")
    assert picked["question"]["id"] == 1
    _, questions = cli("question", "list")
    assert len(questions) == 1
    assert states(cli) == {1: "practising"}


def test_new_makes_one_question_once(tmp_path):
    with Library.open(tmp_path / "lib") as lib:
        from taketwo.domain import Interview, Mistake

        iv = lib.add_interview(Interview(company="Acme"))
        m = lib.add_mistake(Mistake(asked="Why us?", interview_id=iv.id))
        first = rehearse_mistake(lib, m.id)
        assert first.created
        again = rehearse_mistake(lib, m.id)
        assert not again.created
        assert again.question.id == first.question.id
        assert len(lib.list_questions()) == 1


def test_the_link_survives_an_archive_into_a_library_with_other_ids(tmp_path):
    from taketwo.domain import Interview, Mistake, Question

    with Library.open(tmp_path / "a") as lib:
        iv = lib.add_interview(Interview(company="Acme"))
        q = lib.add_question(Question(prompt="Why us?"))
        m = lib.add_mistake(Mistake(asked="why us", interview_id=iv.id))
        assert rehearse_mistake(lib, m.id).question.id == q.id
        lib.export_archive(tmp_path / "a.zip")
    with Library.open(tmp_path / "b") as other:
        for n in range(3):  # ids here differ from the archive's
            other.add_question(Question(prompt=f"Other {n}"))
        other.import_archive(tmp_path / "a.zip")
        [mistake] = other.list_mistakes()
        practice = other.practice(mistake.id)
        assert practice is not None
        assert practice.question.prompt == "Why us?"
        assert practice.question.id != q.id
