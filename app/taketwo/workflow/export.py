"""Export a clip of a take: the one path the app's Export dialog and ``taketwo take export``
share. Only a finished take exports, and its length in the library tells a truncated file."""

from __future__ import annotations

from pathlib import Path

from taketwo.domain import Take
from taketwo.domain.work import Progress
from taketwo.media.export import ExportError, ExportPlan, export_take


def export_clip(
    progress: Progress,
    take: Take,
    output: Path,
    start: float | None = None,
    end: float | None = None,
    video: bool = True,
    audio: bool = True,
    title: str | None = None,
    force: bool = False,
) -> ExportPlan:
    """Write ``take`` from ``start`` to ``end`` (seconds) to ``output``; ``title`` puts a title
    card with the question first. All or nothing; :class:`Cancelled` when ``progress`` says so."""
    if not take.state.playable or take.path is None:
        raise ExportError(f"take {take.id} is {take.state.value}; only finished takes export")
    return export_take(
        take.path,
        output,
        start,
        end,
        video=video,
        audio=audio,
        title=title,
        force=force,
        progress=progress,
        recorded=take.duration,
    )
