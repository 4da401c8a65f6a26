"""A full disk, in earnest (a tiny tmpfs) and by a patched write: stop cleanly, keep the take."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from taketwo.capture import encoder
from taketwo.capture.recorder import TakeRecorder, TakeState
from taketwo.capture.session import CaptureSession
from taketwo.devices.demo import DemoCamera, DemoMicrophone
from tests.support.media_checks import decodes_cleanly, ffprobe
from tests.support.needs import require


@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    # Root mounts it; anyone else through sudo without a password, as CI's set-up has.
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    options = f"size=300k,uid={os.getuid()},gid={os.getgid()},mode=0700"
    result = subprocess.run(
        [*as_root, "mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    require(result.returncode == 0, f"needs to mount a tmpfs (root or sudo): {result.stderr}")
    yield mount
    subprocess.run([*as_root, "umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_a_really_full_disk_stops_the_take_and_keeps_what_was_written(tiny_disk):
    out = tiny_disk / "take.mp4"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "taketwo",
            "record",
            "--camera",
            "demo",
            "--mic",
            "demo",
            "--size",
            "640x360",
            "--seconds",
            "30",
            "--output",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "disk is full" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("disk is full") == 1
    duration = float(ffprobe(out)["format"]["duration"])
    assert 2 < duration < 29, "stopped early, with seconds of the take kept"
    assert not [p for p in tiny_disk.iterdir() if p.name.startswith(".")], "no temp files left"


def run_take(path: Path, seconds: float, **kwargs) -> TakeRecorder:
    session = CaptureSession(DemoCamera(320, 240), DemoMicrophone())
    session.start()
    recorder = TakeRecorder(session, path, **kwargs)
    try:
        recorder.start()
        recorder.wait(seconds)
        recorder.stop()
    finally:
        session.stop()
    return recorder


def test_a_write_that_fails_with_enospc_is_reported_as_a_full_disk(tmp_path, monkeypatch):
    real = encoder.TakeWriter.write_video
    calls = {"n": 0}

    def failing(self, *frame):
        calls["n"] += 1
        if calls["n"] > 45:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, *frame)

    monkeypatch.setattr(encoder.TakeWriter, "write_video", failing)
    recorder = run_take(tmp_path / "t.mp4", 4.0)
    result = recorder.result
    assert result is not None
    assert recorder.state is TakeState.FAILED
    assert "disk is full" in (result.error or "")
    assert not result.finalized
    assert (tmp_path / "t.mp4").exists(), "what was written is kept"


def test_discarding_a_take_removes_its_files(tmp_path):
    session = CaptureSession(DemoCamera(320, 240), DemoMicrophone())
    session.start()
    try:
        recorder = TakeRecorder(session, tmp_path / "t.mp4")
        recorder.start()
        recorder.wait(1.0)
        result = recorder.stop(discard=True)
    finally:
        session.stop()
    assert result is not None
    assert result.discarded
    assert list(tmp_path.iterdir()) == []


def test_preview_level_and_elapsed_are_available_while_recording(tmp_path):
    session = CaptureSession(DemoCamera(320, 240), DemoMicrophone(noise_dbfs=-30))
    session.start()
    try:
        recorder = TakeRecorder(session, tmp_path / "t.mp4")
        recorder.start()
        recorder.wait(1.5)  # halfway between the demo microphone's 1-s and 2-s beeps
        frame = session.latest_frame()
        level = session.level()
        elapsed = recorder.elapsed
        result = recorder.stop()
    finally:
        session.stop()
    assert frame is not None
    assert frame.image.shape == (240, 320, 3)
    assert -40 < level.rms_dbfs < -20
    assert level.peak_dbfs >= level.rms_dbfs
    assert 1.0 < elapsed < 2.0
    assert result is not None
    assert result.finalized
    ok, errors = decodes_cleanly(tmp_path / "t.mp4")
    assert ok, errors
