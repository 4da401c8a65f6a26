"""Short text for tight places: a line cut at a whole word, a time to the frame."""

from __future__ import annotations

TITLE_PROMPT_CHARS = 60  # a question's prompt in a title or a pick list


def elide_words(text: str, limit: int) -> str:
    """``text`` cut at the last whole word that fits in ``limit`` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-—") + "…"


def frame_time(seconds: float) -> str:
    """``1:05.033``: milliseconds, enough to name one frame (a trim point is a frame)."""
    ms = int(round(max(0.0, seconds) * 1000))
    minutes, rest = divmod(ms, 60000)
    return f"{minutes}:{rest // 1000:02d}.{rest % 1000:03d}"
