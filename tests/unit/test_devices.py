"""Demo and file devices behave like hardware: own threads, jitter, drift, marks, loss."""

from __future__ import annotations

import subprocess
import threading
import time

import numpy as np
import pytest

from taketwo.capture.levels import SILENCE_DBFS, level_of
from taketwo.devices.base import DECODED, DeviceError, DeviceLost, now
from taketwo.devices.demo import DemoCamera, DemoMicrophone
from taketwo.devices.discovery import open_camera, open_microphone, parse_options
from tests.support.waits import collect


def test_demo_camera_flashes_white_once_at_each_whole_second_of_the_take():
    camera = DemoCamera(160, 90, fps=30, seed=1)
    epoch = now() + 0.05
    camera.align_marks(epoch)
    frames, _ = collect(camera, lambda frames: frames[-1].t >= epoch + 2.4)
    white = [f for f in frames if f.image.min() == 255]
    assert len(white) == 2
    for k, f in enumerate(white, start=1):
        assert abs(f.t - (epoch + k)) < 0.012, "stamped at the mark, plus a few ms of jitter"
    others = [f.image.mean() for f in frames if f.image.min() < 255]
    assert max(others) < 160, "between marks the picture is well below white"


def test_demo_camera_frames_arrive_from_their_own_thread_with_jitter():
    camera = DemoCamera(160, 90, fps=30, jitter_ms=3, seed=2)
    names = set()

    def enough(frames):
        names.add(threading.current_thread().name)
        return len(frames) >= 30

    frames, _ = collect(camera, enough)
    gaps = np.diff([f.t for f in frames])
    assert names == {"demo-camera"}
    assert 0.025 < gaps.mean() < 0.042
    assert gaps.std() > 0.0003, "not perfectly regular"


def test_demo_camera_rate_is_settable_through_its_id():
    camera = open_camera("demo:fps=24", 160, 90, 30)
    frames, _ = collect(camera, lambda frames: len(frames) >= 36)
    rate = (len(frames) - 1) / (frames[-1].t - frames[0].t)
    assert rate == pytest.approx(24, abs=1)


def test_demo_microphone_clock_runs_fast_by_drift_ppm():
    mic = open_microphone("demo:drift_ppm=5000")  # exaggerated so 2 s shows it
    blocks, errors = collect(mic, lambda blocks: blocks[-1].index >= 2 * 48000)
    # Stamps are only ever late (a busy machine wakes the thread late): compare the least
    # late ones at the start and at the end. At 48 kHz they would be 10 ms apart over 2 s.
    resid = np.array([b.t - b.index / (48000 * 1.005) for b in blocks])
    assert abs(resid[-25:].min() - resid[5:30].min()) < 0.003
    assert not errors


def test_demo_microphone_beeps_at_the_marks():
    mic = DemoMicrophone(drift_ppm=0, jitter_ms=0, seed=3)
    epoch = now()
    mic.align_marks(epoch)
    blocks, _ = collect(mic, lambda blocks: blocks[-1].index >= 1.3 * 48000)
    audio = np.concatenate([b.samples for b in blocks])
    loud = np.flatnonzero(np.abs(audio) > 0.3)
    assert len(loud), "a burst was heard"
    first_t = blocks[0].t + loud[0] / 48000
    assert abs(first_t - (epoch + 1.0)) < 0.006
    burst = (loud[-1] - loud[0]) / 48000
    assert 0.04 < burst < 0.051


@pytest.mark.parametrize("spec", ["demo:lose_after=0.3"])
def test_lost_devices_report_device_lost(spec):
    for device in (open_camera(spec, 160, 90), open_microphone(spec)):
        _, errors = collect(device, lambda _items: False)  # until it reports the loss
        assert len(errors) == 1
        assert isinstance(errors[0], DeviceLost)


def test_option_typos_are_clear_errors():
    with pytest.raises(DeviceError, match="unknown demo option 'fsp=3'"):
        parse_options("fsp=3", {"fps": float})
    with pytest.raises(DeviceError, match="needs a number"):
        parse_options("fps=fast", {"fps": float})
    assert parse_options("fps=24, seed=3", {"fps": float, "seed": int}) == {"fps": 24.0, "seed": 3}


