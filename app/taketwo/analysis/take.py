"""Every metric for one recording, as a JSON-ready dict: what `taketwo analyze` prints, what the
app stores with the take and in its sidecar. Times are seconds from the start of the file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from taketwo.analysis.decode import decode_sound, media_streams, sample_frames
from taketwo.analysis.framing import SAMPLES_PER_SECOND, Framing, measure_framing
from taketwo.analysis.loudness import CLIP_DBTP, QUIET_LUFS
from taketwo.analysis.pauses import pauses_between, speech_frames, speech_spans, voice_spans
from taketwo.analysis.result import COMFORT_WPM as COMFORT_WPM  # re-exported for old callers
from taketwo.analysis.result import VERSION as VERSION
from taketwo.analysis.result import AnalysisCancelled as AnalysisCancelled
from taketwo.analysis.result import AnalysisError, Progress
from taketwo.analysis.result import pause_spans as pause_spans
from taketwo.analysis.transcript import SpilledSound
from taketwo.analysis.voice import (
    PRAAT_RATE,
    analyse_voice,
    semitones,
    within,
    words_per_minute,
)
from taketwo.analysis.words import WordsOptions, words_metrics
from taketwo.media.mp4 import truncation

LONG_PAUSE_S, VERY_LONG_PAUSE_S = 1.0, 3.0
TRUNCATED_SLACK_S = 1.0  # decoded sound this much shorter than the header says: cut short
FACE_SHARE_LOW = 0.6
DARK_SHARE_HIGH = 0.5
CLIPPED_SAMPLES = 48  # full-scale samples (1 ms at 48 kHz) that mean the take clipped


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def analyze_file(
    path: Path | str,
    target_seconds: float | None = None,
    progress: Progress = lambda f, t: True,
    *,
    words: WordsOptions | None = None,
    key_points: Sequence[str] = (),
) -> dict[str, Any]:
    """Measure ``path``. Raises :class:`AnalysisError` (one line) for files it cannot read.
    The words (transcript, fillers, key points) come when ``words`` is given and a model is
    installed; without one, the result says why in ``words_note`` and the rest is measured."""
    path = Path(path)
    has_audio, has_video, duration = media_streams(path)
    if not has_audio and not has_video:
        raise AnalysisError(f"{path.name} holds no sound or picture")
    stop = False

    def keep_going() -> bool:
        return not stop

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing") as pool:
        # The picture is measured on the second core while the sound is measured here.
        framing_future = pool.submit(
            lambda: measure_framing(sample_frames(path, SAMPLES_PER_SECOND, keep_going))
        )

        try:
            result = _sound_metrics(
                path, duration, target_seconds, progress, keep_going, words, key_points
            )
            if not progress(0.9, "Checking the framing"):
                raise AnalysisCancelled()
            framing = framing_future.result()
        except BaseException:
            stop = True
            raise
    result["has_video"] = has_video
    result["framing"] = _framing_dict(framing)
    if framing.face_share is not None and framing.face_share < FACE_SHARE_LOW:
        result["warnings"].append("face_missing")
    if framing.dark_share is not None and framing.dark_share > DARK_SHARE_HIGH:
        result["warnings"].append("too_dark")
    progress(1.0, "Done")
    return result


def _sound_metrics(
    path: Path,
    duration: float,
    target_seconds: float | None,
    progress: Progress,
    keep_going: Callable[[], bool],
    words: WordsOptions | None,
    key_points: Sequence[str],
) -> dict[str, Any]:
    def step(fraction: float, text: str) -> None:
        if not progress(fraction, text):
            raise AnalysisCancelled()

    step(0.0, "Reading the sound")
    sound = decode_sound(path, keep_going)
    if not keep_going():
        raise AnalysisCancelled()
    result: dict[str, Any] = {
        "version": VERSION,
        "file": path.name,
        "has_audio": sound is not None,
        "target_s": target_seconds,
        "warnings": [],
        "transcript": None,
    }

    if sound is None:
        result.update(
            duration_s=_r(duration),
            speaking_s=None,
            pauses=[],
            rate=None,
            loudness=None,
            pitch=None,
        )
        result["warnings"].append("no_audio")
        return result
    decoded_end = sound.start + sound.duration
    if (duration > 0 and decoded_end < duration - TRUNCATED_SLACK_S) or truncation(path):
        # The header promises more than the file holds, or a fragmented take lost its last
        # fragments (its header promises nothing): measure what is there, and say so.
        result["warnings"].append("truncated")
        result["readable_s"], duration = _r(decoded_end), decoded_end
    duration = max(duration, decoded_end)
    result["duration_s"] = _r(duration)

    step(0.3, "Finding speech and pauses")
    voice_band = sound.samples
    spans = speech_spans(speech_frames(voice_band, PRAAT_RATE), offset=sound.start)

    step(0.5, "Counting syllables and measuring pitch")
    voice = analyse_voice(voice_band)
    # What the detector heard but no voice made (beeps, a door) is neither speech nor pause.
    spans = voice_spans(spans, voice_band, PRAAT_RATE, sound.start, voice.voiced)
    voice = within(voice, [(s.start - sound.start, s.end - sound.start) for s in spans])
    pauses = pauses_between(spans)
    speaking = sum(s.duration for s in spans)
    result["speaking_s"] = _r(speaking)
    result["first_word_s"] = _r(spans[0].start) if spans else None
    result["after_last_word_s"] = _r(duration - spans[-1].end) if spans else None
    result["answer_s"] = _r(spans[-1].end - spans[0].start) if spans else None
    result["target_diff_s"] = _r(duration - target_seconds) if target_seconds else None
    result["pauses"] = [{"start": _r(p.start), "duration": _r(p.duration)} for p in pauses]
    lengths = [p.duration for p in pauses]
    result["long_pauses"] = sum(d > LONG_PAUSE_S for d in lengths)
    result["very_long_pauses"] = sum(d > VERY_LONG_PAUSE_S for d in lengths)
    result["longest_pause_s"] = _r(max(lengths)) if lengths else None
    if not spans:
        result["warnings"].append("no_speech")
    if spans and speaking > 0:
        per_s = voice.syllables / speaking
        low, high = words_per_minute(per_s)
        result["rate"] = {
            "syllables": voice.syllables,
            "syllables_per_s": _r(per_s),
            "wpm_low": _r(low, 0),
            "wpm_high": _r(high, 0),
        }
    else:
        result["rate"] = None
    if voice.pitch_low_hz and voice.pitch_high_hz and spans:
        result["pitch"] = {
            "low_hz": _r(voice.pitch_low_hz, 1),
            "high_hz": _r(voice.pitch_high_hz, 1),
            "range_semitones": _r(semitones(voice.pitch_low_hz, voice.pitch_high_hz), 1),
        }
    else:
        result["pitch"] = None

    loud = sound.loudness  # metered while decoding
    result["loudness"] = {
        "integrated_lufs": _r(loud.integrated_lufs, 1),
        "true_peak_dbtp": _r(loud.true_peak_dbtp, 1),
        "spread_lu": _r(loud.spread_lu, 1),
        "clipped_samples": loud.clipped_samples,
    }
    if loud.integrated_lufs is None:
        result["warnings"].append("silent")
    elif loud.integrated_lufs < QUIET_LUFS:
        result["warnings"].append("too_quiet")
    if (
        loud.true_peak_dbtp is not None
        and loud.true_peak_dbtp > CLIP_DBTP
        or loud.clipped_samples > CLIPPED_SAMPLES
    ):
        result["warnings"].append("clipping")
    if words is not None:
        start, times = sound.start, [(s.start, s.end) for s in spans]
        spilled = SpilledSound(voice_band)
        del sound, voice_band  # from here on only windows of the sound are read back
        try:
            result.update(
                words_metrics(
                    words,
                    spilled,
                    start,
                    times,
                    result,
                    key_points,
                    lambda f, t: progress(0.6 + 0.3 * f, t),
                )
            )
        finally:
            spilled.close()
    return result


def _framing_dict(framing: Framing) -> dict[str, Any] | None:
    if framing.frames == 0:
        return None
    return {
        "frames": framing.frames,
        "face_share": _r(framing.face_share),
        "centred_share": _r(framing.centred_share),
        "dark_share": _r(framing.dark_share),
        "mean_brightness": _r(framing.mean_brightness, 0),
    }
