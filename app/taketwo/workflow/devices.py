"""Which camera and microphone a take uses when none was asked for: one rule for the app and
``taketwo record``, then opening them.

The rule: the first real webcam; the microphone PortAudio calls "default" (the system's choice)
when it is listed, else the first real one. Demo devices are never picked by default: they are
chosen on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence

from taketwo.devices.base import Camera, DeviceError, Microphone
from taketwo.devices.discovery import (
    list_cameras,
    list_microphones,
    open_camera,
    open_microphone,
)
from taketwo.domain.work import Cancelled, Progress, keep_going

Listed = Sequence[tuple[str, str]]  # (id, name) as the pickers show them
DEMO = "demo"


def default_devices(
    cameras: Listed, mics: Listed, camera: str | None = None, mic: str | None = None
) -> tuple[str, str]:
    """``camera`` and ``mic`` where given (a remembered or typed choice), else the rule above;
    "" where no real device is listed."""
    real_cameras = [c for c in cameras if c[0] != DEMO]
    real_mics = [m for m in mics if m[0] != DEMO]
    if not camera and real_cameras:
        camera = real_cameras[0][0]
    if not mic and real_mics:
        mic = "default" if any(m[1] == "default" for m in real_mics) else real_mics[0][0]
    return camera or "", mic or ""


def listed_devices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every camera and microphone as (id, name), the demo devices last."""
    cameras = [(d.id, d.name) for d in list_cameras()]
    mics, _problem = list_microphones()
    return cameras, [(d.id, d.name) for d in mics]


def _no_devices(kind: str, cameras: Listed, mics: Listed) -> DeviceError:
    found = ", ".join(f"{name} ({id_})" for id_, name in [*cameras, *mics] if id_ != DEMO)
    return DeviceError(
        f"no {kind} found (devices found: {found or 'none'}). "
        "To rehearse without hardware use the demo devices (--camera demo --mic demo)"
    )


def choose_devices(
    camera_id: str | None,
    mic_id: str | None,
    size: tuple[int, int] = (1280, 720),
    fps: float = 30.0,
    progress: Progress = keep_going,
) -> tuple[Camera, Microphone]:
    """Open the devices asked for, or the ones :func:`default_devices` picks; a cancel asked
    for while the camera opened stops before the microphone (:class:`Cancelled`)."""
    if not camera_id or not mic_id:
        cameras, mics = listed_devices()
        camera_id, mic_id = default_devices(cameras, mics, camera_id, mic_id)
        if not camera_id:
            raise _no_devices("camera", cameras, mics)
        if not mic_id:
            raise _no_devices("microphone", cameras, mics)
    try:
        camera = open_camera(camera_id, size[0], size[1], fps)
    except DeviceError as exc:
        raise DeviceError(f"camera: {exc}") from None
    try:
        if not progress(0.5, "Opening the microphone"):
            raise Cancelled()
        microphone = open_microphone(mic_id)
    except DeviceError as exc:
        camera.stop()
        raise DeviceError(f"microphone: {exc}") from None
    except BaseException:
        camera.stop()
        raise
    return camera, microphone
