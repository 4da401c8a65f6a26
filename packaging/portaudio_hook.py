"""PyInstaller runtime hook: sounddevice loads the PortAudio library shipped in the bundle.

sounddevice asks ``ctypes.util.find_library("portaudio")``, which only searches the system; a
machine without libportaudio2 would have no microphones at all.
"""

import ctypes.util
import os
import sys

_bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libportaudio.so.2")
_system_find = ctypes.util.find_library


def _find_library(name):
    if name == "portaudio" and os.path.exists(_bundled):
        return _bundled
    return _system_find(name)


ctypes.util.find_library = _find_library
