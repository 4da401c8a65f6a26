"""Metrics across a question's takes, for the Progress plot: which metrics can be plotted, their
comfortable band, and one point per take with its comfort rating and best-take star."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from taketwo.analysis.result import COMFORT_WPM
from taketwo.domain import Take


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    name: str
    unit: str
    value: Callable[[dict[str, Any]], float | None]
    band: Callable[[int | None], tuple[float, float] | None]  # question's target seconds -> band


def _num(result: dict[str, Any], *keys: str) -> float | None:
    value: Any = result
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _pace(result: dict[str, Any]) -> float | None:
    """Counted from the words when there is a transcript, else the syllable estimate."""
    counted = _num(result, "pace", "wpm")
    if counted is not None:
        return counted
    low, high = _num(result, "rate", "wpm_low"), _num(result, "rate", "wpm_high")
    return (low + high) / 2 if low is not None and high is not None else None


def _points_said(result: dict[str, Any]) -> float | None:
    points = result.get("key_points")
    if not isinstance(points, list) or not points:
        return None  # no transcript, or the question has no key points
    return float(sum(1 for p in points if isinstance(p, dict) and p.get("said")))


METRICS = [
    Metric(
        "pace",
        "Pace",
        "words/min",
        _pace,
        lambda _t: (float(COMFORT_WPM[0]), float(COMFORT_WPM[1])),
    ),
    Metric(
        "length",
        "Length",
        "s",
        lambda r: _num(r, "duration_s"),
        lambda target: (0.75 * target, float(target)) if target else None,
    ),
    Metric(
        "long_pauses",
        "Pauses over 1 s",
        "",
        lambda r: _num(r, "long_pauses"),
        lambda _t: (0.0, 3.0),
    ),
    Metric(
        "loudness",
        "Loudness",
        "LUFS",
        lambda r: _num(r, "loudness", "integrated_lufs"),
        lambda _t: (-23.0, -16.0),
    ),
    Metric(
        "pitch",
        "Pitch range",
        "semitones",
        lambda r: _num(r, "pitch", "range_semitones"),
        lambda _t: (4.0, 12.0),
    ),
    Metric(
        "face",
        "Face in frame",
        "%",
        lambda r: None if (v := _num(r, "framing", "face_share")) is None else v * 100,
        lambda _t: (80.0, 100.0),
    ),
    Metric(
        "key_points",
        "Key points covered",
        "",
        _points_said,
        lambda _t: None,
    ),
    Metric(
        "fillers",
        "Fillers a minute",
        "",
        lambda r: _num(r, "fillers_per_min"),
        lambda _t: (0.0, 4.0),
    ),
]
METRICS_BY_KEY = {m.key: m for m in METRICS}


@dataclass(frozen=True, slots=True)
class Point:
    take_id: int
    number: int
    value: float | None  # None: not analysed (or the metric is missing)
    comfort: int | None
    best: bool


def series(
    takes: Sequence[Take], analyses: dict[int, dict[str, Any]], metric: Metric
) -> list[Point]:
    """One point per playable take, oldest first."""
    points = []
    for take in takes:
        if take.id is None or not take.state.playable:
            continue
        result = analyses.get(take.id)
        points.append(
            Point(
                take.id,
                take.number,
                metric.value(result) if result else None,
                take.comfort,
                take.starred,
            )
        )
    return points


def best_point(points: Sequence[Point]) -> Point | None:
    """The user's best take: the starred one, else the highest comfort rating (latest wins)."""
    starred = [p for p in points if p.best]
    if starred:
        return starred[0]
    rated = [p for p in points if p.comfort is not None]
    return max(rated, key=lambda p: (p.comfort, p.number)) if rated else None
