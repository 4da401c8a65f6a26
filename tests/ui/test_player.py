"""Player: real takes through Qt's FFmpeg backend, checked against frame times read by PyAV."""

from __future__ import annotations

import time

import pytest

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.domain.formatting import position_text as format_time  # noqa: E402
from taketwo.ui.playback.player import Player  # noqa: E402
from tests.support.ui_fixtures import (  # noqa: E402
    WHITE,
    lightness,
    wait_for_frame,
    wait_loaded,
)

pytest_plugins = ["tests.support.ui_fixtures"]


@pytest.fixture
def player(qtbot):
    p = Player()
    yield p
    p.unload()
    p.deleteLater()


@pytest.fixture
def clip(recorded_clips):
    return recorded_clips[0]


def test_load_shows_the_first_frame_without_playing(qtbot, player, clip):
    with qtbot.waitSignal(player.duration_changed, timeout=3000) as duration:
        player.load(clip.path)
    assert duration.args[0] == pytest.approx(clip.duration, abs=0.1)
    wait_loaded(qtbot, player)
    assert player.frame_start == pytest.approx(clip.frames[0], abs=0.002)
    assert not player.frame_image().isNull()
    assert player.frame_rate == pytest.approx(30, rel=0.02)


def test_play_advances_position_and_pause_holds_it(qtbot, player, clip):
    player.load(clip.path)
    wait_loaded(qtbot, player)
    frames = []
    player.frame_shown.connect(lambda: frames.append(player.frame_start))
    with qtbot.waitSignal(player.state_changed, check_params_cb=lambda s: s == "playing"):
        player.play()
    qtbot.waitUntil(lambda: player.position > 0.5, timeout=3000)
    player.pause()
    qtbot.waitUntil(lambda: player.state == "paused")
    held = player.position
    assert len(frames) >= 10  # frames were really decoded and shown, in order
    assert frames == sorted(frames)
    qtbot.wait(150)
    assert player.position == pytest.approx(held, abs=0.001)


def test_seek_lands_on_the_frame_at_that_time(qtbot, player, clip):
    player.load(clip.path)
    wait_loaded(qtbot, player)
    white = clip.white[0]
    player.seek(white + 0.01)
    wait_for_frame(qtbot, player, white)
    assert lightness(player.frame_image()) > WHITE
    before = clip.frame_after(white, -1)
    player.seek(before + 0.01)
    wait_for_frame(qtbot, player, before)
    assert lightness(player.frame_image()) < WHITE


def test_step_moves_exactly_one_frame_each_way(qtbot, player, clip):
    player.load(clip.path)
    wait_loaded(qtbot, player)
    white = clip.white[0]
    player.seek(white + 0.01)
    wait_for_frame(qtbot, player, white)
    player.step(1)
    wait_for_frame(qtbot, player, clip.frame_after(white, 1))
    assert lightness(player.frame_image()) < WHITE
    player.step(-1)
    wait_for_frame(qtbot, player, white)
    assert lightness(player.frame_image()) > WHITE
    player.step(-3)
    wait_for_frame(qtbot, player, clip.frame_after(white, -3))
    player.step(1)  # two quick steps, the second before the first frame arrives
    player.step(1)
    wait_for_frame(qtbot, player, clip.frame_after(white, -1))


def test_step_from_the_first_frame_reaches_the_second(qtbot, player, clip):
    # The first frame of a take is longer than the rest; stepping must not skip the second.
    player.load(clip.path)
    wait_loaded(qtbot, player)
    player.step(1)
    wait_for_frame(qtbot, player, clip.frames[1])
    player.step(-1)
    wait_for_frame(qtbot, player, clip.frames[0])


def test_step_pauses_playback(qtbot, player, clip):
    player.load(clip.path)
    wait_loaded(qtbot, player)
    player.play()
    qtbot.waitUntil(lambda: player.position > 0.3, timeout=3000)
    playing_at = player.frame_start
    player.step(1)
    assert player.state == "paused"
    wait_for_frame(qtbot, player, clip.frame_after(playing_at, 1))
    qtbot.wait(150)
    assert player.frame_start == pytest.approx(clip.frame_after(playing_at, 1), abs=0.002)


def _media_rate(qtbot, player, speed: float) -> float:
    player.seek(0)
    player.set_speed(speed)
    player.play()
    qtbot.waitUntil(lambda: player.position > 0.15, timeout=3000)
    t0, p0 = time.monotonic(), player.frame_start
    qtbot.wait(500)
    t1, p1 = time.monotonic(), player.frame_start
    player.pause()
    return (p1 - p0) / (t1 - t0)


def test_speed_two_plays_twice_as_fast_as_normal(qtbot, player, recorded_clips):
    player.load(recorded_clips[2].path)  # the 3-s take: room for both runs
    wait_loaded(qtbot, player)
    normal = _media_rate(qtbot, player, 1.0)
    fast = _media_rate(qtbot, player, 2.0)
    assert normal == pytest.approx(1.0, abs=0.2)
    assert fast == pytest.approx(2.0, abs=0.35)
    player.set_speed(5)
    assert player.speed == 2.0
    player.set_speed(0.1)
    assert player.speed == 0.5


def test_playing_to_the_end_keeps_the_last_frame_and_play_starts_over(qtbot, player, clip):
    player.load(clip.path)
    wait_loaded(qtbot, player)
    player.set_speed(2.0)
    player.seek(clip.duration - 0.4)
    with qtbot.waitSignal(
        player.state_changed, timeout=3000, check_params_cb=lambda s: s == "ended"
    ):
        player.play()
    qtbot.waitUntil(lambda: not player.frame_image().isNull())  # the last frame, not blank
    assert player.frame_start == pytest.approx(clip.frames[-1], abs=0.002)
    assert player.position == pytest.approx(player.duration)
    player.toggle()
    qtbot.waitUntil(lambda: player.state == "playing")
    qtbot.waitUntil(lambda: player.frame_start is not None and player.frame_start < 0.5)


def test_a_missing_file_is_a_readable_error(qtbot, player, tmp_path):
    gone = tmp_path / "take-001.mp4"
    with qtbot.waitSignal(player.error) as error:
        player.load(gone)
    assert "missing" in error.args[0]
    assert gone.name in error.args[0]
    assert player.state == "error"
    player.play()
    player.seek(1.0)
    player.step(1)
    assert player.state == "error"


def test_a_corrupt_file_is_a_readable_error(qtbot, player, tmp_path):
    bad = tmp_path / "take-002.mp4"
    bad.write_bytes(b"\x00\x01not a video at all" * 300)
    with qtbot.waitSignal(player.error, timeout=3000) as error:
        player.load(bad)
    assert "damaged" in error.args[0]
    assert player.state == "error"


def test_loading_another_file_after_an_error_works(qtbot, player, clip, tmp_path):
    with qtbot.waitSignal(player.error):
        player.load(tmp_path / "nothing.mp4")
    player.load(clip.path)
    wait_loaded(qtbot, player)
    assert player.error_text == ""


def test_format_time():
    assert format_time(0) == "0:00.0"
    assert format_time(65.34) == "1:05.3"
    assert format_time(59.96) == "1:00.0"