def test_levels_in_dbfs():
    full = np.ones(480, np.float32)
    assert level_of([full]).rms_dbfs == pytest.approx(0.0, abs=0.01)
    half = np.full(480, 0.5, np.float32)
    assert level_of([half]).peak_dbfs == pytest.approx(-6.02, abs=0.01)
    assert level_of([]).rms_dbfs == SILENCE_DBFS


def test_a_stalled_reader_gets_the_buffered_frames_with_their_capture_times():
    camera = DemoCamera(160, 90, fps=30, jitter_ms=1, seed=4)
    epoch = now() + 0.05
    camera.align_marks(epoch)

    def slow_reader(frames):
        if len(frames) == 25:
            time.sleep(0.1)  # the stall under test: three frames' worth, within the buffers
        return frames[-1].t >= epoch + 1.6

    frames, _ = collect(camera, slow_reader)
    stamps = np.array([f.t for f in frames])
    assert np.all(np.diff(stamps) < 0.045), "no frame was lost to the stall"
    white = [f for f in frames if f.image.min() == 255]
    assert len(white) == 1
    assert abs(white[0].t - (epoch + 1)) < 0.003


def test_demo_microphone_tone_option_plays_a_steady_sine():
    mic = open_microphone("demo:tone=440,drift_ppm=1000")
    blocks, _ = collect(mic, lambda blocks: blocks[-1].index >= 0.6 * 48000)
    audio = np.concatenate([b.samples for b in blocks])
    indices = [b.index for b in blocks]
    assert indices == sorted(indices)
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(len(audio))))
    freqs = np.fft.rfftfreq(len(audio), 1 / 48000)
    assert freqs[np.argmax(spectrum)] == pytest.approx(440, abs=5)
    with pytest.raises(DeviceError):
        open_microphone("demo:tone=30000")


def test_webcam_frames_keep_the_drivers_capture_time_when_it_is_on_our_clock():
    from taketwo.devices.opencv_camera import capture_time

    arrived = 1000.0
    assert capture_time(arrived * 1000 - 45.0, arrived) == pytest.approx(arrived - 0.045)
    assert capture_time(33.3, arrived) is None  # media time from the start, not a clock
    assert capture_time(arrived * 1000 + 5.0, arrived) is None  # from the future: another clock


