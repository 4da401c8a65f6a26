"""The take's words with their times, offline, from faster-whisper and a checked model
(analysis/words_model.py). Runs in the analysis child only.

Long takes are cut into windows of up to two minutes at the middle of a pause and transcribed one
window at a time, so the features Whisper computes stay small whatever the take's length, and
progress moves with the windows. Windows with no speech in them are never given to Whisper.

Whisper drops most "um"s unless its prompt is in a filler style; that prompt is echoed back on
silence unless its voice-activity filter is on, so both go together (measured on espeak-ng
speech: 16 of 18 "um/uh" kept, none invented on silence).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from taketwo.analysis.words_model import Model

if TYPE_CHECKING:
    from taketwo.analysis.decode import Samples

ENGINE = "faster-whisper"
RATE = 16000  # what Whisper takes
WINDOW_S = 120.0  # at most this much sound goes to Whisper at once (240 s: +160 MB peak)
PAD_S = 0.3  # sound kept either side of the speech in a window
FILLER_PROMPT = "Umm, let me think like, hmm... Okay, here's what I'm, like, thinking."
NO_SPEECH_PROB = 0.6  # a segment Whisper itself thinks is silence...
LOW_LOGPROB = -1.0  # ...and is unsure of: dropped, as Whisper's own decoder would
THREADS = 2


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    start: float
    end: float


@dataclass(slots=True)
class Transcript:
    words: list[Word] = field(default_factory=list)
    language: str | None = None
    language_probability: float | None = None

    @property
    def text(self) -> str:
        return "".join(w.word for w in self.words).strip()


class SpilledSound:
    """The take's 16-kHz sound in an unnamed temporary file (0600, gone when closed), read a
    window at a time with plain reads: the analysis drops its own copy before the model loads,
    so the model never shares memory with a whole long take (2 hours: 460 MB)."""

    def __init__(self, samples: Samples) -> None:
        self._file = tempfile.TemporaryFile(prefix="taketwo-sound-")  # noqa: SIM115 (close())
        np.ascontiguousarray(samples, np.float32).tofile(self._file)
        self.length = len(samples)

    def __len__(self) -> int:
        return self.length

    def read(self, first: int, last: int) -> Samples:
        first, last = max(0, first), min(self.length, last)
        self._file.seek(first * 4)
        return np.fromfile(self._file, np.float32, max(0, last - first))

    def close(self) -> None:
        self._file.close()


def _window(sound: Samples | SpilledSound, first: int, last: int) -> Samples:
    if isinstance(sound, SpilledSound):
        return sound.read(first, last)
    return np.ascontiguousarray(sound[max(0, first) : last])


def plan_windows(
    spans: Sequence[tuple[float, float]], total_s: float, window_s: float = WINDOW_S
) -> list[tuple[float, float]]:
    """(start, end) windows covering every speech span, none longer than ``window_s`` unless
    one span alone is; each cut falls in the middle of a pause, and silence outside the spans
    is left out."""
    windows: list[tuple[float, float]] = []
    start: float | None = None
    last_end = 0.0
    for s, e in spans:
        if start is None:
            start, last_end = max(0.0, s - PAD_S), e
            continue
        if e + PAD_S - start > window_s:
            windows.append((start, min(total_s, (last_end + s) / 2, last_end + PAD_S)))
            start = max(0.0, max((last_end + s) / 2, s - PAD_S))
        last_end = e
    if start is not None:
        windows.append((start, min(total_s, last_end + PAD_S)))
    return windows


Progress = Callable[[float], bool]  # fraction of the windows done -> keep going?


def transcribe(
    samples: Samples | SpilledSound,
    sample_start: float,
    spans: Sequence[tuple[float, float]],
    model: Model,
    progress: Progress = lambda f: True,
) -> Transcript:
    """Words at times from the start of the file (``samples`` at 16 kHz begin at
    ``sample_start``; ``spans`` are speech, in file time). Returns early, with the words so
    far, when ``progress`` says stop; the caller decides what that means."""
    # Never reach the network: the model is a local folder, and the hub library is told so.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from faster_whisper import WhisperModel  # the optional extra, imported only here

    whisper = WhisperModel(
        str(model.path),
        device="cpu",
        compute_type="int8",
        cpu_threads=THREADS,
        local_files_only=True,
    )
    total = sample_start + len(samples) / RATE
    windows = plan_windows(spans, total)
    out = Transcript()
    spoken = sum(e - s for s, e in windows) or 1.0
    done = 0.0
    for start, end in windows:
        first = round((start - sample_start) * RATE)
        piece = _window(samples, first, round((end - sample_start) * RATE))
        if len(piece) < RATE // 10:
            continue
        if out.language is None:
            out.language, out.language_probability = _language(whisper, piece)
        length = end - start

        def within(t: float, before: float = done, length: float = length) -> bool:
            return progress((before + min(t, length)) / spoken)

        out.words.extend(_words(whisper, piece, start, out.language, within))
        done += length
        if not progress(done / spoken):
            break
    return out


def _language(whisper: Any, piece: np.ndarray) -> tuple[str, float]:
    language, probability, _all = whisper.detect_language(piece, vad_filter=True)
    return str(language), round(float(probability), 2)


def _words(
    whisper: Any,
    piece: np.ndarray,
    offset: float,
    language: str | None,
    progress: Callable[[float], bool],
) -> list[Word]:
    """The window's words; ``progress`` hears how far into it each segment ends."""
    english = language == "en"
    segments, _info = whisper.transcribe(
        piece,
        language=language,
        beam_size=5,
        word_timestamps=True,
        vad_filter=True,
        # The filler-style prompt is English; another language gets none.
        initial_prompt=FILLER_PROMPT if english else None,
        condition_on_previous_text=False,
    )
    words: list[Word] = []
    for segment in segments:
        silent = segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < LOW_LOGPROB
        echoed = english and _echoes_prompt(segment.text)
        for w in () if silent or echoed else segment.words or ():
            words.append(Word(w.word, round(offset + w.start, 2), round(offset + w.end, 2)))
        if not progress(float(segment.end)):
            break
    return words


def _echoes_prompt(text: str) -> bool:
    """Whisper repeating its prompt back (on noise the filter let through) is not speech."""

    def bare(s: str) -> str:
        return "".join(c for c in s.lower() if c.isalpha())

    said = bare(text)
    return len(said) > 12 and said in bare(FILLER_PROMPT)


def transcript_dict(transcript: Transcript, model: Model) -> dict[str, Any]:
    """The JSON shape `analyze --json` prints and the library stores."""
    return {
        "engine": ENGINE,
        "model": model.name,
        "language": transcript.language,
        "language_probability": transcript.language_probability,
        "text": transcript.text,
        "words": [
            {"word": w.word.strip(), "start": w.start, "end": w.end} for w in transcript.words
        ],
    }
