"""Output piped into a reader that stops early (`| head -1`) ends quietly, as coreutils do."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from taketwo.domain import Question
from taketwo.storage import Library

TAKETWO = [sys.executable, "-m", "taketwo"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A library whose question list in JSON is far larger than a pipe's buffer (64 KiB), so
    the writer always outlives ``head``."""
    folder = tmp_path_factory.mktemp("pipe") / "library"
    with Library.open(folder) as lib:
        for i in range(40):
            lib.add_question(Question(prompt=f"Question {i} " + "and a long prompt " * 400))
    return folder


def test_head_closing_the_pipe_prints_no_traceback(folder):
    argv = [*TAKETWO, "--library", str(folder), "question", "list", "--json"]
    command = " ".join(shlex.quote(a) for a in argv)
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr == ""
    assert done.returncode == 141  # what a shell reports for a command SIGPIPE ended


def test_a_reader_gone_before_the_first_line(folder):
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*TAKETWO, "--library", str(folder), "question", "list"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 141
