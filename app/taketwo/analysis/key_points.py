"""Whether each of a question's key points was said, from the transcript's words.

A point is said when nearly all of its content words turn up close together in the
transcript: words are compared by their stems ("reduced" = "reducing" = "reduces"), and a
point of three or more content words may miss one (five or more: two), so a paraphrase that
keeps the gist counts. The time is that of the first matching word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "out",
        "over",
        "she",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "too",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = (
    "ational", "ization", "fulness", "ousness", "iveness", "ations", "ments", "ingly",
    "ation", "ement", "ments", "ness", "ment", "ings", "ying", "ies", "ied", "ing", "ers",
    "est", "ful", "ive", "ize", "ise", "ion", "ed", "er", "es", "ly", "al", "s", "e", "y",
)  # fmt: skip
PREFIX_MATCH = 5  # stems that share this many letters are the same word ("manag")


@dataclass(frozen=True, slots=True)
class PointCheck:
    point: str
    said: bool
    at: float | None  # seconds from the start of the file, when said


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A light suffix-stripping stem; both sides of a comparison go through it."""
    word = word.lower().split("'")[0]
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "planned" -> "plann" -> "plan"
    return word


def content_stems(text: str) -> list[str]:
    seen: list[str] = []
    for token in tokens(text):
        if token in STOPWORDS or (len(token) < 3 and not token.isdigit()):
            continue
        s = stem(token)
        if s not in seen:
            seen.append(s)
    return seen


def same(a: str, b: str) -> bool:
    if a == b:
        return True
    n = min(len(a), len(b))
    return n >= PREFIX_MATCH and a[:PREFIX_MATCH] == b[:PREFIX_MATCH] and a[:n] == b[:n]


def allowed_missing(content_words: int) -> int:
    return 0 if content_words <= 2 else 1 if content_words <= 4 else 2


def check_point(point: str, words: Sequence[tuple[str, float]]) -> PointCheck:
    """``words``: (word, start time) in the order spoken."""
    wanted = content_stems(point)
    if not wanted:
        return PointCheck(point, False, None)
    needed = len(wanted) - allowed_missing(len(wanted))
    stems = [stem(t) for w, _ in words for t in tokens(w)[:1]]
    times = [at for w, at in words if tokens(w)]
    span = max(12, 3 * len(wanted))  # the point's words must come this close together
    for i, first in enumerate(stems):
        if not any(same(want, first) for want in wanted):
            continue  # a window starts at one of the point's words: that is when it was said
        window = stems[i : i + span]
        if sum(any(same(want, s) for s in window) for want in wanted) >= needed:
            return PointCheck(point, True, times[i])
    return PointCheck(point, False, None)


def check_points(points: Sequence[str], words: Sequence[tuple[str, float]]) -> list[PointCheck]:
    return [check_point(p, words) for p in points if p.strip()]
