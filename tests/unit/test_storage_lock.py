"""One writer per library: a second process is told who has it, and never writes meanwhile."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from taketwo.domain import Question
from taketwo.storage import Library, LibraryLocked

pytest_plugins = ["tests.support.library_fixtures"]

HOLDER = textwrap.dedent("""
    import sys, time
    from taketwo.domain import Question
    from taketwo.storage import Library
    lib = Library.open(sys.argv[1], purpose="taketwo record")
    lib.add_question(Question(prompt="held by the other process"))
    print("ready", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def holder(library_dir):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(library_dir)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.kill()
    proc.wait()


def test_a_second_open_in_this_process_is_refused(library):
    with pytest.raises(LibraryLocked, match=f"pid {os.getpid()}"):
        Library.open(library.folder)


def test_another_process_holding_the_library_is_named(library_dir, holder):
    with pytest.raises(LibraryLocked) as caught:
        Library.open(library_dir)
    assert caught.value.pid == holder.pid
    message = str(caught.value)
    assert f"pid {holder.pid}" in message
    assert "taketwo record" in message
    assert "\n" not in message
    # Reading is still possible: WAL lets a reader in beside the writer.
    with Library.open(library_dir, readonly=True) as reader:
        assert [s.question.prompt for s in reader.list_questions()] == ["held by the other process"]


def test_a_killed_holder_leaves_the_library_free(library_dir, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with Library.open(library_dir) as lib:
        lib.add_question(Question(prompt="mine now"))
        assert len(lib.list_questions()) == 2


def test_the_cli_reports_the_lock_in_one_line(library_dir, holder):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "taketwo",
            "question",
            "add",
            "Why us?",
            "--library",
            str(library_dir),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    [line] = proc.stderr.strip().splitlines()
    assert f"pid {holder.pid}" in line
    assert "Traceback" not in proc.stderr
    with Library.open(library_dir, readonly=True) as reader:
        assert len(reader.list_questions()) == 1  # nothing was written
