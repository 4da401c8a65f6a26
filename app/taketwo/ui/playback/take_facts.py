"""What Review and Compare show about a take besides the video: rating, length, metrics and the
capture details the recorder wrote to the take's JSON sidecar. Plain functions, no widgets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from taketwo.domain import Take
from taketwo.domain.formatting import length_text, position_text, span_text
from taketwo.ui.widgets.rating_bar import LABELS as COMFORT_LABELS

SIDECAR_MAX_BYTES = 1_000_000  # a sidecar is a few hundred bytes; anything huge is not ours


def read_sidecar(take: Take) -> dict[str, Any]:
    """The recorder's notes on the take; empty when the file is missing or unreadable."""
    path: Path | None = take.sidecar_path
    if path is None:
        return {}
    try:
        if path.stat().st_size > SIDECAR_MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def comfort_text(comfort: int | None) -> str:
    return f"{comfort} of 5 — {COMFORT_LABELS[comfort]}" if comfort else "not rated"


def take_title(take: Take) -> str:
    return f"Take {take.number}" + (" ★" if take.starred else "")


def humanize_key(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def format_value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return (
            ", ".join(f"{humanize_key(str(k)).lower()} {format_value(v)}" for k, v in value.items())
            or "—"
        )
    return str(value)


def summary_facts(take: Take) -> list[tuple[str, str]]:
    duration = length_text(take.duration) if take.duration is not None else "unknown"
    created = take.created.astimezone().strftime("%Y-%m-%d %H:%M")
    return [("Comfort", comfort_text(take.comfort)), ("Duration", duration), ("Recorded", created)]


def metric_facts(take: Take) -> list[tuple[str, str]]:
    return [(humanize_key(str(key)), format_value(value)) for key, value in take.metrics.items()]


def capture_facts(take: Take, sidecar: dict[str, Any]) -> list[tuple[str, str]]:
    """Devices, frame rate, dropped frames and audio drift, as far as the sidecar knows them."""
    devices = take.devices or {}
    facts: list[tuple[str, str]] = []
    camera = sidecar.get("camera") or devices.get("camera")
    mic = sidecar.get("microphone") or devices.get("microphone") or devices.get("mic")
    if camera:
        facts.append(("Camera", str(camera)))
    if mic:
        facts.append(("Microphone", str(mic)))
    size = sidecar.get("size")
    if isinstance(size, list) and len(size) == 2:
        facts.append(("Picture", f"{size[0]}×{size[1]}"))
    fps = sidecar.get("encoded_fps")
    if fps:
        delivered = sidecar.get("delivered_fps")
        extra = f" (camera gave {format_value(delivered)})" if delivered else ""
        facts.append(("Frame rate", f"{format_value(fps)} fps{extra}"))
    if "dropped_frames" in sidecar:
        dropped = f"{sidecar.get('dropped_frames', 0)} dropped"
        if sidecar.get("duplicated_frames"):
            dropped += f", {sidecar['duplicated_frames']} repeated"
        facts.append(("Frames", dropped))
    if sidecar.get("drift_ppm") is not None:
        worst = sidecar.get("audio_worst_error_ms")
        extra = f", worst sync error {format_value(worst)} ms" if worst is not None else ""
        facts.append(("Audio drift", f"{format_value(sidecar['drift_ppm'])} ppm{extra}"))
    if sidecar.get("camera_lost_at") is not None:
        facts.append(("Camera lost", f"at {position_text(float(sidecar['camera_lost_at']))}"))
    warnings = sidecar.get("warnings")
    if warnings:
        facts.append(("Warnings", format_value(warnings)))
    return facts


def all_facts(take: Take) -> list[tuple[str, str]]:
    return summary_facts(take) + metric_facts(take) + capture_facts(take, read_sidecar(take))


def recorded_text(take: Take) -> str:
    """``Mon 23 Nov 2026, 14:02``: when a take was recorded, in local time."""
    return take.created.astimezone().strftime("%a %d %b %Y, %H:%M")


def length_against_target(duration: float | None, target: int | None) -> str:
    """``0:48 — 12 s under the 1:00 target``: a take's length as someone aiming at it reads it."""
    if duration is None:
        return "unknown"
    text = length_text(duration)
    if not target:
        return text
    diff = duration - target
    goal = length_text(target)
    if abs(diff) < 1:
        return f"{text}, on the {goal} target"
    return f"{text} — {span_text(diff)} {'over' if diff > 0 else 'under'} the {goal} target"


def answer_facts(
    take: Take, target: int | None, coach_comments: int | None = None
) -> list[tuple[str, str]]:
    """What a person comparing two answers looks at first (the technical facts come apart)."""
    facts = [
        ("Recorded", recorded_text(take)),
        ("Length", length_against_target(take.duration, target)),
        ("Comfort", comfort_text(take.comfort)),
        ("Notes", take.notes.strip() or "none"),
    ]
    if coach_comments is not None:
        facts.append(("Coach comments", str(coach_comments) if coach_comments else "none"))
    return facts


def technical_facts(take: Take, codecs: str | None = None) -> list[tuple[str, str]]:
    """Devices, frames, audio drift and sync, codecs and any stored raw metrics."""
    facts = capture_facts(take, read_sidecar(take))
    if codecs:
        facts.append(("Codecs", codecs))
    return facts + metric_facts(take)
