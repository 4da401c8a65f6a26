"""Speech with fillers, in several voices, made by espeak-ng and sox (never by Take Two), and
the word error rate against what was said. Shared by tests/integration/test_words.py and
bench/words.py."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# Interview sentences; "Um"/"Uh" are spoken fillers (espeak-ng says them as written).
SENTENCES = [
    "Um, I led a small team that built a new billing system for our biggest client.",
    "We met every morning to check the plan and fix what was broken.",
    "Uh, the first version went live on time and the client was happy with it.",
    "Later we cut the cost of support by half in one year.",
    "Um, I learned to ask for help early instead of waiting.",
    "Uh, my manager and I disagreed about the launch date, so we looked at the data together.",
]
VOICES = ("en-us", "en-gb-x-rp", "en-us+f3")
FILLER_WORDS = ("um", "uh")


def speak(
    folder: Path, text: str, voice: str = "en-us", name: str = "said", wpm: int = 150
) -> Path:
    """``text`` as a 48 kHz mono WAV with a second of silence either side."""
    raw, out = folder / f"{name}-raw.wav", folder / f"{name}.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["sox", str(raw), "-r", "48000", "-c", "1", str(out), "pad", "1", "1"],
        check=True,
        capture_output=True,
    )
    raw.unlink()
    return out


def normal(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def without_fillers(words: list[str]) -> list[str]:
    return [w for w in words if w not in ("um", "umm", "uh", "uhh", "erm", "hmm")]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate, fillers left out on both sides (they are counted apart)."""
    ref, hyp = without_fillers(normal(reference)), without_fillers(normal(hypothesis))
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[len(hyp)] / max(1, len(ref))


def spoken_fillers(text: str) -> int:
    return sum(1 for w in normal(text) if w in FILLER_WORDS)
