"""Finalizing a fragmented MP4, including one torn by a crash, by stream copy."""

from __future__ import annotations

import subprocess

import pytest

from taketwo.media.probe import MediaError, probe
from taketwo.media.remux import finalize
from tests.support.media_checks import decodes_cleanly, ffprobe


@pytest.fixture
def fragmented(tmp_path):
    path = tmp_path / "frag.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=s=320x240:r=30:d=5",
            "-f",
            "lavfi",
            "-i",
            "sine=f=440:r=48000:d=5",
            "-c:v",
            "libx264",
            "-g",
            "30",
            "-bf",
            "0",
            "-c:a",
            "aac",
            "-movflags",
            "frag_keyframe+empty_moov+default_base_moof",
            "-frag_duration",
            "1000000",
            str(path),
        ],
        check=True,
    )
    return path


def test_finalize_makes_a_faststart_mp4_in_place(fragmented):
    finalize(fragmented)
    data = fragmented.read_bytes()
    assert b"moof" not in data
    assert data.index(b"moov") < data.index(b"mdat")
    assert abs(float(ffprobe(fragmented)["format"]["duration"]) - 5.0) < 0.1
    ok, errors = decodes_cleanly(fragmented)
    assert ok, errors


def test_a_torn_file_keeps_everything_before_the_tear(fragmented, tmp_path):
    data = fragmented.read_bytes()
    torn = tmp_path / "torn.mp4"
    torn.write_bytes(data[: int(len(data) * 0.7)])
    out = finalize(torn, tmp_path / "fixed.mp4")
    duration = probe(out).duration
    assert 2.0 < duration < 4.5
    ok, errors = decodes_cleanly(out)
    assert ok, errors


def test_not_media_is_a_clear_error_and_leaves_nothing_behind(tmp_path):
    junk = tmp_path / "notes.mp4"
    junk.write_text("this is not a video")
    with pytest.raises(MediaError):
        finalize(junk)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.mp4"]
    assert junk.read_text() == "this is not a video"
