"""Files the app writes are private from the first byte, whatever the umask; folders the
user made stricter stay so."""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest

from taketwo.capture.encoder import TakeWriter
from taketwo.files import open_private, write_json_atomic
from taketwo.media import remux
from taketwo.storage.layout import ensure_private_dir, make_private


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def lax_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_take_file_is_0600_before_the_first_frame(tmp_path, lax_umask):
    writer = TakeWriter(tmp_path / "take.mp4", 64, 64, 10.0)
    try:
        assert mode(tmp_path / "take.mp4") == 0o600
    finally:
        writer.abandon()


def test_finalizing_writes_its_copy_private(tmp_path, lax_umask, monkeypatch):
    seen = []
    copy = remux._copy_packets

    def spy(src, dst):
        copied = copy(src, dst)
        seen.append(mode(dst))  # created by create_private before FFmpeg wrote a byte
        return copied

    monkeypatch.setattr(remux, "_copy_packets", spy)
    writer = TakeWriter(tmp_path / "take.mp4", 64, 64, 10.0)
    for slot in range(10):
        writer.write_video(np.zeros((64, 64, 3), np.uint8), slot)
    writer.write_audio(np.zeros(48000, np.float32))
    writer.close()
    remux.finalize(tmp_path / "take.mp4")
    assert seen == [0o600]
    assert mode(tmp_path / "take.mp4") == 0o600


def test_json_and_partial_files_are_private(tmp_path, lax_umask):
    write_json_atomic(tmp_path / "a.json", {"x": 1})
    assert mode(tmp_path / "a.json") == 0o600
    (tmp_path / "old").write_text("x")
    os.chmod(tmp_path / "old", 0o644)
    with open_private(tmp_path / "old") as f:
        assert stat.S_IMODE(os.fstat(f.fileno()).st_mode) == 0o600
    with pytest.raises(FileExistsError):
        open_private(tmp_path / "old", exclusive=True)


def test_a_stricter_folder_or_file_is_respected(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    os.chmod(folder, 0o500)
    ensure_private_dir(folder)
    assert mode(folder) == 0o500
    os.chmod(folder, 0o755)
    ensure_private_dir(folder)
    assert mode(folder) == 0o700
    file = tmp_path / "f"
    file.write_text("x")
    os.chmod(file, 0o400)
    make_private(file)
    assert mode(file) == 0o400
