"""The words of a take in the analysis result: transcript, fillers, pace from the words, and the
question's key points said or not. Runs in the analysis child (analysis/take.py calls it)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from taketwo.analysis.fillers import fillers, pace, possible_fillers
from taketwo.analysis.key_points import check_points
from taketwo.analysis.result import AnalysisCancelled
from taketwo.analysis.words_model import MISSING, WordsUnavailable, find_model

if TYPE_CHECKING:
    from taketwo.analysis.decode import Samples
    from taketwo.analysis.transcript import SpilledSound


@dataclass(frozen=True, slots=True)
class WordsOptions:
    """How to find the model: the folder chosen in Settings → Analysis, or "" to look in the
    installed package and the Hugging Face cache."""

    model_folder: str = ""


def words_metrics(
    options: WordsOptions,
    samples: Samples | SpilledSound,
    sample_start: float,
    spans: Sequence[tuple[float, float]],
    result: dict[str, Any],
    key_points: Sequence[str],
    progress: Callable[[float, str], bool],
) -> dict[str, Any]:
    """The result's word keys. Without a usable model, ``words_note`` says why in one line and
    everything else stays None: the other metrics do not depend on it."""
    out: dict[str, Any] = {
        "transcript": None,
        "fillers": None,
        "possible_fillers": None,
        "fillers_per_min": None,
        "pace": None,
        "key_points": None,
        "words_note": None,
    }
    if not progress(0.0, "Checking the words model"):
        raise AnalysisCancelled()
    if importlib.util.find_spec("faster_whisper") is None:
        out["words_note"] = MISSING  # a model in the Hugging Face cache, but no engine
        return out
    try:
        model = find_model(options.model_folder or None)
    except WordsUnavailable as exc:
        out["words_note"] = str(exc)
        return out
    if not spans:  # nothing said: Whisper is not asked, so it cannot invent anything
        out["transcript"] = {
            "engine": None,
            "model": model.name,
            "language": None,
            "language_probability": None,
            "text": "",
            "words": [],
        }
        out.update(fillers=[], possible_fillers=[], fillers_per_min=None)
        out["key_points"] = [{"point": p, "said": False, "at": None} for p in key_points if p]
        return out
    from taketwo.analysis.transcript import transcribe, transcript_dict

    def step(fraction: float) -> bool:
        return progress(0.05 + 0.95 * fraction, f"Writing down the words ({fraction:.0%})")

    if not step(0.0):
        raise AnalysisCancelled()
    try:
        transcript = transcribe(samples, sample_start, spans, model, step)
    except (RuntimeError, ValueError, OSError, ImportError) as exc:
        # ctranslate2 refusing a model file it cannot parse, or running out of memory.
        out["words_note"] = f"Words are off: the model could not be used ({_first_line(exc)})"
        return out
    if not step(1.0):
        raise AnalysisCancelled()
    said = transcript_dict(transcript, model)
    words, language = said["words"], said["language"]
    out["transcript"] = said
    out["fillers"] = fillers(words, language)
    out["possible_fillers"] = possible_fillers(words, language)
    minutes = (result.get("answer_s") or result.get("duration_s") or 0) / 60
    out["fillers_per_min"] = round(len(out["fillers"]) / minutes, 1) if minutes > 0 else None
    out["pace"] = pace(words, result.get("speaking_s"), result.get("rate"))
    checks = check_points(key_points, [(w["word"], w["start"]) for w in words])
    out["key_points"] = [{"point": c.point, "said": c.said, "at": c.at} for c in checks]
    return out


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
