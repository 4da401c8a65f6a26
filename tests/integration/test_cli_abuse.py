"""The command line under abuse: bad values, clashing outputs, parallel writers, a library held
by another process. One clear line each, never a traceback, nothing left behind."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from taketwo.cli import main
from taketwo.domain import Question
from taketwo.storage import Library
from tests.support.library_media import make_video
from tests.support.needs import require

TAKETWO = [sys.executable, "-m", "taketwo"]
DEMO = ["--camera", "demo", "--mic", "demo", "--size", "320x240"]


def run(*args, library=None, stdin=None, umask=0o022, timeout=120):
    """``taketwo ARGS`` in a child process started under a lax umask (as a user's shell is)."""
    argv = [*TAKETWO, *([] if library is None else ["--library", str(library)]), *args]
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        argv,
        capture_output=True,
        input=stdin,
        timeout=timeout,
        env=env,
        preexec_fn=lambda: os.umask(umask),
    )


def one_line_error(proc) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    if proc.returncode == 2 and lines[0].startswith("usage:"):  # argparse's own refusal
        lines = lines[-1:]
        assert ": error: " in lines[0]
        return lines[0]
    assert len(lines) == 1, err
    assert lines[0].startswith("taketwo: ")
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--seconds", "0"], "--seconds"),
        (["--seconds", "-1"], "--seconds"),
        (["--seconds", "nan"], "--seconds"),
        (["--seconds", "inf"], "--seconds"),
        (["--fps", "0"], "--fps"),
        (["--fps", "-5"], "--fps"),
        (["--fps", "100000"], "--fps"),
        (["--fps", "nan"], "--fps"),
    ],
)
@pytest.mark.parametrize("into", ["output", "library"])
def test_bad_numbers_are_refused_before_anything_is_recorded(tmp_path, capsys, args, said, into):
    lib = tmp_path / "lib"
    with Library.open(lib) as library:
        library.add_question(Question(prompt="Q"))
    target = ["--question", "1"] if into == "library" else ["--output", str(tmp_path / "take.mp4")]
    code = main(["--library", str(lib), "record", *DEMO, *target, *args])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"taketwo: {said}")
    assert err.count("\n") == 1
    assert not (tmp_path / "take.mp4").exists()
    assert not (tmp_path / "take.json").exists()
    with Library.open(lib, readonly=True) as library:
        assert library.list_takes(include_trashed=True) == []


def test_an_existing_output_or_sidecar_is_never_replaced_unasked(tmp_path):
    take, sidecar = tmp_path / "a.mp4", tmp_path / "a.json"
    take.write_bytes(b"my earlier answer")
    proc = run("record", *DEMO, "--seconds", "1", "--output", str(take))
    assert "already exists" in one_line_error(proc)
    assert take.read_bytes() == b"my earlier answer"
    assert not sidecar.exists()
    take.unlink()
    sidecar.write_text("{}")
    assert "already exists" in one_line_error(
        run("record", *DEMO, "--seconds", "1", "--output", str(take))
    )
    assert not take.exists()
    assert sidecar.read_text() == "{}"
    proc = run("record", *DEMO, "--seconds", "1", "--output", str(take), "--force")
    assert proc.returncode == 0, proc.stderr
    assert b"\r" not in proc.stderr  # no rewritten progress line when stderr is not a terminal
    assert take.stat().st_size > 1000
    assert json.loads(sidecar.read_text())["state"] == "final"


@pytest.mark.parametrize("where", ["missing folder", "a folder", "under a file", "/proc"])
def test_an_unusable_output_is_one_line_and_leaves_nothing(tmp_path, where):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "dir.mp4").mkdir()
    output = {
        "missing folder": tmp_path / "nope" / "a.mp4",
        "a folder": tmp_path / "dir.mp4",
        "under a file": tmp_path / "file.txt" / "a.mp4",
        "/proc": Path("/proc/self/a.mp4"),
    }[where]
    before = sorted(tmp_path.rglob("*"))
    one_line_error(run("record", *DEMO, "--seconds", "1", "--output", str(output)))
    assert sorted(tmp_path.rglob("*")) == before


def test_takes_are_private_from_their_first_byte_while_recording(tmp_path):
    """Poll every file the recorder creates while it records: never readable by others."""
    lib = tmp_path / "lib"
    assert run("question", "add", "Q", library=lib).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    for target in (["--question", "1"], ["--output", str(out / "a.mp4")]):
        child = subprocess.Popen(
            [*TAKETWO, "--library", str(lib), "record", *DEMO, "--seconds", "2.5", *target],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: os.umask(0o022),
        )
        seen: dict[str, int] = {}
        while child.poll() is None:
            for root in (lib / "media", out):
                for path in root.rglob("*"):
                    # a temporary file may be renamed between listing and stat
                    with contextlib.suppress(FileNotFoundError):
                        seen[path.name] = seen.get(path.name, 0) | mode(path)
            time.sleep(0.02)
        assert child.returncode == 0
        files = {name: m for name, m in seen.items() if "." in name}
        assert any(name.endswith(".mp4") for name in files)
        assert {name: m & 0o077 for name, m in files.items()} == dict.fromkeys(files, 0)


