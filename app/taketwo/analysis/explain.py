"""Analysis results in words: a value and a one-line plain explanation per metric, and the
differences between two takes ("12 s shorter, 2 fewer long pauses"). Never a score."""

from __future__ import annotations

from typing import Any

from taketwo.analysis.result import COMFORT_WPM
from taketwo.domain.formatting import length_text, span_text

THINKING_TIME_S = 4.0  # a pause before the first word up to this long is thinking, not a fault
NARROW_PITCH_ST = 4.0  # a 10th-90th percentile range under this sounds flat to most listeners

WARNINGS = {
    "truncated": "The file is cut short: only the part before the damage was measured.",
    "no_audio": "The file has no sound track, so only the picture was measured.",
    "no_speech": "No speech was found in the sound.",
    "silent": "The sound is silent: check the microphone.",
    "too_quiet": "Quiet: listeners would have to turn the volume up.",
    "clipping": "The loudest moments hit the limit and distort: move back or lower the gain.",
    "face_missing": "Your face was out of the picture (or turned away) much of the time.",
    "too_dark": "The picture is dark: add light in front of you.",
}


def seconds(value: float) -> str:
    """The one way times are written (domain/formatting.py): ``0:06.9``, ``2:00``."""
    return span_text(value)


def _get(result: dict[str, Any], *keys: str) -> Any:
    value: Any = result
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def describe(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, value, why it matters) for each metric the result has."""
    rows: list[tuple[str, str, str]] = []
    duration, target = result.get("duration_s"), result.get("target_s")
    if duration is not None:
        why = "How long the take lasts."
        if target:
            diff = duration - target
            why = (
                f"{seconds(diff)} over your {seconds(target)} target."
                if diff > 0
                else f"Within your {seconds(target)} target."
            )
        rows.append(("Length", length_text(duration), why))
    speaking = result.get("speaking_s")
    if speaking is not None:
        rows.append(
            ("Speaking time", seconds(speaking), "Time your voice was heard, pauses left out.")
        )
    first = result.get("first_word_s")
    if first is not None:
        why = (
            "Thinking time before you started: normal."
            if first <= THINKING_TIME_S
            else "A long start: the listener waits before hearing anything."
        )
        rows.append(("First word at", seconds(first), why))
    after = result.get("after_last_word_s")
    if after is not None:
        rows.append(("After last word", seconds(after), "Silence at the end before you stopped."))
    pauses = result.get("pauses")
    if isinstance(pauses, list) and result.get("has_audio"):
        long_ = result.get("long_pauses", 0)
        very = result.get("very_long_pauses", 0)
        longest = result.get("longest_pause_s")
        value = f"{len(pauses)} ({long_} over 1 s, {very} over 3 s)"
        why = (
            "Short pauses help the listener follow; several over 3 s can sound lost."
            if very
            else "Pauses inside the answer; short ones help the listener follow."
        )
        if longest:
            value += f", longest {seconds(longest)}"
        rows.append(("Pauses", value, why))
    rate = result.get("rate")
    if isinstance(rate, dict):
        low, high = rate.get("wpm_low"), rate.get("wpm_high")
        lo, hi = COMFORT_WPM
        if high is not None and high < lo:
            why = f"Slower than the comfortable {lo}-{hi} words a minute."
        elif low is not None and low > hi:
            why = f"Faster than the comfortable {lo}-{hi} words a minute: slow down a little."
        else:
            why = f"Around the comfortable {lo}-{hi} words a minute."
        value = f"about {low:.0f}-{high:.0f} words/min ({rate.get('syllables_per_s')} syllables/s)"
        pace = result.get("pace")
        if isinstance(pace, dict) and pace.get("wpm") is not None:
            value = f"{pace['wpm']} words/min (counted from the words)"
            if pace.get("disagree"):
                why += (
                    f" The syllable estimate says about {low:.0f}-{high:.0f}: more than 15 % "
                    "apart, so one of them misheard."
                )
        rows.append(("Pace", value, why))
    loudness = result.get("loudness")
    if isinstance(loudness, dict) and loudness.get("integrated_lufs") is not None:
        level = loudness["integrated_lufs"]
        why = (
            "Too quiet: speak up or move closer to the microphone."
            if "too_quiet" in result.get("warnings", [])
            else "Average loudness; -23 to -16 LUFS is typical."
        )
        rows.append(("Loudness", f"{level:.1f} LUFS", why))
        peak = loudness.get("true_peak_dbtp")
        if peak is not None:
            why = (
                "Peaks hit the limit: the loudest words distort."
                if "clipping" in result.get("warnings", [])
                else "The loudest instant; under -1 dBTP is safe."
            )
            rows.append(("Peak", f"{peak:.1f} dBTP", why))
        spread = loudness.get("spread_lu")
        if spread is not None:
            rows.append(
                (
                    "Loudness varies",
                    f"{spread:.0f} LU",
                    "How much your level rises and falls across the answer.",
                )
            )
    pitch = result.get("pitch")
    if isinstance(pitch, dict) and pitch.get("range_semitones") is not None:
        st = pitch["range_semitones"]
        why = (
            "A narrow range: the voice may sound flat. Stress a few key words."
            if st < NARROW_PITCH_ST
            else "How much your voice rises and falls in pitch."
        )
        rows.append(
            (
                "Pitch range",
                f"{st:.1f} semitones ({pitch['low_hz']:.0f}-{pitch['high_hz']:.0f} Hz)",
                why,
            )
        )
    framing = result.get("framing")
    if isinstance(framing, dict) and framing.get("face_share") is not None:
        rows.append(
            (
                "Face in frame",
                f"{framing['face_share']:.0%} of the take",
                f"Centred {framing.get('centred_share') or 0:.0%}; looking at the camera "
                "keeps the interviewer's attention.",
            )
        )
        if framing.get("dark_share"):
            rows.append(
                (
                    "Dark picture",
                    f"{framing['dark_share']:.0%} of the take",
                    "Too dark to read your face: add light in front of you.",
                )
            )
    rows.extend(word_rows(result))
    for code in result.get("warnings", []):
        if code in WARNINGS:
            rows.append(("Note", "", WARNINGS[code]))
    return rows


def clock(t: float) -> str:
    """A time in a take as the player shows it: 0:42, 1:05:09."""
    t = max(0, int(t))
    h, m, sec = t // 3600, t // 60 % 60, t % 60
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def word_rows(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Fillers and key points, or the one line that says why there are no words."""
    note = result.get("words_note")
    if note:
        return [("Words", "", str(note))]
    if not isinstance(result.get("transcript"), dict):
        return []
    rows: list[tuple[str, str, str]] = []
    language = result["transcript"].get("language")
    fillers = result.get("fillers") or []
    if language not in (None, "en"):
        rows.append(("Language", str(language), "Fillers are counted in English takes only."))
    else:
        counts: dict[str, int] = {}
        for f in fillers:
            counts[str(f.get("word"))] = counts.get(str(f.get("word")), 0) + 1
        per_min = result.get("fillers_per_min")
        value = ", ".join(f"{k} ×{v}" for k, v in counts.items()) or "none heard"
        if fillers and per_min is not None:
            value += f" ({per_min:g} a minute)"
        possible = result.get("possible_fillers") or []
        why = "Um, uh, erm and hmm; a few are natural, many distract."
        if possible:
            why += f" Also {len(possible)} “like”/“you know” that may be fillers."
        rows.append(("Fillers", value, why))
    points = result.get("key_points")
    if isinstance(points, list) and points:
        said = [p for p in points if p.get("said")]
        missed = [str(p.get("point")) for p in points if not p.get("said")]
        rows.append(
            (
                "Key points",
                f"{len(said)} of {len(points)} said",
                "Missed: " + "; ".join(missed) if missed else "Every key point came up.",
            )
        )
    return rows


