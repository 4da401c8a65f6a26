"""Text from data never reaches the terminal as control sequences: every listing command
shows a control character as a visible escape, the way ``ls`` and ``git`` do."""

from __future__ import annotations

import json
import re

import pytest

from taketwo.cli import main
from taketwo.cli.common import visible
from tests.support.hostile_library import TERMINAL_ATTACK, fill_library

# Anything a terminal acts on: C0 but newline and tab, DEL, C1, bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

LISTINGS = [
    ("question", "list"),
    ("question", "show", "{question}"),
    ("takes", "list"),
    ("take", "show", "{take}"),
    ("feedback", "list", "{take}"),
    ("interview", "list"),
    ("interview", "show", "{interview}"),
    ("mistake", "list"),
    ("checklist", "show"),
    ("search", "pwned"),
    ("plan", "{interview}"),
    ("note", "draft", "{interview}"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "library"
    return folder, fill_library(folder, TERMINAL_ATTACK)


@pytest.mark.parametrize("argv", LISTINGS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_every_listing_command_escapes_control_characters(hostile, capsys, argv, as_json):
    folder, ids = hostile
    filled = [a.format(**vars(ids)) for a in argv]
    code = main([*filled, "--library", str(folder), *(["--json"] if as_json else [])])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not RAW_CONTROL.search(out + err), repr(out)
    if as_json:
        json.loads(out)  # escaped the JSON way, still JSON
    else:
        assert "\\x1b]0;pwned" in out or "pwned" not in out


def test_visible_keeps_newlines_tabs_and_ordinary_text():
    assert visible("a\tb\nc é ★") == "a\tb\nc é ★"
    assert visible("\x1b[2J\r\x9b\ud800") == "\\x1b[2J\\x0d\\x9b\\ud800"


def test_an_error_naming_data_is_escaped_too(tmp_path, capsys):
    code = main(["take", "show", "1", "--library", str(tmp_path / f"lib{TERMINAL_ATTACK}")])
    _out, err = capsys.readouterr()
    assert code != 0
    assert not RAW_CONTROL.search(err), repr(err)
