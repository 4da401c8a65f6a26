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
    path = cv2.data.haarcascades + "haarcascade_frontalface_default.xml"
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():
        raise RuntimeError(f"OpenCV's face cascade is missing ({path})")
    return cascade


def find_face(grey: Grey) -> tuple[int, int, int, int] | None:
    """The largest frontal face as (x, y, w, h), or None."""
    height = grey.shape[0]
    faces = _cascade().detectMultiScale(cv2.equalizeHist(grey), scaleFactor=1.2,
                                        minNeighbors=5, minSize=(height // 5, height // 5))
    if len(faces) == 0:
        return None
    x, y, w, h = max(faces, key=lambda f: int(f[2]) * int(f[3]))
    return int(x), int(y), int(w), int(h)


def is_centred(face: tuple[int, int, int, int], shape: tuple[int, ...]) -> bool:
    x, y, w, h = face
    cx, cy = (x + w / 2) / shape[1], (y + h / 2) / shape[0]
    return abs(cx - 0.5) <= CENTRE_TOLERANCE and abs(cy - 0.5) <= CENTRE_TOLERANCE + 0.1


def measure_framing(frames: Iterable[tuple[float, Grey]]) -> Framing:
    seen = faces = centred = dark = 0
    brightness = 0.0
    for _t, grey in frames:
        seen += 1
        level = float(np.mean(grey))
        brightness += level
        dark += level < DARK_LEVEL
        face = find_face(grey)
        if face is not None:
            faces += 1
            centred += is_centred(face, grey.shape)
    if seen == 0:
        return Framing(0, None, None, None, None)
    return Framing(seen, faces / seen, centred / seen, dark / seen, brightness / seen)
