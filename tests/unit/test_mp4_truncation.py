"""A cut-off MP4 is told from a whole one by its top-level boxes alone (no decoding)."""

from __future__ import annotations

import pytest

from taketwo.media.mp4 import is_fragmented, truncation
from taketwo.media.probe import falls_short


def box(kind: bytes, body: bytes = b"") -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


FTYP = box(b"ftyp", b"isom\0\0\2\0isomiso6")
MOOV_FRAGMENTED = box(b"moov", box(b"mvhd", bytes(100)) + box(b"mvex", box(b"trex", bytes(24))))
FRAGMENT = box(b"moof", bytes(40)) + box(b"mdat", bytes(1000))
CLOSED = FTYP + MOOV_FRAGMENTED + FRAGMENT * 3 + box(b"mfra", box(b"mfro", bytes(8)))
FASTSTART = FTYP + box(b"moov", bytes(200)) + box(b"mdat", bytes(3000))


def write(tmp_path, data: bytes):
    path = tmp_path / "take.mp4"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (CLOSED, None),
        (FASTSTART, None),
        (FTYP + box(b"moov", bytes(200)) + (0).to_bytes(4, "big") + b"mdat" + bytes(99), None),
        (b"RIFF\0\0\0\0WAVEfmt " + bytes(100), None),  # not an MP4: not judged here
        (CLOSED[:-30], "ends inside its data"),  # inside the index
        (CLOSED[: len(FTYP + MOOV_FRAGMENTED + FRAGMENT) + 500], "ends inside its data"),
        (FASTSTART[:-1], "ends inside its data"),
        (FTYP + MOOV_FRAGMENTED + FRAGMENT * 2, "never closed"),  # cut between fragments
        (FTYP + MOOV_FRAGMENTED + FRAGMENT + b"\0\0", "ends inside its data"),  # a header cut
        (FTYP + MOOV_FRAGMENTED + (4).to_bytes(4, "big") + b"moof" + bytes(50), "damaged"),
    ],
    ids=[
        "closed fragmented",
        "faststart",
        "last box to the end",
        "wav",
        "cut in the index",
        "cut in a fragment",
        "faststart cut",
        "cut between fragments",
        "cut in a header",
        "impossible size",
    ],
)
def test_truncation_reads_the_boxes(tmp_path, data, why):
    found = truncation(write(tmp_path, data))
    if why is None:
        assert found is None
    else:
        assert found is not None
        assert why in found


def test_a_missing_file_is_left_to_the_reader(tmp_path):
    assert truncation(tmp_path / "gone.mp4") is None


def test_a_cut_fragment_still_counts_as_fragmented(tmp_path):
    assert is_fragmented(write(tmp_path, CLOSED[:-30]))
    assert not is_fragmented(write(tmp_path, FASTSTART))


@pytest.mark.parametrize(
    ("duration", "expected", "short"),
    [(6.03, 6.023, False), (5.9, 6.0, False), (5.0, 6.0, True), (1.0, 6.0, True), (60, 61, False)],
)
def test_falls_short_allows_rounding_but_not_a_lost_fragment(duration, expected, short):
    assert falls_short(duration, expected) is short
