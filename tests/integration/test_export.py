"""Clips exported from a real demo recording, checked with ffprobe/ffmpeg (not our reader)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from taketwo.domain.work import Cancelled
from taketwo.media import clip_writer, title_card
from taketwo.media.export import ExportError, export_take
from tests.support.media_checks import (
    decodes_cleanly,
    ffprobe,
    stream,
    sync_marks,
    video_brightness,
)

FPS = 30
FRAME = 1 / FPS
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def take(tmp_path_factory) -> Path:
    """Six seconds from the demo devices: a white frame and a beep at each whole second."""
    out = tmp_path_factory.mktemp("export") / "take.mp4"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "taketwo",
            "record",
            "--camera",
            "demo",
            "--mic",
            "demo",
            "--size",
            "320x240",
            "--seconds",
            "6",
            "--output",
            str(out),
            "--quiet",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return out


def keyframes(path: Path) -> list[float]:
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v",
            "-show_entries",
            "packet=pts_time,flags",
            "-of",
            "csv=p=0",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [float(line.split(",")[0]) for line in out if ",K" in line]


def atoms(path: Path) -> list[str]:
    names, data, pos = [], path.read_bytes(), 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos : pos + 4], "big")
        names.append(data[pos + 4 : pos + 8].decode("latin-1"))
        if size == 1:
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
        if size < 8:
            break
        pos += size
    return names


def expected_frames(source_times: np.ndarray, start: float, end: float) -> np.ndarray:
    half = FRAME / 2
    return source_times[(source_times >= start - half) & (source_times < end - half)]


def test_a_clip_from_the_middle_is_browser_ready_and_frame_accurate(take, tmp_path):
    out = tmp_path / "clip.mp4"
    plan = export_take(take, out, 1.5, 4.6)
    assert plan.smart, "the whole GOPs in the middle are copied"
    info = ffprobe(out)
    v, a = stream(info, "video"), stream(info, "audio")
    assert (v["codec_name"], v["pix_fmt"], a["codec_name"]) == ("h264", "yuv420p", "aac")
    assert v["profile"] in ("High", "Main", "Constrained Baseline")
    assert a["profile"] == "LC"
    assert atoms(out).index("moov") < atoms(out).index("mdat"), "faststart"
    assert abs(float(v["duration"]) - 3.1) <= FRAME
    assert abs(float(a["duration"]) - 3.1) <= FRAME
    ok, errors = decodes_cleanly(out)
    assert ok, errors
    assert os.stat(out).st_mode & 0o777 == 0o600
    # The marks are the source's, moved by the start, and still in sync.
    source, clip = sync_marks(take), sync_marks(out)
    inside = source.flashes[(source.flashes >= 1.5) & (source.flashes < 4.6)]
    np.testing.assert_allclose(clip.flashes, inside - 1.5, atol=FRAME)
    assert len(clip.offsets_ms) == len(inside)
    assert np.all(np.abs(clip.offsets_ms - np.median(source.offsets_ms)) < 10)


@pytest.mark.parametrize("where", ["on", "before", "after"])
def test_edges_on_and_next_to_a_keyframe(take, tmp_path, where):
    keys = keyframes(take)
    start = keys[2] + {"on": 0.0, "before": -FRAME, "after": FRAME}[where]
    end = keys[4] + {"on": 0.0, "before": -FRAME, "after": FRAME}[where]
    out = tmp_path / f"{where}.mp4"
    export_take(take, out, start, end)
    ok, errors = decodes_cleanly(out)
    assert ok, errors
    src_t, src_luma = video_brightness(take)
    out_t, out_luma = video_brightness(out)
    wanted = expected_frames(src_t, start, end)
    assert len(out_t) == len(wanted)
    picked = np.isin(src_t, wanted)
    np.testing.assert_allclose(out_luma, src_luma[picked], atol=6)  # the same pictures
    assert abs(float(stream(ffprobe(out), "video")["duration"]) - (end - start)) <= FRAME


def test_title_card_audio_only_and_video_only(take, tmp_path):
    titled = tmp_path / "titled.mp4"
    export_take(take, titled, 1.5, 3.5, title="Tell me about a conflict you resolved")
    v = stream(ffprobe(titled), "video")
    assert abs(float(v["duration"]) - 4.0) <= FRAME
    times, luma = video_brightness(titled)
    assert luma[times < 1.9].max() < 100, "the card, not the take"
    assert sync_marks(titled).flashes[0] == pytest.approx(2.0 + 2.021354 - 1.5, abs=FRAME)

    sound = tmp_path / "sound.mp4"
    export_take(take, sound, 1.0, 3.0, video=False)
    assert [s["codec_type"] for s in ffprobe(sound)["streams"]] == ["audio"]
    picture = tmp_path / "picture.mp4"
    export_take(take, picture, 1.0, 3.0, audio=False)
    assert [s["codec_type"] for s in ffprobe(picture)["streams"]] == ["video"]


def first_frame_rgb(path: Path, width: int, height: int) -> np.ndarray:
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-frames:v", "1", "-f", "rawvideo"]
        + ["-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3).astype(int)


def test_a_title_card_shows_the_question_as_typed(take, tmp_path):
    question = "Pourquoi avez-vous quitté votre dernier poste ?"
    titled = tmp_path / "titled.mp4"
    export_take(take, titled, 1.0, 1.5, title=question)
    frame = first_frame_rgb(titled, 320, 240)
    drawn = title_card.title_card(question, 320, 240)[:, :, ::-1].astype(int)
    folded = title_card._ascii_card(question, 320, 240)[:, :, ::-1].astype(int)
    assert np.abs(frame - drawn).mean() < np.abs(frame - folded).mean() / 2


def test_cancel_leaves_nothing_behind(take, tmp_path):
    calls = []

    def progress(fraction, text):
        calls.append(fraction)
        return len(calls) < 5

    with pytest.raises(Cancelled):
        export_take(take, tmp_path / "clip.mp4", 0.5, 5.5, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end(take, tmp_path):
    seen = []
    export_take(take, tmp_path / "clip.mp4", 0.5, 5.5, progress=lambda f, t: seen.append(f) or True)
    assert seen == sorted(seen)
    assert seen[-1] > 0.95


def test_bad_input_is_refused_in_words_and_writes_nothing(take, tmp_path):
    existing = tmp_path / "there.mp4"
    existing.write_bytes(b"mine")
    with pytest.raises(ExportError, match="already exists"):
        export_take(take, existing, 1, 2)
    assert existing.read_bytes() == b"mine"
    export_take(take, existing, 1, 2, force=True)
    assert existing.stat().st_size > 1000
    with pytest.raises(ExportError, match="does not exist"):
        export_take(take, tmp_path / "nowhere" / "clip.mp4", 1, 2)
    with pytest.raises(ExportError, match="missing"):
        export_take(tmp_path / "gone.mp4", tmp_path / "clip.mp4", 1, 2)
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(take.read_bytes()[:5000])
    with pytest.raises(ExportError):
        export_take(truncated, tmp_path / "clip.mp4", 1, 2)
    truncated.write_bytes(take.read_bytes()[: take.stat().st_size * 6 // 10])  # header kept
    with pytest.raises(ExportError, match="truncated"):
        export_take(truncated, tmp_path / "clip.mp4", 1, 5.5)
    with pytest.raises(ExportError, match="before the end"):
        export_take(take, tmp_path / "clip.mp4", 3, 2)
    with pytest.raises(ExportError, match="outside"):
        export_take(take, tmp_path / "clip.mp4", 1, 60)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() != 0:
        with pytest.raises(ExportError, match="not writable"):
            export_take(take, locked / "clip.mp4", 1, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked", "there.mp4", "truncated.mp4"]


def test_a_full_disk_leaves_no_partial_file(take, tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(clip_writer, "_write_audio", full)
    with pytest.raises(ExportError, match="full"):
        export_take(take, tmp_path / "clip.mp4", 1, 2)
    assert list(tmp_path.iterdir()) == []