def test_an_export_partial_file_is_private(tmp_path, monkeypatch):
    import zipfile

    with Library.open(tmp_path / "lib") as lib:
        question = lib.add_question(Question(prompt="Q"))
        take = lib.begin_take(question.id, {})
        make_video(take.path, 0.3)
        lib.finish_take(take.id, 0.3)
        modes = []
        write = zipfile.ZipFile.write

        def spy(self, filename, *args, **kwargs):
            (partial,) = tmp_path.glob(".out.zip.taketwo-*.partial")
            modes.append(mode(partial))
            return write(self, filename, *args, **kwargs)

        monkeypatch.setattr(zipfile.ZipFile, "write", spy)
        old = os.umask(0o022)
        try:
            lib.export_archive(tmp_path / "out.zip")
        finally:
            os.umask(old)
    assert modes
    assert set(modes) == {0o600}
    assert mode(tmp_path / "out.zip") == 0o600


def test_ten_parallel_writers_all_succeed(tmp_path):
    lib = tmp_path / "lib"
    assert run("question", "list", library=lib).returncode == 0
    children = [
        subprocess.Popen(
            [*TAKETWO, "--library", str(lib), "question", "add", f"Parallel question {i}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(10)
    ]
    results = [(c.wait(timeout=120), c.stderr.read().decode()) for c in children]
    assert [code for code, _ in results] == [0] * 10, results
    questions = json.loads(run("question", "list", "--json", library=lib).stdout)
    assert len(questions) == 10


def test_check_works_while_another_process_holds_the_library(tmp_path):
    with Library.open(tmp_path / "lib", purpose="the app") as app:
        question = app.add_question(Question(prompt="Q"))
        take = app.begin_take(question.id, {})  # being recorded by "the app" right now
        take.path.write_bytes(b"\0" * 100)
        proc = run("library", "check", "--json", library=app.folder)
        assert proc.returncode == 0, proc.stderr
        report = json.loads(proc.stdout)
        assert report["findings"] == []  # the take being recorded is not called interrupted
        proc = run("library", "check", "--repair", library=app.folder, timeout=60)
        assert "in use" in one_line_error(proc)


@pytest.mark.parametrize(
    "argv",
    [
        ["take", "show", "99999999999999999999"],
        ["question", "show", "-5"],
        ["question", "add", b"caf\xe9".decode("utf-8", "surrogateescape")],
        ["take", "import", "NOTMEDIA", "--question", "1"],
        ["library", "import", "NOTMEDIA"],
        ["library", "import", "/nonexistent.zip"],
        ["take", "rate", "1", "3"],
    ],
)
def test_bad_inputs_get_one_line_not_a_traceback(tmp_path, argv):
    lib = tmp_path / "lib"
    assert run("question", "add", "Q", library=lib).returncode == 0
    fake = tmp_path / "notes.mp4"
    fake.write_text("these are my notes, not a video")
    argv = [str(fake) if a == "NOTMEDIA" else a for a in argv]
    env = {**os.environ}
    proc = subprocess.run(
        [*TAKETWO, "--library", str(lib), *[os.fsencode(a) for a in argv]],
        capture_output=True,
        env=env,
        timeout=60,
    )
    line = one_line_error(proc)
    if argv[:2] == ["take", "import"]:
        assert "not a video or audio file" in line


def test_invalid_utf8_on_standard_input_is_one_line(tmp_path):
    proc = run("question", "add", "-", library=tmp_path / "lib", stdin=b"caf\xe9 \xff")
    assert "UTF-8" in one_line_error(proc)


def test_read_commands_open_the_library_read_only(tmp_path):
    """Listing, searching and exporting take no lock, so they work while the app writes."""
    with Library.open(tmp_path / "lib", purpose="the app") as app:
        app.add_question(Question(prompt="Tell me about a conflict"))
        for argv in (
            ["question", "list"],
            ["takes", "list"],
            ["search", "conflict"],
            ["library", "export", str(tmp_path / "x.zip")],
        ):
            proc = run(*argv, library=app.folder)
            assert proc.returncode == 0, (argv, proc.stderr)


def test_missing_hardware_is_one_line_of_our_own(tmp_path):
    from taketwo.devices.discovery import list_cameras, list_microphones

    require(
        not any(m.id != "demo" for m in list_microphones()[0]),
        "needs a machine without a microphone",
        hardware=True,
    )
    proc = run(
        "record",
        "--camera",
        "demo",
        "--mic",
        "default",
        "--seconds",
        "1",
        "--output",
        str(tmp_path / "a.mp4"),
    )
    assert "no microphone found" in one_line_error(proc)
    if not any(c.id != "demo" for c in list_cameras()):
        proc = run(
            "record",
            "--camera",
            "0",
            "--mic",
            "demo",
            "--seconds",
            "1",
            "--output",
            str(tmp_path / "a.mp4"),
        )
        assert "camera" in one_line_error(proc)  # OpenCV's own warnings stay out of it
    assert list(tmp_path.iterdir()) == []
