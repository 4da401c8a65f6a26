"""Is the speaker in the picture, roughly centred, and lit? OpenCV's Haar frontal-face cascade
on small grey frames sampled a few times a second."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from taketwo.analysis.decode import Grey

SAMPLES_PER_SECOND = 3.0
CENTRE_TOLERANCE = 0.2  # the face's centre within ±20 % of the frame's width/height of the middle
DARK_LEVEL = 50  # mean grey (0-255) under which a face is hard to read


@dataclass(frozen=True, slots=True)
class Framing:
    frames: int
    face_share: float | None  # fraction of sampled frames with a face; None without video
    centred_share: float | None  # of all sampled frames, those with a face near the middle
    dark_share: float | None
    mean_brightness: float | None


@lru_cache(maxsize=1)
def _cascade() -> cv2.CascadeClassifier:
    path = cv2.data.haarcascades + "haarcascade_frontalface_default.xml"  # type: ignore[attr-defined]
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():
        raise RuntimeError(f"OpenCV's face cascade is missing ({path})")
    return cascade


Face = tuple[int, int, int, int]  # x, y, w, h


def _detect(grey: np.ndarray, smallest: int, largest: int) -> list[Face]:
    faces = _cascade().detectMultiScale(
        grey,
        scaleFactor=1.1,
        minNeighbors=4,
        minSize=(smallest, smallest),
        maxSize=(largest, largest),
    )
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h in faces]


def find_face(grey: Grey, near: Face | None = None) -> Face | None:
    """The largest frontal face, or None. With ``near`` (the last face found), it looks around
    there at similar sizes first: people move little between samples, and that is ~5x faster."""
    height, width = grey.shape[:2]
    equalized = cv2.equalizeHist(grey)
    if near is not None:
        x, y, w, h = near
        x0, y0 = max(0, x - w), max(0, y - h)
        x1, y1 = min(width, x + 2 * w), min(height, y + 2 * h)
        found = _detect(equalized[y0:y1, x0:x1], max(12, int(w * 0.7)), int(w * 1.45) + 1)
        if found:
            fx, fy, fw, fh = max(found, key=lambda f: f[2] * f[3])
            return fx + x0, fy + y0, fw, fh
    found = _detect(equalized, max(12, height // 8), height * 9 // 10)
    return max(found, key=lambda f: f[2] * f[3]) if found else None


def is_centred(face: Face, shape: tuple[int, ...]) -> bool:
    x, y, w, h = face
    cx, cy = (x + w / 2) / shape[1], (y + h / 2) / shape[0]
    return abs(cx - 0.5) <= CENTRE_TOLERANCE and abs(cy - 0.5) <= CENTRE_TOLERANCE + 0.1


def measure_framing(frames: Iterable[tuple[float, Grey]]) -> Framing:
    seen = faces = centred = dark = 0
    brightness = 0.0
    last: Face | None = None
    for _t, grey in frames:
        seen += 1
        level = float(np.mean(grey))
        brightness += level
        dark += level < DARK_LEVEL
        face = last = find_face(grey, last)
        if face is not None:
            faces += 1
            centred += is_centred(face, grey.shape)
    if seen == 0:
        return Framing(0, None, None, None, None)
    return Framing(seen, faces / seen, centred / seen, dark / seen, brightness / seen)
