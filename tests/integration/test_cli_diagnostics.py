"""`taketwo devices`, `taketwo doctor` and the low-light warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

from taketwo.capture.session import LOW_LIGHT, CaptureSession
from taketwo.devices.demo import DemoCamera, DemoMicrophone


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "taketwo", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_devices_json_lists_the_demo_devices_with_ids():
    proc = run("devices", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"id": "demo"}.items() <= data["cameras"][-1].items()
    assert data["microphones"][-1]["id"] == "demo"


def test_doctor_checks_each_part_and_says_how_to_fix_what_is_missing():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = run("doctor", "--json", env=env)
    assert "Traceback" not in proc.stderr
    checks = {c["name"]: c for c in json.loads(proc.stdout)}
    assert set(checks) == {"Qt display", "PortAudio", "Microphones", "Cameras", "Encoders", "Disk"}
    assert checks["Encoders"]["status"] == "ok"
    assert checks["Qt display"]["status"] == "warn"
    assert "xvfb-run" in checks["Qt display"]["fix"]
    if checks["Cameras"]["status"] != "ok":
        assert "--camera demo" in checks["Cameras"]["fix"]
    assert proc.returncode == (1 if any(c["status"] == "fail" for c in checks.values()) else 0)


def test_a_camera_delivering_under_24_fps_gets_a_low_light_warning():
    session = CaptureSession(DemoCamera(160, 90, fps=15), DemoMicrophone())
    heard = []
    warned = threading.Event()
    session.add_listener(lambda notice: (heard.append(notice), warned.set()))
    session.start()
    try:
        warned.wait(30)
    finally:
        session.stop()
    assert [n.kind for n in heard] == [LOW_LIGHT]
    assert "15 frames per second" in heard[0].message
