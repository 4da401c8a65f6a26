"""What a clip export will do, decided without touching a file.

``plan_export`` says which parts of the range are copied as they are (whole GOPs, from one
keyframe to the next) and which are decoded and re-encoded (the partial GOPs at either edge,
or the whole clip when that is cheaper). :mod:`taketwo.media.export` carries a plan out.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from taketwo.media.probe import MediaError

TITLE_SECONDS = 2.0
# Cost of a smart cut beyond its re-encoded seconds: a second encoder, the parameter-set check.
SMART_OVERHEAD_SECONDS = 0.5


class ExportError(MediaError):
    """An export that cannot be done or failed; nothing was left behind."""


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # "encode" (decode and re-encode) or "copy" (packets as they are)
    start: float  # source seconds
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class ExportPlan:
    start: float
    end: float
    segments: tuple[Segment, ...]
    video: bool = True
    audio: bool = True
    title: str | None = None  # a title card with this text for the first TITLE_SECONDS

    @property
    def smart(self) -> bool:
        return any(s.kind == "copy" for s in self.segments)

    @property
    def encoded_seconds(self) -> float:
        return sum(s.length for s in self.segments if s.kind == "encode")

    @property
    def duration(self) -> float:
        return self.end - self.start + (TITLE_SECONDS if self.title else 0.0)


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What the plan needs to know about the take, gathered by :func:`read_facts`."""

    duration: float
    keyframes: tuple[float, ...] = ()  # times of keyframes, at least around the range
    frame_duration: float = 1 / 30
    has_video: bool = True
    has_audio: bool = True
    copyable: bool = True  # H.264 yuv420p, so whole GOPs can go into the clip unchanged


def plan_export(
    facts: SourceFacts,
    start: float | None = None,
    end: float | None = None,
    *,
    video: bool = True,
    audio: bool = True,
    title: str | None = None,
) -> ExportPlan:
    """Which parts of [start, end) to copy and which to re-encode; raises ExportError."""
    start = 0.0 if start is None else float(start)
    end = facts.duration if end is None else float(end)
    half = facts.frame_duration / 2
    if start < 0 or end > facts.duration + half:
        raise ExportError(
            f"the range {start:.3f}-{end:.3f} s is outside the take (0-{facts.duration:.3f} s)"
        )
    end = min(end, facts.duration)
    if end - start < facts.frame_duration - 1e-9:
        raise ExportError(f"the start ({start:.3f} s) must come before the end ({end:.3f} s)")
    video = video and facts.has_video
    audio = audio and facts.has_audio
    if not video and not audio:
        raise ExportError(
            "nothing to export: the take has no " + ("video" if not facts.has_video else "sound")
        )
    whole = (Segment("encode", start, end),)
    if not video or not facts.copyable:
        return ExportPlan(start, end, whole, video, audio, title)
    # A frame belongs to the clip when it starts within half a frame after ``start``.
    first_key = next((k for k in facts.keyframes if k >= start - half), None)
    # The copy ends where the last whole GOP in the range ends (a keyframe at or next to ``end``).
    last_key = next((k for k in reversed(facts.keyframes) if k <= end + half), None)
    if first_key is None or last_key is None or last_key <= first_key:
        return ExportPlan(start, end, whole, video, audio, title)
    parts = [
        Segment("encode", start, first_key),
        Segment("copy", first_key, last_key),
        Segment("encode", last_key, end),
    ]
    parts = [p for p in parts if p.kind == "copy" or p.length > half]
    encoded = sum(p.length for p in parts if p.kind == "encode")
    if encoded + SMART_OVERHEAD_SECONDS >= end - start:
        return ExportPlan(start, end, whole, video, audio, title)
    return ExportPlan(start, end, tuple(parts), video, audio, title)


@dataclass
class Source:
    """The take as the writer needs it: its facts and its H.264 parameter sets."""

    path: Path
    facts: SourceFacts
    fps: Fraction = Fraction(30)
    width: int = 0
    height: int = 0
    params: tuple[bytes, ...] = ()  # SPS and PPS from the avcC box
    length_size: int = 4
