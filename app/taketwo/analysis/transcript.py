"""An optional transcript, behind one interface, from an offline engine the user already has.

- faster-whisper, when it is installed and one of its models is already on disk;
- pocketsphinx, whose English model ships in its wheel. Its accuracy on free speech is poor
  (on espeak-ng test speech most words come out wrong), so its words are a rough hint only.

Nothing is ever downloaded: an engine without its model counts as absent. With a transcript,
words per minute, filler words and the question's key points said are counted from the text.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from taketwo.analysis.decode import Samples

FILLERS = ("um", "uh", "erm", "like", "you know")
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "this",
        "that",
        "my",
        "our",
        "your",
        "their",
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
    ]
)


class Transcriber(Protocol):
    name: str
    note: str  # what the user should know about its accuracy

    def transcribe(self, samples: Samples, rate: int) -> str: ...


@dataclass
class PocketSphinx:
    name: str = "pocketsphinx"
    note: str = "pocketsphinx's built-in English model: accuracy is limited, words are a hint"

    def transcribe(self, samples: Samples, rate: int) -> str:
        from pocketsphinx import Decoder  # optional: imported only when chosen

        pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
        decoder = Decoder(samprate=rate, loglevel="FATAL")
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        return str(hyp.hypstr) if hyp is not None else ""


@dataclass
class FasterWhisper:
    model_dir: Path
    name: str = "faster-whisper"
    note: str = "faster-whisper with a model already on this computer"

    def transcribe(self, samples: Samples, rate: int) -> str:
        from faster_whisper import WhisperModel  # optional: imported only when chosen

        model = WhisperModel(
            str(self.model_dir), device="cpu", compute_type="int8", local_files_only=True
        )
        segments, _info = model.transcribe(samples.astype(np.float32), language="en")
        return " ".join(s.text.strip() for s in segments)


def _whisper_model() -> Path | None:
    """A faster-whisper model the user downloaded before (Hugging Face cache), if any."""
    home = Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface"))
    for snapshot in sorted((home / "hub").glob("models--Systran--faster-whisper-*/snapshots/*")):
        if (snapshot / "model.bin").is_file():
            return snapshot
    return None


def find_transcriber() -> Transcriber | None:
    """The best engine that works offline right now, or None."""
    if importlib.util.find_spec("faster_whisper") is not None:
        model = _whisper_model()
        if model is not None:
            return FasterWhisper(model)
    if importlib.util.find_spec("pocketsphinx") is not None:
        return PocketSphinx()
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def key_point_said(point: str, words: Sequence[str]) -> bool:
    """Most of the point's content words appear in the transcript."""
    wanted = {w for w in _words(point) if w not in STOPWORDS and len(w) > 2}
    if not wanted:
        return False
    return len(wanted & set(words)) >= max(1, round(0.6 * len(wanted)))


def transcript_metrics(
    text: str, speaking_s: float | None, key_points: Sequence[str] = ()
) -> dict[str, Any]:
    words = _words(text)
    joined = " " + " ".join(words) + " "
    fillers = {f: joined.count(f" {f} ") for f in FILLERS}
    return {
        "words": len(words),
        "wpm": round(len(words) / speaking_s * 60) if speaking_s else None,
        "fillers": {f: n for f, n in fillers.items() if n},
        "key_points_said": [p for p in key_points if key_point_said(p, words)],
        "key_points_missed": [p for p in key_points if not key_point_said(p, words)],
    }
