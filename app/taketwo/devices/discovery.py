"""Finding devices and opening one from the id a user types (which ones to use when none is
asked for is :mod:`taketwo.workflow.devices`).

Ids: ``demo`` or ``demo:key=value,...`` for the synthetic devices, ``file:PATH`` for a file played
in real time, a number or ``/dev/videoN`` for a webcam, a number or a name for a microphone.
"""

from __future__ import annotations

import glob
import re
import sys
from pathlib import Path

from taketwo.devices.base import Camera, DeviceError, DeviceInfo, Microphone
from taketwo.devices.file_camera import FileCamera
from taketwo.devices.file_mic import FileMicrophone
from taketwo.devices.portaudio_mic import PortAudioMicrophone, load_sounddevice

# OpenCV (webcams, the demo camera's lettering) is imported when one of those is opened: a
# take re-recorded from a file never needs it.

DEMO_CAMERA = DeviceInfo("camera", "demo", "Demo camera (test pattern with sync marks)")
DEMO_MICROPHONE = DeviceInfo("microphone", "demo", "Demo microphone (quiet noise with sync beeps)")

_CAMERA_OPTIONS = {"fps": float, "jitter_ms": float, "lose_after": float, "seed": int}
_MIC_OPTIONS = {
    "drift_ppm": float,
    "jitter_ms": float,
    "lose_after": float,
    "seed": int,
    "sample_rate": int,
    "noise_dbfs": float,
    "tone": float,  # Hz: a steady sine instead of noise and beeps
}


def parse_options(text: str, allowed: dict[str, type]) -> dict[str, float | int]:
    """``"fps=24,jitter_ms=2"`` into typed keyword arguments, with a clear error for typos."""
    options: dict[str, float | int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep or key not in allowed:
            names = ", ".join(sorted(allowed))
            raise DeviceError(f"unknown demo option {part!r} (known: {names})")
        try:
            options[key] = allowed[key](value)
        except ValueError as exc:
            raise DeviceError(f"demo option {key} needs a number, not {value!r}") from exc
    return options


def _v4l2_name(node: str) -> str:
    sysfs = Path("/sys/class/video4linux") / Path(node).name / "name"
    try:
        return sysfs.read_text().strip()
    except OSError:
        return Path(node).name


def _v4l2_is_capture(node: str) -> bool:
    """UVC webcams expose a metadata node next to the capture node; its sysfs index is not 0."""
    index = Path("/sys/class/video4linux") / Path(node).name / "index"
    try:
        return index.read_text().strip() == "0"
    except OSError:
        return True


def list_cameras(probe_indices: int = 4) -> list[DeviceInfo]:
    """Webcams the system knows of (V4L2 nodes on Linux, probed indices elsewhere), then demo."""
    found: list[DeviceInfo] = []
    if sys.platform.startswith("linux"):

        def node_number(p: str) -> int:
            return int(re.sub(r"\D", "", p) or 0)

        for node in sorted(glob.glob("/dev/video*"), key=node_number):
            if _v4l2_is_capture(node):
                found.append(
                    DeviceInfo("camera", node, _v4l2_name(node), {"index": node_number(node)})
                )
    else:
        from taketwo.devices import opencv_camera

        for index in range(probe_indices):
            cap = opencv_camera.cv2.VideoCapture(index)
            if cap.isOpened():
                found.append(DeviceInfo("camera", str(index), f"Camera {index}"))
            cap.release()
    return [*found, DEMO_CAMERA]


def list_microphones() -> tuple[list[DeviceInfo], str | None]:
    """Input devices PortAudio offers, then demo; plus a problem to show if PortAudio is absent."""
    try:
        sd = load_sounddevice()
        devices = sd.query_devices()
        apis = sd.query_hostapis()
    except DeviceError as exc:
        return [DEMO_MICROPHONE], str(exc)
    except Exception as exc:  # PortAudio can fail to initialise in many ways
        return [DEMO_MICROPHONE], f"PortAudio could not list devices: {exc}"
    found = [
        DeviceInfo(
            "microphone",
            str(d["index"]),
            str(d["name"]),
            {
                "channels": int(d["max_input_channels"]),
                "default_rate": float(d["default_samplerate"]),
                "api": apis[d["hostapi"]]["name"],
            },
        )
        for d in devices
        if int(d["max_input_channels"]) > 0
    ]
    return [*found, DEMO_MICROPHONE], None


def open_camera(spec: str, width: int = 1280, height: int = 720, fps: float = 30.0) -> Camera:
    spec = spec.strip()
    if spec == "demo" or spec.startswith("demo:"):
        from taketwo.devices.demo import DemoCamera

        options = parse_options(spec[5:], _CAMERA_OPTIONS)
        return DemoCamera(width=width, height=height, **{"fps": fps, **options})  # type: ignore[arg-type]
    if spec.startswith("file:"):
        return FileCamera(spec[5:])
    from taketwo.devices.opencv_camera import OpenCVCamera

    if spec.isdigit():
        return OpenCVCamera(int(spec), width, height, fps)
    if spec.startswith("/dev/"):
        return OpenCVCamera(spec, width, height, fps)
    for info in list_cameras():
        if info.id != "demo" and spec.lower() in info.name.lower():
            return OpenCVCamera(info.id, width, height, fps)
    raise DeviceError(f"no camera matches {spec!r}")


def open_microphone(spec: str, sample_rate: int = 48000) -> Microphone:
    spec = spec.strip()
    if spec == "demo" or spec.startswith("demo:"):
        from taketwo.devices.demo import DemoMicrophone

        options = parse_options(spec[5:], _MIC_OPTIONS)
        try:
            return DemoMicrophone(**{"sample_rate": sample_rate, **options})  # type: ignore[arg-type]
        except ValueError as exc:
            raise DeviceError(str(exc)) from None
    if spec.startswith("file:"):
        return FileMicrophone(spec[5:])
    if spec == "default":
        found, problem = list_microphones()
        if not [m for m in found if m.id != "demo"]:
            raise DeviceError(
                problem
                or "no microphone found: plug one in (or unmute it in the "
                "system's sound settings), or rehearse with --mic demo"
            )
        return PortAudioMicrophone(None, sample_rate)
    return PortAudioMicrophone(int(spec) if spec.isdigit() else spec, sample_rate)
