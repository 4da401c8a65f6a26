"""The library folder's own names are its own: when media/, trash/, backups/, the import
staging folder, the temporary folder or the lock is a link, Take Two refuses in one line and
touches nothing outside; a linked or FIFO sidecar is never read."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pytest

from taketwo.cli import main
from taketwo.domain import Question
from taketwo.storage import Library, LibraryError
from tests.support.library_media import make_video

pytest_plugins = ["tests.support.library_fixtures"]


def digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def stocked(tmp_path):
    folder = tmp_path / "library"
    with Library.open(folder) as lib:
        q = lib.add_question(Question(prompt="Why us?"))
        take = lib.begin_take(q.id, {})
        make_video(take.path, 0.5)
        lib.finish_take(take.id, 0.5)
        lib.backup_now()
    return folder


@pytest.mark.parametrize("name", ["media", "trash", "backups", ".import-staging", ".tmp"])
def test_a_linked_folder_of_ours_is_refused_in_one_line(stocked, tmp_path, capsys, name):
    outside = tmp_path / "outside"
    own = stocked / name
    if own.exists():
        shutil.move(own, outside)
    else:
        outside.mkdir()
    (outside / "users-own.txt").write_text("mine")
    own.symlink_to(outside, target_is_directory=True)
    before = digest(outside)
    with pytest.raises(LibraryError, match="is a link"):
        Library.open(stocked)
    with pytest.raises(LibraryError, match="is a link"):
        Library.open(stocked, readonly=True)
    for argv in (
        ["library", "check", "--repair"],
        ["library", "export", str(tmp_path / "out.zip")],
        ["takes", "list"],
    ):
        code = main([*argv, "--library", str(stocked)])
        _out, err = capsys.readouterr()
        assert code == 1, err
        assert "is a link" in err
        assert len(err.strip().splitlines()) == 1, err
    assert digest(outside) == before
    assert not (tmp_path / "out.zip").exists()


def test_a_linked_lock_is_never_written_through(stocked, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("do not truncate")
    (stocked / "taketwo.lock").unlink(missing_ok=True)
    (stocked / "taketwo.lock").symlink_to(target)
    with pytest.raises(LibraryError, match="link"):
        Library.open(stocked)
    assert target.read_text() == "do not truncate"


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_linked_or_fifo_sidecar_is_not_read(stocked, tmp_path, kind):
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"library": {"question": "SECRET FROM OUTSIDE"}}))
    folder = next((stocked / "media").iterdir())
    orphan = folder / "take-009-2026-01-01_1200.mp4"
    make_video(orphan, 0.5)
    sidecar = orphan.with_suffix(".json")
    if kind == "link":
        sidecar.symlink_to(secret)
    else:
        os.mkfifo(sidecar)
    with Library.open(stocked) as lib:
        lib.check(repair=True)  # would hang on the FIFO if it were opened for reading
        prompts = [s.question.prompt for s in lib.list_questions()]
    assert "SECRET FROM OUTSIDE" not in prompts
