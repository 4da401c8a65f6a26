"""Is a question comfortable yet? Progress read from the takes' ratings and lengths."""

from __future__ import annotations

from collections.abc import Sequence

from taketwo.domain.take import Take

COMFORTABLE_RATING = 4
STREAK = 3
TREND_BARS = "▁▂▃▅▇"


def suggest_comfortable(takes: Sequence[Take], target_seconds: int | None) -> bool:
    """The last three takes (oldest first in ``takes``) rated 4+ and within the target length."""
    rated = [t for t in takes if t.state.playable]
    if len(rated) < STREAK:
        return False
    for take in rated[-STREAK:]:
        if take.comfort is None or take.comfort < COMFORTABLE_RATING:
            return False
        if target_seconds and (take.duration is None or take.duration > target_seconds):
            return False
    return True


def comfort_trend(ratings: Sequence[int | None], last: int = 6) -> str:
    """The last few ratings as small bars, e.g. ``▂▃▃▅▇``; unrated takes are left out."""
    values = [r for r in ratings if r is not None][-last:]
    return "".join(TREND_BARS[max(1, min(5, r)) - 1] for r in values)
