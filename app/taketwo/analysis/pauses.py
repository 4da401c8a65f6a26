"""Where the speaker talks and where they pause, from webrtcvad's voice-activity decisions.

webrtcvad (the WebRTC project's detector, as the ``webrtcvad-wheels`` build) is 100 kB and runs
at ~1,000x real time; silero-vad is more accurate but pulls in a 2 GB torch install.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import webrtcvad

from taketwo.analysis.decode import Samples

FRAME_S = 0.03  # webrtcvad takes 10, 20 or 30 ms frames
AGGRESSIVENESS = 2  # 0-3; 2 keeps breathy word ends without calling room noise speech
MIN_SPEECH_S = 0.09  # shorter bursts (a click, a cough's tail) are not words
MIN_PAUSE_S = 0.3  # the usual threshold for a silent pause in speech research
QUIET_DBFS = -55.0  # frames quieter than this are silence whatever the detector says
# A span with this share of its energy within TONE_BAND_HZ of one frequency is a beep or a
# whistle, not a voice: espeak-ng speech measures under 0.45, the demo microphone's beeps 0.9.
TONE_SHARE, TONE_BAND_HZ = 0.75, 50.0
MIN_VOICED_S = 0.06  # speech has a pitch somewhere; a span with less is noise or a click
PITCH_STEP_S = 0.02  # the pitch track's step (voice.py), to turn voiced frames into seconds


@dataclass(frozen=True, slots=True)
class Span:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


def speech_frames(samples: Samples, rate: int) -> np.ndarray:
    """One bool per 30 ms frame: does it hold speech? Worked through a minute at a time, so
    the temporary copies stay small however long the take."""
    vad = webrtcvad.Vad(AGGRESSIVENESS)
    n = int(rate * FRAME_S)
    count = len(samples) // n
    flags = np.zeros(count, bool)
    block = int(60 / FRAME_S)  # frames a minute
    for first in range(0, count, block):
        last = min(count, first + block)
        frames = samples[first * n : last * n].reshape(last - first, n)
        pcm = (np.clip(frames, -1.0, 1.0) * 32767).astype("<i2")
        rms = np.sqrt(np.mean(np.square(frames), axis=1, dtype=np.float64)) + 1e-12
        loud = 20 * np.log10(rms) > QUIET_DBFS
        for i in np.flatnonzero(loud):
            flags[first + i] = vad.is_speech(pcm[i].tobytes(), rate)
    return flags


def speech_spans(flags: np.ndarray, offset: float = 0.0) -> list[Span]:
    """Runs of speech frames, with gaps shorter than a pause closed and blips dropped."""
    spans: list[Span] = []
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    for s, e in zip(starts, ends, strict=True):
        span = Span(offset + float(s) * FRAME_S, offset + float(e) * FRAME_S)
        if spans and span.start - spans[-1].end < MIN_PAUSE_S:
            spans[-1] = Span(spans[-1].start, span.end)
        else:
            spans.append(span)
    return [s for s in spans if s.duration >= MIN_SPEECH_S]


def is_tone(samples: Samples, rate: int) -> bool:
    """Most of the energy at one frequency: a steady tone (a beep train), not a voice. A tone
    stays put, so 2 s from the middle of a long span are enough."""
    if len(samples) > 2 * rate:
        middle = len(samples) // 2
        samples = samples[middle - rate : middle + rate]
    if len(samples) < 64:
        return False
    size = max(4096, len(samples))
    power = np.abs(np.fft.rfft(samples * np.hanning(len(samples)), n=size)) ** 2
    total = float(power.sum())
    if total <= 0:
        return False
    peak, width = int(np.argmax(power)), max(1, int(TONE_BAND_HZ * size / rate))
    return float(power[max(0, peak - width) : peak + width + 1].sum()) / total >= TONE_SHARE


def voice_spans(
    spans: list[Span], samples: Samples, rate: int, offset: float, voiced: np.ndarray
) -> list[Span]:
    """The spans that sound like a voice: pitched somewhere (``voiced``: times of voiced pitch
    frames, from the start of ``samples``), and not a steady tone."""
    kept = []
    for span in spans:
        start, end = span.start - offset, span.end - offset
        pitched = np.count_nonzero((voiced >= start) & (voiced < end)) * PITCH_STEP_S
        if pitched >= MIN_VOICED_S and not is_tone(
            samples[int(start * rate) : int(end * rate)], rate
        ):
            kept.append(span)
    return kept


def pauses_between(spans: list[Span]) -> list[Span]:
    """Silences inside the answer: between its first and last word, never before or after."""
    return [
        Span(a.end, b.start)
        for a, b in zip(spans, spans[1:], strict=False)
        if b.start - a.end >= MIN_PAUSE_S
    ]
