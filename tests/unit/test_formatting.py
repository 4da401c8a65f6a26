"""One way to write times, cut lines and failed writes, for every screen and command."""

from __future__ import annotations

import errno

from taketwo.analysis.explain import describe
from taketwo.domain.formatting import (
    clock,
    frame_text,
    length_text,
    one_line,
    os_error_text,
    position_text,
    span_text,
)


def test_times_are_one_clock_at_three_precisions():
    assert (length_text(65.2), position_text(65.34), frame_text(65.0333)) == (
        "1:05",
        "1:05.3",
        "1:05.033",
    )
    assert position_text(59.96) == "1:00.0"  # rounding carries into the minute
    assert clock(-3) == "0:00"
    assert (span_text(6.94), span_text(-113), span_text(120)) == ("0:06.9", "1:53", "2:00")


def test_review_says_a_target_the_same_way_in_its_header_and_its_metrics():
    from taketwo.ui.playback.take_facts import length_against_target

    header = length_against_target(7.0, 120)
    rows = describe({"version": 2, "duration_s": 7.0, "target_s": 120})
    length = {label: (value, why) for label, value, why in rows}["Length"]
    assert header == "0:07 — 1:53 under the 2:00 target"
    assert length == ("0:07", "Within your 2:00 target.")


def test_a_long_text_is_one_line_cut_with_an_ellipsis():
    assert one_line("a\n  b") == "a b"
    assert one_line("x" * 80, 10) == "x" * 9 + "…"


def test_a_failed_write_is_said_in_the_users_words():
    full = OSError(errno.ENOSPC, "No space left on device", "/media/x/take.mp4")
    assert os_error_text(full) == (
        "the disk holding /media/x is full; free some space and try again"
    )
    denied = OSError(errno.EACCES, "Permission denied")
    assert (
        os_error_text(denied, "/root/clip.mp4")
        == "no permission for /root/clip.mp4 (Permission denied)"
    )
    assert os_error_text(OSError(errno.ENOENT, "No such file or directory", "/a")) == (
        "No such file or directory: /a"
    )
