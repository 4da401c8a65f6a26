"""The library commands as a script uses them: --json everywhere, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from taketwo.cli import main
from taketwo.storage import Library
from tests.support.library_media import make_video


@pytest.fixture
def cli(tmp_path, capsys):
    """Run ``taketwo ARGS --library <tmp>`` in this process: (exit code, stdout, stderr)."""
    folder = tmp_path / "library"

    def run(*argv, library=folder):
        code = main([*argv, "--library", str(library)])
        out, err = capsys.readouterr()
        return code, out, err

    run.folder = folder
    return run


def as_json(result):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def test_a_rehearsal_session_from_the_command_line(cli, tmp_path):
    interview = as_json(
        cli(
            "interview",
            "add",
            "--company",
            "Acme",
            "--role",
            "SRE",
            "--date",
            "2026-11-20",
            "--stage",
            "onsite",
            "--interviewer",
            "Ann",
            "--json",
        )
    )
    assert interview["id"] == 1
    added = as_json(
        cli(
            "mistake",
            "add",
            "--interview",
            "1",
            "--asked",
            "Why relocate?",
            "--wrong",
            "forgot to mention I can travel",
            "--kind",
            "forgot_to_mention",
            "--do-or-die",
            "--rehearse",
            "--json",
        )
    )
    assert added["mistake"]["do_or_die"] is True
    question = added["question"]
    assert (question["prompt"], question["mistake_id"]) == ("Why relocate?", 1)
    q2 = as_json(
        cli(
            "question",
            "add",
            "Tell me about yourself",
            "--key-point",
            "impact",
            "--target-seconds",
            "90",
            "--json",
        )
    )
    assert q2["key_points"] == ["impact"]

    video = make_video(tmp_path / "answer.mp4", 1.0)
    take = as_json(cli("take", "import", str(video), "--question", str(question["id"]), "--json"))
    assert take["state"] == "final"
    assert as_json(cli("take", "rate", str(take["id"]), "4", "--json"))["comfort"] == 4
    assert as_json(cli("take", "note", str(take["id"]), "calmer", "--json"))["notes"] == "calmer"
    assert as_json(cli("take", "star", str(take["id"]), "--json"))["starred"] is True

    listed = as_json(cli("takes", "list", "--question", str(question["id"]), "--json"))
    assert [t["id"] for t in listed] == [take["id"]]
    questions = as_json(cli("question", "list", "--json"))
    assert [(q["id"], q["take_count"], q["best_take_id"]) for q in questions] == [
        (question["id"], 1, take["id"]),
        (q2["id"], 0, None),
    ]
    shown = as_json(cli("question", "show", str(question["id"]), "--json"))
    assert shown["takes"][0]["path"].endswith(".mp4")
    hits = as_json(cli("search", "travel", "--json"))
    assert [(h["kind"], h["id"]) for h in hits] == [("mistake", 1)]
    assert as_json(cli("search", "calmer", "--json"))[0]["question_id"] == question["id"]

    assert as_json(cli("take", "trash", str(take["id"]), "--json"))["state"] == "trashed"
    assert as_json(cli("takes", "list", "--json")) == []
    assert [t["id"] for t in as_json(cli("library", "trash", "--json"))["takes"]] == [take["id"]]
    assert as_json(cli("take", "restore", str(take["id"]), "--json"))["state"] == "final"

    report = as_json(cli("library", "check", "--json"))
    assert report["ok"] is True
    as_json(cli("library", "export", str(tmp_path / "all.zip"), "--json"))
    other = tmp_path / "other"
    summary = as_json(cli("library", "import", str(tmp_path / "all.zip"), "--json", library=other))
    assert summary["counts"]["takes"] == 1

    def without_paths(takes):
        return [{k: v for k, v in t.items() if k != "path"} for t in takes]

    assert without_paths(as_json(cli("takes", "list", "--json", library=other))) == (
        without_paths(as_json(cli("takes", "list", "--json")))
    )


def test_text_output_is_for_people(cli):
    cli("question", "add", "Why this company?")
    code, out, _ = cli("question", "list")
    assert code == 0
    assert "Why this company?" in out
    assert "0 takes" in out
    assert cli("takes", "list")[1].strip() == "no takes"
    assert "everything is in order" in cli("library", "check")[1]


def test_every_command_that_prints_speaks_json(cli, tmp_path):
    cli("interview", "add", "--company", "Acme")
    cli("mistake", "add", "--asked", "Why?", "--rehearse")
    for argv in (
        ["interview", "list"],
        ["interview", "show", "1"],
        ["mistake", "list"],
        ["question", "list"],
        ["question", "show", "1"],
        ["question", "status", "1", "comfortable"],
        ["takes", "list"],
        ["search", "why"],
        ["library", "path"],
        ["library", "check"],
        ["library", "trash"],
        ["library", "export", str(tmp_path / "x.zip")],
        ["question", "trash", "1"],
        ["question", "restore", "1"],
    ):
        code, out, err = cli(*argv, "--json")
        assert code == 0, (argv, err)
        json.loads(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["question", "show", "42"], "no question with id 42"),
        (["take", "rate", "7", "3"], "no take with id 7"),
        (["take", "import", "/nonexistent/file.mp4", "--question", "1"], "no such file"),
        (["interview", "add", "--company", "X", "--date", "next tuesday"], "YYYY-MM-DD"),
        (["mistake", "add"], "--asked"),
        (["mistake", "add", "--asked", "x", "--interview", "9"], "no interview with id 9"),
        (["question", "add"], "prompt"),
        (["question", "purge", "1"], "not in the trash"),
        (["take", "restore", "1"], "no take"),
        (["library", "import", "/etc/hostname"], "not a Take Two archive"),
    ],
)
def test_user_errors_are_one_line_and_a_non_zero_exit(cli, argv, message):
    cli("question", "add", "Existing question")
    code, out, err = cli(*argv)
    assert code != 0
    assert out == ""
    [line] = err.strip().splitlines()
    assert line.startswith("taketwo: ")
    assert message in line


def test_importing_something_that_is_not_media_changes_nothing(cli, tmp_path):
    cli("question", "add", "Existing question")
    fake = tmp_path / "holiday.mp4"
    fake.write_text("not really a video")
    code, _, err = cli("take", "import", str(fake), "--question", "1")
    assert code == 1
    assert "holiday.mp4 is not a video or audio file" in err
    assert as_json(cli("takes", "list", "--json", "--trashed")) == []


def test_no_traceback_reaches_the_terminal(tmp_path):
    folder = tmp_path / "library"
    for argv in (
        ["take", "star", "3"],
        ["search", "x", "--limit", "0"],
        ["library", "import", str(tmp_path)],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "taketwo", *argv, "--library", str(folder)],
            capture_output=True,
            text=True,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) <= 1, proc.stderr


def test_the_library_folder_comes_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TAKETWO_LIBRARY", str(tmp_path / "from-env"))
    assert main(["question", "add", "Why us?"]) == 0
    assert main(["library", "path"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == str(tmp_path / "from-env")
    with Library.open(tmp_path / "from-env", readonly=True) as lib:
        assert len(lib.list_questions()) == 1


def test_a_damaged_database_is_one_line_then_restored_on_request(cli):
    for i in range(20):
        cli("question", "add", f"Question {i} " + "words " * 200)
    with Library.open(cli.folder) as lib:
        lib.backup_now("daily")
    db = cli.folder / "taketwo.sqlite3"
    db.write_bytes(db.read_bytes()[:8192])
    (cli.folder / "taketwo.sqlite3-wal").unlink(missing_ok=True)
    code, out, err = cli("question", "list")
    assert code == 1
    [line] = err.strip().splitlines()
    assert "is damaged" in line
    assert "--restore-backup" in line
    report = as_json(cli("library", "check", "--restore-backup", "--repair", "--json"))
    assert report["restored_backup"]
    assert report["ok"] is True
    assert len(as_json(cli("question", "list", "--json"))) == 20
