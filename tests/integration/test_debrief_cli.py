"""The debrief on the command line: triage, steps, rehearse, note, checklist and plan, and bad
input answered in one line with nothing half-saved."""

from __future__ import annotations

import json

import pytest

from taketwo.cli import main
from taketwo.storage import Library

LONG_RTL_EMOJI = ("מה החוזקות שלך? ما هي نقاط قوتك؟ 😀👩🏽‍💻 " * 300)[:10_000]


@pytest.fixture
def cli(tmp_path, capsys):
    folder = tmp_path / "library"

    def run(*argv):
        code = main([*argv, "--library", str(folder)])
        out, err = capsys.readouterr()
        return code, out, err

    run.folder = folder
    return run


def ok_json(result):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def debriefed(cli):
    cli(
        "interview",
        "add",
        "--company",
        "Acme",
        "--role",
        "SRE",
        "--date",
        "2026-11-20",
        "--time",
        "10:00",
        "--interviewer",
        "Ana Ruiz <ana@acme.example>",
        "--interviewer",
        "Ben",
        "--notes",
        "- the on-call rota",
    )
    cli(
        "mistake",
        "add",
        "--interview",
        "1",
        "--asked",
        "Tell me about an outage",
        "--said",
        "rambled",
        "--meant",
        "impact first\nwhat I changed",
    )
    cli("mistake", "add", "--interview", "1", "--wrong", "20 minutes late", "--kind", "late")
    return cli


def test_the_whole_path_on_the_command_line(debriefed):
    cli = debriefed
    triaged = ok_json(cli("mistake", "triage", "1", "--do-or-die", "yes", "--json"))
    assert triaged["action"] == "clarify_in_note"
    ok_json(cli("mistake", "triage", "2", "--do-or-die", "yes", "--json"))
    stepped = ok_json(cli("mistake", "step", "1", "face", "--date", "2026-11-21", "--json"))
    assert stepped["faced_on"] == "2026-11-21"
    rehearse = ok_json(cli("mistake", "rehearse", "1", "--json"))
    assert rehearse["question"]["key_points"] == ["impact first", "what I changed"]
    assert (
        ok_json(cli("mistake", "rehearse", "1", "--json"))["question"]["id"]
        == rehearse["question"]["id"]
    )
    note = ok_json(cli("note", "draft", "1", "--format", "json"))
    assert note["text"].startswith("Dear Ana Ruiz and Ben,")
    assert "“Tell me about an outage”" in note["text"]
    assert "sorry again for arriving late" in note["text"]
    assert note["to"] == ["ana@acme.example"]
    ok_json(cli("note", "sent", "1", "--date", "2026-11-21", "--json"))
    items = ok_json(cli("checklist", "show", "1", "--json"))
    ok_json(cli("checklist", "tick", "1", str(items[0]["id"]), "--json"))
    plan = ok_json(cli("plan", "1", "--format", "json"))
    assert [m["action"] for m in plan["mistakes"]] == ["clarify_in_note", "apologise_in_note"]
    assert plan["mistakes"][0]["steps"] == {"face": "2026-11-21", "embrace": None, "erase": None}
    assert plan["mistakes"][0]["practice"]["take_count"] == 0
    assert plan["note"]["sent_on"] == "2026-11-21"
    assert plan["checklist"][0]["ticked_on"] is not None
    code, out, _ = cli("plan", "1")
    assert code == 0
    assert out.startswith("# Debrief: Acme — SRE")
    assert "- [x] " in out
    assert "Leave 30 minutes early" in out  # the lateness went on the checklist
    code, out, _ = cli("note", "mailto", "1")
    assert out.startswith("mailto:ana@acme.example?subject=Thank%20you")


def test_an_edited_note_stops_following_the_debrief(debriefed):
    cli = debriefed
    ok_json(cli("note", "edit", "1", "Thanks! ❤️ שלום", "--json"))
    cli("mistake", "triage", "1", "--do-or-die", "yes")
    assert ok_json(cli("note", "draft", "1", "--json"))["text"] == "Thanks! ❤️ שלום"
    cli("note", "reset", "1")
    assert "clarify" in ok_json(cli("note", "draft", "1", "--json"))["text"]