def test_a_file_camera_hands_its_decoded_frames_on_unconverted(tmp_path):
    """A 4:2:0 video file's frames go to the encoder as the decoder made them; the preview
    still gets BGR."""
    path = tmp_path / "red.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=160x90:r=25:d=1"]
        + ["-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )
    camera = open_camera(f"file:{path}")
    assert (camera.width, camera.height, camera.fps) == (160, 90, 25)
    frames, errors = collect(camera, lambda frames: len(frames) >= 12)
    assert frames
    assert not errors
    frame = frames[0]
    assert frame.pixel_format == DECODED
    assert frame.image.format.name == "yuv420p"
    b, g, r = frame.bgr().reshape(-1, 3).mean(axis=0)
    assert r > 200
    assert max(g, b) < 40
    assert np.allclose(np.diff([f.t for f in frames]), 0.04, atol=1e-6), "the file's own times"


def test_portaudio_blocks_are_stamped_on_arrival_minus_one_learned_latency():
    """PulseAudio's ADC times ramp and jump back; the stamps must not: one latency, learned
    from the least-late arrival over the first second, then kept."""
    from taketwo.devices.portaudio_mic import LatencyEstimate

    latency = LatencyEstimate(48000)
    rng = np.random.default_rng(3)
    stamps = []
    for k in range(300):  # three seconds of 10-ms blocks, captured at k * 0.01 s
        index = k * 480
        arrived = index / 48000 + 0.010 + 0.004 + rng.uniform(0, 0.005)  # block + 4 ms + late
        ramp = -0.002 * (k % 150) / 150  # the ADC time drifting early, then jumping back
        lag = arrived - (index / 48000 + ramp)
        stamps.append(arrived - latency.update(index, arrived, lag))
    early = np.array(stamps) - np.arange(300) * 0.01
    assert early.min() > -0.0025, "never early by more than the ramp of the first second"
    learned = latency.value
    assert latency.update(5 * 48000, 0.0, 0.5) == learned, "kept after the first second"


def _first_frame_rgb(path):
    """The mean colour of a file's first frame, as ffmpeg decodes it (an independent reader)."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-frames:v", "1"]
        + ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, 3).mean(axis=0)


@pytest.fixture
def mjpeg_file(tmp_path):
    """What a USB webcam sends at 720p30: full-range 4:2:2 JPEG, here in a file."""
    path = tmp_path / "webcam.avi"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=0x3060c0:s=320x240:r=30:d=1"]
        + ["-c:v", "mjpeg", "-pix_fmt", "yuvj422p", "-q:v", "2", str(path)],
        check=True,
    )
    return path


@pytest.mark.parametrize("backend", ["opencv", "file"])
def test_an_mjpeg_camera_records_its_colours_in_limited_range_420(tmp_path, mjpeg_file, backend):
    """Through OpenCV (BGR from libjpeg, one cvtColor into x264's frame) and through PyAV
    (full-range 4:2:2, one libswscale call), the take holds the camera's colours: a full-range
    picture taken as limited would come out washed out, the other way round too dark."""
    from taketwo.capture.encoder import TakeWriter
    from taketwo.devices.opencv_camera import OpenCVCamera

    if backend == "opencv":
        camera = OpenCVCamera(str(mjpeg_file))
    else:
        camera = open_camera(f"file:{mjpeg_file}")
    assert (camera.width, camera.height) == (320, 240)
    frames, _ = collect(camera, lambda frames: len(frames) >= 10)
    assert frames
    kind = frames[0].pixel_format
    assert (kind == DECODED) == (backend == "file")
    if kind == DECODED:
        assert frames[0].image.format.name == "yuvj422p"
    out = tmp_path / f"{backend}.mp4"
    writer = TakeWriter(out, camera.width, camera.height, 30)
    for slot, frame in enumerate(frames[:10]):
        writer.write_video(frame.image, slot, frame.pixel_format)
    writer.close()
    info = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries"]
        + ["stream=pix_fmt", "-of", "csv=p=0", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert info == ["yuv420p"]
    r, g, b = _first_frame_rgb(out)
    sr, sg, sb = _first_frame_rgb(mjpeg_file)
    assert abs(r - sr) < 6
    assert abs(g - sg) < 6
    assert abs(b - sb) < 6


def test_a_file_microphone_plays_every_sample_in_100_ms_blocks(tmp_path):
    """A video's soundtrack reaches the take as the decoder made it, cut into 100-ms blocks
    (a file has no latency to keep low; each block is a thread wake-up) stamped one after
    the other on the file's clock, and the last, shorter block is not lost."""
    import av

    path = tmp_path / "tone.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:r=48000:d=0.53"]
        + ["-c:a", "aac", "-ac", "1", str(path)],
        check=True,
    )
    with av.open(str(path)) as container:
        expected = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio=0)])
    mic = open_microphone(f"file:{path}")
    blocks, errors = collect(
        mic, lambda blocks: sum(len(b.samples) for b in blocks) >= len(expected)
    )
    assert not errors
    got = np.concatenate([b.samples for b in blocks])[: len(expected)]
    assert np.array_equal(got, expected)
    sizes = [len(b.samples) for b in blocks]
    whole = len(expected) // 4800
    assert sizes[:whole] == [4800] * whole
    assert sizes[whole] == len(expected) - whole * 4800
    assert [b.index for b in blocks[: whole + 1]] == [k * 4800 for k in range(whole + 1)]
    gaps = np.diff([b.t for b in blocks[: whole + 1]])
    assert np.allclose(gaps, 0.1, atol=1e-6), "stamped on the file's own clock"
