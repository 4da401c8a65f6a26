"""Prints the versions of the bundled libraries, for the end of the bundle's licence notice."""

import av
import cv2
import numpy
import PySide6
import sounddevice
import soundfile
from PySide6.QtCore import qVersion

print("\nVersions in this bundle")
print(f"  PyAV {av.__version__}, FFmpeg libraries:")
for name, version in av.library_versions.items():
    print(f"    {name} {'.'.join(map(str, version))}")
print(f"  PySide6 {PySide6.__version__}, Qt {qVersion()}")
print(f"  OpenCV {cv2.__version__}, NumPy {numpy.__version__}")
print(f"  {sounddevice.get_portaudio_version()[1]}, libsndfile {soundfile.__libsndfile_version__}")