def test_long_rtl_and_emoji_text_goes_through_every_field(cli):
    text = LONG_RTL_EMOJI
    assert (
        ok_json(
            cli(
                "interview",
                "add",
                "--company",
                text,
                "--role",
                text,
                "--notes",
                text,
                "--interviewer",
                text[:200],
                "--json",
            )
        )["company"]
        == text
    )
    assert (
        ok_json(
            cli(
                "mistake",
                "add",
                "--interview",
                "1",
                "--asked",
                text,
                "--said",
                text,
                "--meant",
                text,
                "--json",
            )
        )["meant"]
        == text
    )
    cli("mistake", "triage", "1", "--do-or-die", "yes")
    note = ok_json(cli("note", "draft", "1", "--json"))
    assert text[:50] in note["text"]
    assert ok_json(cli("checklist", "add", "during", text[:900], "--json"))["id"]
    link = ok_json(cli("note", "mailto", "1", "--json"))
    assert link["body_included"] is False  # far too long for a link: it says so
    assert ok_json(cli("plan", "1", "--json"))["interview"]["notes"] == text


def test_an_interviewer_with_no_e_mail_is_fine(cli):
    cli("interview", "add", "--company", "Acme", "--interviewer", "Ben")
    note = ok_json(cli("note", "draft", "1", "--json"))
    assert note["to"] == []
    assert note["text"].startswith("Dear Ben,")
    code, out, _ = cli("note", "mailto", "1")
    assert code == 0
    assert out.startswith("mailto:?subject=")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["mistake", "triage", "1", "--do-or-die", "maybe"], "yes or no"),
        (["mistake", "triage", "9", "--do-or-die", "yes"], "no mistake with id 9"),
        (["mistake", "triage", "1", "--do-or-die", "yes", "--date", "2026-13-40"], "YYYY-MM-DD"),
        (["mistake", "step", "1", "forget"], "face, embrace and erase"),
        (["mistake", "step", "9", "face"], "no mistake with id 9"),
        (["mistake", "rehearse", "2"], "checklist"),
        (["mistake", "add", "--kind", "late", "--wrong", "late", "--rehearse"], "checklist"),
        (["note", "draft", "9"], "no interview with id 9"),
        (["note", "sent", "1", "--date", "yesterday"], "YYYY-MM-DD"),
        (["note", "edit", "1", "  "], "cannot be empty"),
        (["checklist", "tick", "9", "1"], "no interview with id 9"),
        (["checklist", "tick", "1", "9999"], "no checklist item with id 9999"),
        (["checklist", "add", "someday", "x"], "no 'someday' checklist"),
        (["checklist", "move", "1", "sideways"], "up or down"),
        (["plan", "9"], "no interview with id 9"),
        (
            ["interview", "add", "--company", "X", "--time", "25:99", "--date", "2026-11-20"],
            "HH:MM",
        ),
        (["interview", "add", "--company", "X", "--time", "10:00"], "date as well"),
        (
            ["interview", "add", "--company", "X", "--interviewer", "Ana <not-an-email>"],
            "not an e-mail address",
        ),
        (["interview", "edit", "1", "--company", " "], "needs a company"),
        (["interview", "edit", "9", "--role", "x"], "no interview with id 9"),
    ],
)
def test_bad_input_is_one_line_and_saves_nothing(debriefed, argv, message):
    cli = debriefed
    with Library.open(cli.folder, readonly=True) as lib:
        before = (
            lib.list_interviews(),
            lib.list_mistakes(),
            lib.list_questions(),
            lib.note_state(1),
        )
    code, out, err = cli(*argv)
    assert code != 0
    assert out == ""
    [line] = err.strip().splitlines()
    assert line.startswith("taketwo: ")
    assert message in line
    with Library.open(cli.folder, readonly=True) as lib:
        after = (
            lib.list_interviews(),
            lib.list_mistakes(),
            lib.list_questions(),
            lib.note_state(1),
        )
    assert after == before


def test_a_habit_logged_as_a_mistake_gets_a_pointer_to_practice(cli):
    cli("interview", "add", "--company", "Acme")
    code, out, err = cli(
        "mistake", "add", "--interview", "1", "--wrong", "I was so nervous", "--kind", "delivery"
    )
    assert code == 0
    assert "habit, not a mistake" in err
    assert "Rehearse" in err


def test_interview_show_says_what_was_talked_about(cli):
    """What the note will mention is shown with the interview it came from, one line."""
    cli("interview", "add", "--company", "Acme", "--role", "SRE", "--date", "2026-11-20")
    code, _, err = cli("interview", "edit", "1", "--talked-about", "the on-call rota\n\n SLOs")
    assert code == 0, err
    code, out, err = cli("interview", "show", "1")
    assert code == 0, err
    assert "      talked about: the on-call rota; SLOs\n" in out
    code, out, _ = cli("interview", "show", "1", "--json")
    assert json.loads(out)["interview"]["note_topics"] == "the on-call rota\n\n SLOs"
