"""Analysis results in words and across takes: plain functions, no media needed."""

from __future__ import annotations

from taketwo.analysis.explain import describe, differences
from taketwo.analysis.series import METRICS_BY_KEY, best_point, series
from taketwo.domain import Take, TakeState


def result(
    duration=60.0, long_pauses=3, first=2.0, wpm=(140, 170), lufs=-20.0, face=0.9, pauses=None
):
    return {
        "version": 1,
        "has_audio": True,
        "duration_s": duration,
        "speaking_s": 40.0,
        "first_word_s": first,
        "after_last_word_s": 1.0,
        "target_s": None,
        "pauses": pauses or [{"start": 5.0, "duration": 1.5}],
        "long_pauses": long_pauses,
        "very_long_pauses": 0,
        "longest_pause_s": 1.5,
        "rate": {"syllables_per_s": 4.0, "wpm_low": wpm[0], "wpm_high": wpm[1]},
        "loudness": {"integrated_lufs": lufs, "true_peak_dbtp": -3.0, "spread_lu": 6.0},
        "pitch": {"low_hz": 90.0, "high_hz": 150.0, "range_semitones": 8.8},
        "framing": {"face_share": face, "centred_share": face, "dark_share": 0.0},
        "warnings": [],
    }


def test_differences_say_what_changed_in_words():
    before, after = result(), result(duration=48.0, long_pauses=1, lufs=-24.0)
    assert differences(before, after) == ["0:12 shorter", "2 fewer long pauses", "4 LU quieter"]
    assert differences(after, before) == ["0:12 longer", "2 more long pauses", "4 LU louder"]
    assert differences(before, result()) == []


def test_a_short_pause_before_the_first_word_is_thinking_time_not_a_fault():
    rows = {label: why for label, _value, why in describe(result(first=2.5))}
    assert rows["First word at"].startswith("Thinking time")
    rows = {label: why for label, _value, why in describe(result(first=9.0))}
    assert "long start" in rows["First word at"]


def test_every_metric_has_a_one_line_explanation():
    rows = describe({**result(), "target_s": 45, "warnings": ["too_quiet"]})
    labels = [label for label, _v, _w in rows]
    for expected in (
        "Length",
        "Speaking time",
        "Pauses",
        "Pace",
        "Loudness",
        "Pitch range",
        "Face in frame",
    ):
        assert expected in labels
    assert all(why and "\n" not in why for _label, _value, why in rows)
    assert dict((label, why) for label, _v, why in rows)["Length"] == "0:15 over your 0:45 target."
    assert "score" not in " ".join(w for _l, _v, w in rows).lower()


def test_fast_pace_is_called_fast_against_the_comfortable_band():
    why = {label: w for label, _v, w in describe(result(wpm=(190, 230)))}["Pace"]
    assert why.startswith("Faster than the comfortable 130-170")


def test_series_follows_the_takes_and_finds_the_best_take():
    takes = [
        Take(
            question_id=1,
            number=n,
            file_name=f"t{n}.mp4",
            state=TakeState.FINAL,
            id=n,
            comfort=c,
            starred=s,
        )
        for n, c, s in ((1, 2, False), (2, 4, False), (3, 3, False))
    ]
    analyses = {1: result(wpm=(120, 140)), 3: result(wpm=(150, 170))}
    points = series(takes, analyses, METRICS_BY_KEY["pace"])
    assert [p.value for p in points] == [130, None, 160]
    assert best_point(points).number == 2  # rated highest
    takes[2].starred = True
    assert best_point(series(takes, analyses, METRICS_BY_KEY["pace"])).number == 3
    assert METRICS_BY_KEY["length"].band(90) == (67.5, 90.0)
    assert METRICS_BY_KEY["length"].band(None) is None
