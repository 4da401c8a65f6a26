"""OpenCV as Take Two loads it: errors only in the log, and one thread.

OpenCV's worker pool keeps its threads spinning for a while after every parallel call; with a
camera at 30 frames a second they never rest, and on two cores that spin costs more CPU than
splitting a resize or a colour conversion saves. Every module that uses OpenCV imports it
from here, so the first import sets this up.
"""

from __future__ import annotations

import os

import cv2

# OpenCV's own warnings ("can't open camera by index") would reach the terminal ahead of
# Take Two's one-line explanation; keep its errors only, unless the user asks for more.
if "OPENCV_LOG_LEVEL" not in os.environ:
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
cv2.setNumThreads(1)

__all__ = ["cv2"]
