"""One rule picks the devices when none is asked for, for the app and `taketwo record` alike."""

from __future__ import annotations

from taketwo.workflow.devices import default_devices

DEMO = ("demo", "Demo")


def test_the_first_real_camera_and_the_system_default_microphone():
    cameras = [("/dev/video0", "Integrated"), ("/dev/video2", "USB"), DEMO]
    mics = [("3", "USB Audio"), ("7", "default"), DEMO]
    assert default_devices(cameras, mics) == ("/dev/video0", "default")


def test_without_a_default_microphone_the_first_real_one():
    assert default_devices([DEMO], [("3", "USB Audio"), ("4", "Headset"), DEMO]) == ("", "3")


def test_a_remembered_choice_wins_and_demo_is_never_picked_by_default():
    assert default_devices([DEMO], [DEMO]) == ("", "")
    assert default_devices([DEMO], [DEMO], "demo", "demo") == ("demo", "demo")
    assert default_devices([("0", "Cam")], [("7", "default")], "", "9") == ("0", "9")
