"""Take analysis measured against independent references: speech espeak-ng spoke at known
rates, silences of known length sox put in, loudness from ffmpeg's ebur128 filter, a real face
photograph. The media are made by outside tools only (tests/support/speech_media.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from taketwo.analysis.decode import AnalysisError
from taketwo.analysis.take import analyze_file
from tests.support.speech_media import (
    SpeechClip,
    ebur128_integrated,
    face_image,
    picture_clip,
    pyloudnorm_integrated,
    speech_clip,
)

RATES_WPM = (120, 165, 210)
pytestmark = pytest.mark.slow  # espeak-ng, sox and ffmpeg make ~15 clips: ~30 s in all


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("analysis-media")


@pytest.fixture(scope="module")
def clips(media: Path) -> dict[int, tuple[SpeechClip, dict]]:
    made = {}
    for wpm in RATES_WPM:
        clip = speech_clip(media, wpm=wpm, name=f"speech{wpm}")
        made[wpm] = (clip, analyze_file(clip.path))
    return made


@pytest.mark.parametrize("wpm", RATES_WPM)
def test_pauses_match_the_inserted_silences(clips, wpm):
    clip, result = clips[wpm]
    found = [(p["start"], p["duration"]) for p in result["pauses"]]
    assert len(found) == len(clip.pauses), (found, clip.pauses)
    for (start, length), (true_start, true_length) in zip(found, clip.pauses, strict=True):
        assert start == pytest.approx(true_start, abs=0.15)
        assert start + length == pytest.approx(true_start + true_length, abs=0.15)
    assert result["long_pauses"] == sum(g > 1 for _s, g in clip.pauses)
    assert result["very_long_pauses"] == sum(g > 3 for _s, g in clip.pauses)
    assert result["first_word_s"] == pytest.approx(clip.lead_s, abs=0.15)
    assert result["speaking_s"] == pytest.approx(clip.speech_s, abs=0.5)


@pytest.mark.parametrize("wpm", RATES_WPM)
def test_speaking_rate_is_within_15_percent_of_the_counted_syllables(clips, wpm):
    clip, result = clips[wpm]
    truth = clip.syllables / clip.speech_s
    assert result["rate"]["syllables_per_s"] == pytest.approx(truth, rel=0.15)
    assert result["rate"]["wpm_low"] < result["rate"]["wpm_high"]


def test_faster_speech_measures_faster(clips):
    rates = [clips[w][1]["rate"]["syllables_per_s"] for w in RATES_WPM]
    assert rates == sorted(rates)


@pytest.mark.parametrize("wpm", RATES_WPM)
def test_integrated_loudness_agrees_with_ffmpeg_ebur128_and_pyloudnorm(clips, wpm):
    clip, result = clips[wpm]
    measured = result["loudness"]["integrated_lufs"]
    assert measured == pytest.approx(ebur128_integrated(clip.path), abs=1.0)
    # The app meters with libavfilter's ebur128 too, so a second implementation checks it.
    assert measured == pytest.approx(pyloudnorm_integrated(clip.path), abs=1.0)
    assert -10 < result["loudness"]["true_peak_dbtp"] < 0
    assert result["warnings"] == ["face_missing"]  # a test pattern, no face


def test_quiet_speech_is_called_too_quiet_and_still_measured(media):
    clip = speech_clip(media, gain_db=-18, gaps=(1.5,), name="quiet")
    result = analyze_file(clip.path)
    assert result["loudness"]["integrated_lufs"] == pytest.approx(
        pyloudnorm_integrated(clip.path), abs=1.0
    )
    assert "too_quiet" in result["warnings"]
    assert result["pauses"][0]["duration"] == pytest.approx(1.5, abs=0.3)


def test_clipped_speech_is_flagged(media):
    clip = speech_clip(media, gain_db=20, gaps=(1.0,), name="clipped")
    result = analyze_file(clip.path)
    assert "clipping" in result["warnings"]
    assert result["loudness"]["true_peak_dbtp"] > -0.5
    # Full-scale samples as counted on the sound the ffmpeg command decodes.
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(clip.path), "-map", "0:a", "-f", "f64le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    full_scale = int(np.count_nonzero(np.abs(np.frombuffer(raw, np.float64)) >= 0.999))
    assert full_scale > 1000
    assert result["loudness"]["clipped_samples"] == full_scale


def test_silence_only_has_no_speech_and_no_pauses(media):
    path = media / "silence.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=15",
            "-f",
            "lavfi",
            "-i",
            "anullsrc=r=48000:cl=mono",
            "-t",
            "5",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            str(path),
        ],
        check=True,
    )
    result = analyze_file(path)
    assert result["pauses"] == []
    assert result["speaking_s"] == 0
    assert result["rate"] is None
    assert result["pitch"] is None
    assert result["loudness"]["integrated_lufs"] is None
    assert {"no_speech", "silent"} <= set(result["warnings"])


def test_no_audio_track_still_measures_the_picture(media):
    path = media / "mute.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=15",
            "-t",
            "3",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            str(path),
        ],
        check=True,
    )
    result = analyze_file(path)
    assert result["has_audio"] is False
    assert "no_audio" in result["warnings"]
    assert result["pauses"] == []
    assert result["framing"]["face_share"] == 0


def test_face_share_with_and_without_a_face(media):
    with_face = analyze_file(picture_clip(media, face_image(media), "face"))
    without = analyze_file(picture_clip(media, None, "pattern"))
    assert with_face["framing"]["face_share"] >= 0.9
    assert with_face["framing"]["centred_share"] >= 0.9
    assert without["framing"]["face_share"] == 0
    assert "face_missing" in without["warnings"]
    assert "face_missing" not in with_face["warnings"]


def test_a_dark_picture_is_flagged(media):
    path = media / "dark.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=0x101010:size=320x240:rate=15",
            "-t",
            "3",
            "-g",
            "15",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            str(path),
        ],
        check=True,
    )
    assert "too_dark" in analyze_file(path)["warnings"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"this is a text file, not a video\n" * 20, "is not a media file"),
    ],
)
def test_bad_input_gets_one_clear_line(media, content, expected):
    path = media / "bad.mp4"
    path.write_bytes(content)
    with pytest.raises(AnalysisError, match=expected):
        analyze_file(path)
    done = subprocess.run(
        [sys.executable, "-m", "taketwo", "analyze", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert expected in done.stderr


def test_a_truncated_file_is_measured_as_far_as_it_goes_and_says_so(clips, media):
    clip, _ = clips[165]
    whole = media / "whole.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            str(clip.path),
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            str(whole),
        ],
        check=True,
    )
    cut = media / "cut.mp4"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    done = subprocess.run(
        [sys.executable, "-m", "taketwo", "analyze", str(cut), "--json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "cut short" in done.stderr
    result = json.loads(done.stdout)
    assert "truncated" in result["warnings"]
    assert 0 < result["readable_s"] < clip.duration_s - 2


def test_cli_json_has_the_documented_shape(clips):
    clip, _ = clips[165]
    done = subprocess.run(
        [sys.executable, "-m", "taketwo", "analyze", str(clip.path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert {"start", "duration"} == set(result["pauses"][0])
    assert isinstance(result["speaking_s"], float)
    assert {"syllables_per_s", "wpm_low", "wpm_high"} <= set(result["rate"])
    assert {"integrated_lufs", "true_peak_dbtp"} <= set(result["loudness"])
    assert {"low_hz", "high_hz", "range_semitones"} <= set(result["pitch"])
    assert "face_share" in result["framing"]
