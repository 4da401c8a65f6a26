"""The real PortAudio path: sounddevice capturing from a PulseAudio virtual microphone."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from tests.support.media_checks import audio_samples, held_seconds
from tests.support.needs import require
from tests.support.pulse import start_virtual_mic, stop_virtual_mic
from tests.support.waits import wait_until

pytestmark = pytest.mark.pulse


@pytest.fixture(scope="module")
def pulse_env(tmp_path_factory):
    env = start_virtual_mic(tmp_path_factory.mktemp("xdg"))
    require(env is not None, "needs the PulseAudio virtual microphone")
    yield env
    stop_virtual_mic(env)


def speech(path, text):
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
    subprocess.run(["sox", str(path), "-r", "48000", "-c", "1", str(path) + ".48k.wav"], check=True)
    data, rate = soundfile.read(str(path) + ".48k.wav", dtype="float32")
    return str(path) + ".48k.wav", data


def test_taketwo_devices_lists_the_virtual_microphone(pulse_env):
    out = subprocess.run(
        [sys.executable, "-m", "taketwo", "devices"],
        capture_output=True,
        text=True,
        env=dict(os.environ, **pulse_env),
        timeout=60,
    )
    assert out.returncode == 0
    assert "pulse" in out.stdout


def test_recorded_sound_matches_what_was_played_into_the_microphone(pulse_env, tmp_path):
    wav, played = speech(
        tmp_path / "q.wav", "Tell me about a time you disagreed with your manager."
    )
    out = tmp_path / "take.mp4"
    env = dict(os.environ, **pulse_env)
    rec = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "taketwo",
            "record",
            "--camera",
            "demo",
            "--mic",
            "pulse",
            "--size",
            "320x240",
            "--seconds",
            str(len(played) / 48000 + 2.5),
            "--output",
            str(out),
            "--quiet",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Play once the take's first fragment is written: the microphone is delivering by then.
    wait_until(lambda: held_seconds(out) > 0 or rec.poll() is not None, step=0.1)
    subprocess.run(["paplay", "--device=virtmic_sink", wav], env=env, check=True, timeout=60)
    _, stderr = rec.communicate(timeout=60)
    assert rec.returncode == 0, stderr
    recorded, _ = audio_samples(out)
    # Where does the played speech sit in the recording, and how alike are they there?
    n = len(recorded) + len(played)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(recorded, size) * np.conj(np.fft.rfft(played, size)), size)
    lag = int(np.argmax(corr[: len(recorded)]))
    segment = recorded[lag : lag + len(played)]
    assert len(segment) == len(played), "the recording holds the whole sentence"
    # Compare 50-ms windows, each allowed to sit up to 3 ms off: clock correction may move
    # samples by a fraction of a millisecond over a sentence, which is not a difference a
    # listener (or lip sync) can notice.
    width, slack = 2400, 144
    scores = []
    for start in range(slack, len(played) - width - slack, width):
        ref = played[start : start + width]
        if np.sqrt(np.mean(ref**2)) < 0.02:
            continue  # a pause between words
        best = max(
            np.dot(recorded[lag + start + k : lag + start + k + width], ref)
            / (
                np.linalg.norm(recorded[lag + start + k : lag + start + k + width])
                * np.linalg.norm(ref)
                + 1e-9
            )
            for k in range(-slack, slack + 1, 2)
        )
        scores.append(best)
    assert len(scores) > 20
    assert np.percentile(scores, 10) > 0.9, sorted(scores)[:10]
    # Before the sentence the virtual microphone heard silence.
    assert np.sqrt(np.mean(recorded[: int(0.3 * 48000)] ** 2)) < 0.01
