"""Filler words and pace from a transcript's words. English only: another language's "um" is
not ours to count, so a take in another language reports none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# What Whisper writes for each filler, by the word we count it as.
FILLERS = {
    "um": "um",
    "umm": "um",
    "ummm": "um",
    "uh": "uh",
    "uhh": "uh",
    "uhm": "um",
    "erm": "erm",
    "er": "erm",
    "hmm": "hmm",
    "hm": "hmm",
    "hmmm": "hmm",
    "mm": "hmm",
}
POSSIBLE = ("like", "you know")  # often a filler, sometimes a real word: shown apart
PACE_DISAGREE = 0.15  # words and syllables give rates this far apart: say so


def bare(word: str) -> str:
    return re.sub(r"[^a-z']", "", word.lower())


def fillers(words: Sequence[dict[str, Any]], language: str | None) -> list[dict[str, Any]]:
    """``[{"word", "start"}]`` of every um, uh, erm and hmm."""
    if language != "en":
        return []
    return [
        {"word": FILLERS[bare(w["word"])], "start": w["start"]}
        for w in words
        if bare(w["word"]) in FILLERS
    ]


def possible_fillers(words: Sequence[dict[str, Any]], language: str | None) -> list[dict[str, Any]]:
    """ "like" and "you know": counted apart, since "I'd like to" is not a filler."""
    if language != "en":
        return []
    found = []
    plain = [bare(w["word"]) for w in words]
    for i, word in enumerate(plain):
        if word == "like" and (i == 0 or plain[i - 1] not in ("would", "i'd", "we'd", "you'd")):
            found.append({"word": "like", "start": words[i]["start"]})
        elif word == "you" and i + 1 < len(plain) and plain[i + 1] == "know":
            found.append({"word": "you know", "start": words[i]["start"]})
    return found


def spoken_words(words: Sequence[dict[str, Any]]) -> int:
    """Words that carry the answer: fillers are not counted toward the pace."""
    return sum(1 for w in words if bare(w["word"]) and bare(w["word"]) not in FILLERS)


def pace(
    words: Sequence[dict[str, Any]], speaking_s: float | None, rate: dict[str, Any] | None
) -> dict[str, Any] | None:
    """Words per minute from the words, beside the syllable estimate, and whether the two
    disagree by more than :data:`PACE_DISAGREE`."""
    if not speaking_s or not words:
        return None
    wpm = spoken_words(words) / speaking_s * 60
    estimate = None
    if rate and rate.get("wpm_low") is not None and rate.get("wpm_high") is not None:
        estimate = (float(rate["wpm_low"]) + float(rate["wpm_high"])) / 2
    disagree = bool(estimate) and abs(wpm - (estimate or 0)) / (estimate or 1) > PACE_DISAGREE
    return {
        "wpm": round(wpm),
        "syllable_wpm": None if estimate is None else round(estimate),
        "disagree": bool(disagree),
    }