def _covered(number: int, result: dict[str, Any]) -> str | None:
    points = result.get("key_points")
    if not isinstance(points, list) or not points:
        return None
    missed = [str(p.get("point")) for p in points if isinstance(p, dict) and not p.get("said")]
    if not missed:
        return f"take {number} covered {len(points)} of {len(points)}"
    said = len(points) - len(missed)
    return f"take {number} covered {said} of {len(points)}, missed {', '.join(missed)}"


def key_point_changes(a: dict[str, Any], na: int, b: dict[str, Any], nb: int) -> str | None:
    """Key points across two takes: "take 5 covered 3 of 3; take 2 covered 2 of 3, missed
    impact"; None when neither has them."""
    parts = [p for p in (_covered(nb, b), _covered(na, a)) if p]
    return "; ".join(parts) if parts else None


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """How take ``b`` differs from take ``a``, in words, largest changes first."""
    out: list[str] = []
    da, db = a.get("duration_s"), b.get("duration_s")
    if da is not None and db is not None and abs(db - da) >= 1:
        out.append(f"{seconds(db - da)} {'longer' if db > da else 'shorter'}")
    la, lb = a.get("long_pauses"), b.get("long_pauses")
    if la is not None and lb is not None and la != lb:
        n = abs(lb - la)
        out.append(f"{n} {'fewer' if lb < la else 'more'} long pause{'' if n == 1 else 's'}")
    fa, fb = a.get("first_word_s"), b.get("first_word_s")
    if fa is not None and fb is not None and abs(fb - fa) >= 1:
        out.append(f"started {seconds(fb - fa)} {'later' if fb > fa else 'sooner'}")
    ra, rb = _get(a, "rate", "syllables_per_s"), _get(b, "rate", "syllables_per_s")
    if ra and rb and abs(rb - ra) / ra >= 0.08:
        out.append(f"{abs(rb - ra) / ra:.0%} {'faster' if rb > ra else 'slower'} pace")
    va, vb = _get(a, "loudness", "integrated_lufs"), _get(b, "loudness", "integrated_lufs")
    if va is not None and vb is not None and abs(vb - va) >= 2:
        out.append(f"{abs(vb - va):.0f} LU {'louder' if vb > va else 'quieter'}")
    pa, pb = _get(a, "pitch", "range_semitones"), _get(b, "pitch", "range_semitones")
    if pa is not None and pb is not None and abs(pb - pa) >= 1.5:
        out.append(
            f"{'wider' if pb > pa else 'narrower'} pitch range ({abs(pb - pa):.0f} semitones)"
        )
    sa, sb = _get(a, "framing", "face_share"), _get(b, "framing", "face_share")
    if sa is not None and sb is not None and abs(sb - sa) >= 0.1:
        out.append(f"face in frame {abs(sb - sa):.0%} {'more' if sb > sa else 'less'} of the time")
    return out
