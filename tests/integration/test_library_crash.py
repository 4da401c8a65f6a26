"""Crashes: SIGKILL while recording into the library, and inside a write transaction."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from taketwo.domain import Question
from taketwo.media.mp4 import is_fragmented
from taketwo.storage import Library
from tests.support.library_media import ffprobe_duration, ffprobe_format, start_library_writer
from tests.support.media_checks import held_seconds
from tests.support.waits import wait_until

TAKETWO = [sys.executable, "-m", "taketwo"]


def make_question(folder, prompt="Walk me through your résumé"):
    with Library.open(folder) as lib:
        return lib.add_question(Question(prompt=prompt)).id


def check_repair(folder):
    proc = subprocess.run(
        [*TAKETWO, "library", "check", "--repair", "--json", "--library", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_sigkill_during_a_recording_is_recovered_by_library_check(tmp_path):
    folder = tmp_path / "library"
    question_id = make_question(folder)
    writer = start_library_writer(folder, question_id)
    try:
        kind, take_id = writer.stdout.readline().split()
        assert kind == "take"
        written = 0
        deadline = time.monotonic() + 30
        while written < 3 and time.monotonic() < deadline:
            written = int(writer.stdout.readline().split()[1])
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait()
    assert written >= 3
    with Library.open(folder, readonly=True) as lib:
        take = lib.get_take(int(take_id))
    assert take.state.value == "recording"
    assert is_fragmented(take.path)

    report = check_repair(folder)
    [finding] = report["findings"]
    assert (finding["kind"], finding["take_id"], finding["fixed"]) == (
        "interrupted",
        int(take_id),
        True,
    )
    with Library.open(folder, readonly=True) as lib:
        recovered = lib.get_take(int(take_id))
    assert recovered.state.value == "recovered"
    real = ffprobe_duration(recovered.path)
    assert abs(real - written) <= 1.5, (real, written)
    assert recovered.duration == pytest.approx(real, abs=0.1)
    assert not is_fragmented(recovered.path)  # a normal MP4 now
    assert float(ffprobe_format(recovered.path)["format"]["duration"]) == pytest.approx(
        real, abs=0.1
    )
    assert check_repair(folder)["findings"] == []


WRITER = textwrap.dedent("""
    import sys
    from taketwo.storage import Library
    lib = Library.open(sys.argv[1])
    batch = 0
    while True:
        with lib._writing() as conn:
            for i in range(2000):
                conn.execute(
                    "INSERT INTO questions (prompt, folder, created) VALUES (?, ?, ?)",
                    (f"question {batch}-{i} " + "x" * 200, f"f-{batch}-{i}",
                     "2026-01-01T00:00:00.000000+00:00"))
                if i == 1000:
                    print("halfway", batch, flush=True)
        batch += 1
        print("committed", batch, flush=True)
""")


def test_sigkill_inside_a_write_transaction_leaves_a_sound_database(tmp_path):
    folder = tmp_path / "library"
    make_question(folder, "the first question")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True
    )
    try:
        committed = 0
        while committed < 5:
            kind, batch = writer.stdout.readline().split()
            committed = int(batch) if kind == "committed" else committed
        assert writer.stdout.readline().split()[0] == "halfway"  # inside the next transaction
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait()
    conn = sqlite3.connect(folder / "taketwo.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    rows = conn.execute("SELECT count(*) FROM questions").fetchone()[0] - 1
    conn.close()
    assert rows % 2000 == 0, "a transaction was half applied"
    assert rows // 2000 >= committed
    with Library.open(folder) as lib:
        report = lib.check()
        assert report.integrity_ok, report.integrity
        assert len(lib.search("question")) > 0


@pytest.mark.slow
def test_sigkill_during_taketwo_record_is_recovered(tmp_path):
    folder = tmp_path / "library"
    question_id = make_question(folder)
    proc = subprocess.Popen(
        [
            *TAKETWO,
            "record",
            "--question",
            str(question_id),
            "--camera",
            "demo",
            "--mic",
            "demo",
            "--seconds",
            "30",
            "--quiet",
            "--library",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def take_holds(seconds: float) -> bool:
        with Library.open(folder, readonly=True) as lib:
            takes = lib.list_takes()
        return bool(takes) and takes[0].path.exists() and held_seconds(takes[0].path) >= seconds

    try:
        wait_until(lambda: take_holds(3) or proc.poll() is not None, timeout=60, step=0.1)
        assert proc.poll() is None, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    report = check_repair(folder)
    assert [(f["kind"], f["fixed"]) for f in report["findings"]] == [("interrupted", True)]
    with Library.open(folder, readonly=True) as lib:
        [take] = lib.list_takes()
    assert take.state.value == "recovered"
    real = ffprobe_duration(take.path)
    assert real >= 3, "what the file held before the kill is kept"
    assert take.duration == pytest.approx(real, abs=0.2)
