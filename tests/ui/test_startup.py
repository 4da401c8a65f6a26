"""Starting the app: no display, a library in use elsewhere, the question to begin with."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.ui.shell import app as appmod


def test_no_display_is_one_clear_line(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, "-m", "taketwo", "--library", str(tmp_path / "lib")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "xvfb-run" in lines[0]
    assert "taketwo --help" in lines[0]


def test_a_library_open_in_another_window_is_said_plainly(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(appmod, "show_message", lambda *a: shown.append(a[2]))
    monkeypatch.setenv("TAKETWO_SETTINGS", str(tmp_path / "s.ini"))
    with Library.open(tmp_path / "lib"):
        code = appmod.run(
            argparse.Namespace(library=str(tmp_path / "lib"), camera=None, mic=None, json=False)
        )
    assert code == 1
    assert len(shown) == 1
    assert str(os.getpid()) in shown[0]


def test_the_last_used_question_is_where_it_starts(tmp_path):
    from taketwo.domain.question import Question

    settings = Settings(tmp_path / "s.ini")
    with Library.open(tmp_path / "lib") as library:
        first = library.add_question(Question(prompt="One"))
        library.add_question(Question(prompt="Two"))
        settings.set("last_question_id", first.id)
        assert appmod.starting_question(library, settings) == first.id
