"""The encoder thread takes its work in batches: a thread wake-up costs more CPU than the
Python work of one frame or block, so waking once per arrival (30 frames and 100 blocks a
second) made a take cost 5-10 % more than ffmpeg recording the same thing (issue 21)."""

from __future__ import annotations

import queue
import threading

from taketwo.capture import recorder as recorder_module
from taketwo.capture.recorder import TakeRecorder
from taketwo.capture.session import CaptureSession
from taketwo.devices.demo import DemoCamera, DemoMicrophone
from tests.support.media_checks import ffprobe


class CountingInbox(queue.SimpleQueue):
    """The recorder's inbox, counting the gets that may sleep."""

    def __init__(self) -> None:
        self.sleeps = 0

    def get(self, block=True, timeout=None):
        if block and (timeout is None or timeout > 0):
            self.sleeps += 1
        return super().get(block, timeout)


class CountingEvent(threading.Event):
    def __init__(self) -> None:
        super().__init__()
        self.sleeps = 0

    def wait(self, timeout=None):
        self.sleeps += 1
        return super().wait(timeout)


def test_the_encoder_wakes_about_ten_times_a_second_not_once_per_arrival(tmp_path):
    session = CaptureSession(DemoCamera(320, 240), DemoMicrophone(block=480))  # 10-ms blocks
    session.start()
    try:
        take = TakeRecorder(session, tmp_path / "t.mp4")
        inbox, stopping = CountingInbox(), CountingEvent()
        take._inbox, take._stopping = inbox, stopping
        take.start()
        take.wait(3.0)
        arrivals = take._frames_in + take._blocks_in
        sleeps_while_recording = inbox.sleeps + stopping.sleeps
        result = take.stop()
    finally:
        session.stop()
    assert result is not None
    assert result.finalized
    assert arrivals > 300, "3 s of 30 frames and 100 blocks a second arrived"
    budget = 3.0 / recorder_module.WAKE_SECONDS + 10  # plus the phase frames' short waits
    assert sleeps_while_recording <= budget, (sleeps_while_recording, arrivals)
    assert result.stats.dropped_frames == 0
    info = ffprobe(tmp_path / "t.mp4")
    assert float(info["format"]["duration"]) >= 2.9
