"""What every analysis caller shares, without the decoders and detectors: the result's version,
the comfortable band, the errors, and reading pauses back out of a stored result. The GUI
imports this and never loads PyAV, Praat or OpenCV for analysis; the work runs in a child
process (analysis/child.py)."""

from __future__ import annotations

import math
from typing import Any

from taketwo.domain.work import Cancelled as Cancelled
from taketwo.domain.work import Progress as Progress

VERSION = 3  # bump when a metric changes meaning, so `analyze --all` knows what is stale
COMFORT_WPM = (130, 170)

# The one Progress and Cancelled (domain/work.py), under the name analysis code used first.
AnalysisCancelled = Cancelled


class AnalysisError(Exception):
    """A file cannot be analysed; the message is one line meant for the user."""


def pause_spans(result: dict[str, Any]) -> list[tuple[float, float]]:
    """(start, end) of each pause in a stored result, for drawing on a timeline."""
    spans = []
    for p in result.get("pauses") or []:
        try:
            start, length = float(p["start"]), float(p["duration"])
        except (KeyError, TypeError, ValueError):
            continue
        if math.isfinite(start) and math.isfinite(length):
            spans.append((start, start + length))
    return spans
