"""Frame-accurate clips of a take: H.264 + AAC MP4 (faststart) that browsers and phones play.

``export_take`` is the one path the app and ``taketwo take export`` share: read the take's
keyframes around the range, plan (:mod:`taketwo.media.clip_plan`, no I/O), then write
(:mod:`taketwo.media.clip_writer`) into a 0600 partial file beside the target, renamed into
place only once it is complete. A cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av

from taketwo.domain.formatting import os_error_text
from taketwo.domain.work import Progress
from taketwo.media.clip_plan import (
    TITLE_SECONDS,
    ExportError,
    ExportPlan,
    Segment,
    Source,
    SourceFacts,
    plan_export,
)
from taketwo.media.clip_writer import ParamsDiffer, parse_avcc, write_clip
from taketwo.media.mp4 import truncation
from taketwo.media.probe import falls_short
from taketwo.safe_output import OutputRefused, writing
from taketwo.safe_output import check_output as safe_check_output

__all__ = [
    "TITLE_SECONDS",
    "ExportError",
    "ExportPlan",
    "Segment",
    "SourceFacts",
    "check_output",
    "export_take",
    "plan_export",
    "read_facts",
    "run",
]


def read_facts(
    path: Path,
    start: float | None = None,
    end: float | None = None,
    recorded: float | None = None,
) -> Source:
    """Duration, streams and the keyframes around [start, end), reading only that window.
    ``recorded`` is the length the library holds for the take: a file much shorter than it
    lost its end, even where its own boxes look whole."""
    if not path.is_file():
        raise ExportError(f"the take's file is missing: {path}")
    cut = truncation(path)
    if cut is not None:
        raise ExportError(f"{path.name} is truncated: {cut}; it cannot be exported")
    try:
        with av.open(str(path)) as inp:
            v = inp.streams.video[0] if inp.streams.video else None
            a = inp.streams.audio[0] if inp.streams.audio else None
            if v is None and a is None:
                raise ExportError(f"{path.name} holds no audio or video")
            duration = (inp.duration or 0) / 1_000_000
            if duration <= 0:
                raise ExportError(f"{path.name} is truncated: it has no length")
            if recorded is not None and falls_short(duration, recorded):
                raise ExportError(
                    f"{path.name} is truncated: it holds {duration:.1f} s of the "
                    f"{recorded:.1f} s recorded; it cannot be exported"
                )
            source = Source(
                path, SourceFacts(duration, has_video=v is not None, has_audio=a is not None)
            )
            if v is None:
                return source
            cc = v.codec_context
            # The stream's nominal rate (the SPS's), not the measured average: edges re-encoded
            # at another rate would carry other parameter sets.
            fps = cc.framerate or v.guessed_rate or v.average_rate or Fraction(30)
            source.fps = Fraction(fps).limit_denominator(1001)
            source.width, source.height = cc.width, cc.height
            copyable = cc.name == "h264" and cc.pix_fmt == "yuv420p"
            if copyable:
                parsed = parse_avcc(bytes(cc.extradata or b""))
                copyable = parsed is not None
                if parsed is not None:
                    source.length_size, source.params = parsed
            keys = _keyframes(inp, v, start or 0.0, duration if end is None else end)
    except av.FFmpegError as exc:
        raise ExportError(f"{path.name} cannot be read ({exc}); it may be truncated") from exc
    source.facts = SourceFacts(
        duration, tuple(keys), float(1 / source.fps), True, a is not None, copyable
    )
    return source


def _keyframes(
    inp: av.container.InputContainer, v: av.video.stream.VideoStream, start: float, end: float
) -> list[float]:
    tb = v.time_base
    assert tb is not None
    assert tb is not None
    inp.seek(max(0, int((start - 0.001) / tb)), stream=v, backward=True, any_frame=False)
    keys: list[float] = []
    for packet in inp.demux(v):
        if packet.pts is None:
            continue
        t = float(packet.pts * tb)
        if packet.is_keyframe:
            keys.append(t)
        if t >= end:
            break
    return keys


def run(
    path: Path | str,
    output: Path | str,
    plan: ExportPlan,
    *,
    force: bool = False,
    progress: Progress | None = None,
    source: Source | None = None,
) -> Path:
    """Write the clip ``plan`` describes to ``output``; all or nothing."""
    path, output = Path(path), Path(output)
    check_output(output, force=force)
    source = source or read_facts(path, plan.start, plan.end)
    try:
        with writing(output, force=force) as partial:
            try:
                write_clip(source, partial, plan, progress)
            except ParamsDiffer:
                whole = ExportPlan(
                    plan.start,
                    plan.end,
                    (Segment("encode", plan.start, plan.end),),
                    plan.video,
                    plan.audio,
                    plan.title,
                )
                write_clip(source, partial, whole, progress)
    except OutputRefused as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(os_error_text(exc, output)) from exc
    except av.FFmpegError as exc:
        if isinstance(exc, OSError):
            raise ExportError(os_error_text(exc, output)) from exc
        if isinstance(exc, av.error.InvalidDataError):
            raise ExportError(
                f"{path.name} is damaged or truncated; it cannot be exported past the damage"
            ) from exc
        raise ExportError(f"cannot export {path.name}: {exc}") from exc
    return output


def check_output(
    output: Path, *, force: bool = False, library: Path | None = None, what: str = "the clip"
) -> None:
    """Refuse what would fail or overwrite (or land in the library) before any work starts."""
    try:
        safe_check_output(output, force=force, library=library, what=what)
    except OutputRefused as exc:
        raise ExportError(str(exc)) from None


def export_take(
    path: Path | str,
    output: Path | str,
    start: float | None = None,
    end: float | None = None,
    *,
    video: bool = True,
    audio: bool = True,
    title: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    recorded: float | None = None,
) -> ExportPlan:
    """Plan and run one export: the path the app and ``taketwo take export`` share.
    ``recorded``: the take's length in the library (see :func:`read_facts`)."""
    path, output = Path(path), Path(output)
    check_output(output, force=force)
    source = read_facts(path, start, end, recorded)
    plan = plan_export(source.facts, start, end, video=video, audio=audio, title=title)
    run(path, output, plan, force=force, progress=progress, source=source)
    return plan
