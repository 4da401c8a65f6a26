"""Writing only where the user said: every command that saves a file refuses a path inside the
library, replaces the name it was given (never writes through a link there), leaves the user's
own ``.NAME.partial`` files alone, and keeps its temporary copies inside the library."""

from __future__ import annotations

import json
import os

import pytest

from taketwo.cli import main
from taketwo.safe_output import clean_stale_partials, new_partial
from taketwo.storage.temp_files import TEMP_DIR, clean_temp
from tests.support.library_media import make_video


@pytest.fixture
def cli(tmp_path, capsys):
    folder = tmp_path / "library"

    def run(*argv):
        code = main([*argv, "--library", str(folder)])
        out, err = capsys.readouterr()
        return code, out, err

    run("question", "add", "Why this job?")
    run("interview", "add", "--company", "Acme")
    for _ in range(2):
        src = make_video(tmp_path / "src.mp4", 2.0, size=(160, 120), fps=15)
        assert run("take", "import", str(src), "--question", "1")[0] == 0
    run.folder = folder
    return run


def take_file(folder, number):
    return next(folder.glob(f"media/*/take-{number:03d}-*.mp4"))


def write_commands(target):
    return {
        "take export": ("take", "export", "1", "--output", str(target), "--force"),
        "pack": ("pack", "--takes", "1", "--output", str(target), "--force"),
        "note save": ("note", "save", "1", str(target)),
        "library export": ("library", "export", str(target)),
    }


@pytest.mark.parametrize("command", ["take export", "pack", "note save", "library export"])
def test_a_path_inside_the_library_is_refused(cli, command):
    victim = take_file(cli.folder, 2)
    before = victim.read_bytes()
    code, _out, err = cli(*write_commands(victim)[command])
    assert code != 0
    assert "outside the library" in err
    assert "Traceback" not in err
    assert victim.read_bytes() == before


def test_record_output_inside_the_library_is_refused(cli):
    victim = take_file(cli.folder, 2)
    code, _out, err = cli(
        "record",
        "--output",
        str(victim),
        "--force",
        "--seconds",
        "1",
        "--camera",
        "demo",
        "--mic",
        "demo",
    )
    assert code != 0
    assert "outside the library" in err
    assert victim.stat().st_size > 0


@pytest.mark.parametrize("command", ["take export", "pack"])
def test_force_replaces_a_link_and_never_writes_through_it(cli, tmp_path, command):
    target = tmp_path / "elsewhere.bin"
    target.write_bytes(b"keep me")
    os.chmod(target, 0o644)
    link = tmp_path / ("out.mp4" if command == "take export" else "out.zip")
    link.symlink_to(target)
    code, _out, err = cli(*write_commands(link)[command])
    assert code == 0, err
    assert not link.is_symlink()
    assert link.stat().st_size > 0
    assert target.read_bytes() == b"keep me"
    assert (target.stat().st_mode & 0o777) == 0o644


def test_record_force_replaces_a_link(cli, tmp_path):
    target = tmp_path / "elsewhere.bin"
    target.write_bytes(b"keep me")
    link = tmp_path / "rec.mp4"
    link.symlink_to(target)
    code, _out, err = cli(
        "record",
        "--output",
        str(link),
        "--force",
        "--seconds",
        "1.2",
        "--camera",
        "demo",
        "--mic",
        "demo",
        "--size",
        "160x120",
        "--quiet",
    )
    assert code == 0, err
    assert not link.is_symlink()
    assert target.read_bytes() == b"keep me"


@pytest.mark.parametrize("command", ["take export", "pack", "library export"])
def test_the_users_own_partial_file_is_left_alone(cli, tmp_path, command):
    out = tmp_path / ("c.mp4" if command == "take export" else "p.zip")
    theirs = tmp_path / f".{out.name}.partial"
    theirs.write_bytes(b"the user's")
    argv = write_commands(out)[command]
    code, _out, err = cli(*[a for a in argv if a != "--force"])
    assert code == 0, err
    assert theirs.read_bytes() == b"the user's"
    assert sorted(p.name for p in tmp_path.glob(f".{out.name}*")) == [theirs.name]


def test_a_stale_partial_of_ours_is_removed_next_time_and_a_live_one_kept(tmp_path):
    out = tmp_path / "x.zip"
    mine = new_partial(out)  # this process: alive
    dead = tmp_path / f".x.zip.taketwo-{2**22 + 12345}-abcdefgh.partial"
    dead.write_bytes(b"left by a killed run")
    theirs = tmp_path / ".x.zip.partial"
    theirs.write_bytes(b"user")
    clean_stale_partials(tmp_path, "x.zip")
    assert mine.exists()
    assert theirs.exists()
    assert not dead.exists()


def test_temporary_copies_live_in_the_library_and_are_cleaned(cli, tmp_path, monkeypatch):
    seen = []
    import taketwo.media.pack as pack

    real = pack._browser_ready_copy

    def spy(src, dst, *a, **k):
        seen.append(dst)
        return real(src, dst, *a, **k)

    monkeypatch.setattr(pack, "_browser_ready_copy", spy)
    code, _out, err = cli("pack", "--takes", "1", "--output", str(tmp_path / "p.zip"))
    assert code == 0, err
    assert seen
    assert all((cli.folder / TEMP_DIR) in p.parents for p in seen)
    left = cli.folder / TEMP_DIR / f"export-{2**22 + 12345}-abcd"
    left.mkdir()
    (left / "taketwo.sqlite3").write_bytes(b"copy")
    assert clean_temp(cli.folder) == [left.name]
    left.mkdir()
    assert cli("library", "check", "--repair", "--json")[0] == 0
    assert not left.exists()


def test_export_and_pack_json_name_the_output(cli, tmp_path):
    code, out, err = cli("pack", "--takes", "1", "--output", str(tmp_path / "p.zip"), "--json")
    assert code == 0, err
    assert json.loads(out)["output"] == str(tmp_path / "p.zip")


def test_record_force_keeps_the_old_take_when_the_devices_do_not_open(cli, tmp_path):
    """--force replaces the old take only once recording can start: a camera that cannot be
    opened leaves the file (and its sidecar) the user had."""
    old = tmp_path / "answer.mp4"
    old.write_bytes(b"yesterday's take")
    old.with_suffix(".json").write_text("{}")
    code, _out, err = cli(
        "record",
        "--output",
        str(old),
        "--force",
        "--seconds",
        "1.2",
        "--camera",
        f"file:{tmp_path / 'no-such-camera.mp4'}",
        "--mic",
        "demo",
        "--quiet",
    )
    assert code != 0
    assert "no such video file" in err
    assert old.read_bytes() == b"yesterday's take"
    assert old.with_suffix(".json").read_text() == "{}"
