"""Importing files the user has: real media becomes a take, anything else changes nothing."""

from __future__ import annotations

import stat

import pytest

from taketwo.domain import TakeState
from taketwo.media.mp4 import is_fragmented
from taketwo.storage import LibraryError
from tests.support.library_media import ffprobe_duration, make_audio, make_video

pytest_plugins = ["tests.support.library_fixtures"]


def library_files(library):
    return sorted(p for p in (library.folder / "media").rglob("*") if p.is_file())


def test_a_video_becomes_a_final_take_and_the_original_is_untouched(tmp_path, library, question):
    src = make_video(tmp_path / "My Interview (draft) #2.MP4", 2.0)
    original = src.read_bytes()
    take = library.import_media(src, question.id)
    assert take.state is TakeState.FINAL
    assert take.duration == pytest.approx(ffprobe_duration(src), abs=0.1)
    assert take.path.parent == library.folder / "media" / question.folder
    assert take.path.name.startswith("take-001-")
    assert take.path.suffix == ".mp4"
    assert take.path.read_bytes() == original
    assert src.read_bytes() == original
    assert stat.S_IMODE(take.path.stat().st_mode) == 0o600
    assert library.get_take(take.id).devices == {"imported_from": src.name}


def test_an_audio_file_keeps_its_kind(tmp_path, library, question):
    take = library.import_media(make_audio(tmp_path / "answer.wav", 1.5), question.id)
    assert take.path.suffix == ".wav"
    assert take.duration == pytest.approx(1.5, abs=0.05)


def test_a_crash_left_recording_is_imported_as_a_normal_mp4(tmp_path, library, question):
    src = make_video(tmp_path / "crashed.mp4", 2.0, fragmented=True)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(src.read_bytes()[: int(src.stat().st_size * 0.8)])
    take = library.import_media(cut, question.id)
    assert not is_fragmented(take.path)
    assert take.duration == pytest.approx(ffprobe_duration(take.path), abs=0.1)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.mp4", b"just some text, honestly" * 40, "not a video or audio file"),
        ("empty.mp4", b"", "not a video or audio file"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "not a video or audio file"),
        ("missing.mp4", None, "no such file"),
    ],
)
def test_non_media_is_refused_and_nothing_changes(
    tmp_path, library, question, name, content, message
):
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    with pytest.raises(LibraryError, match=message) as caught:
        library.import_media(src, question.id)
    assert "\n" not in str(caught.value)
    assert library.list_takes(include_trashed=True) == []
    assert library_files(library) == []


def test_a_truncated_file_is_refused_with_its_real_length(tmp_path, library, question):
    full = make_video(tmp_path / "full.mp4", 6.0)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(LibraryError, match=r"cut short: it should last 6\.0 s but holds only"):
        library.import_media(cut, question.id)
    assert library.list_takes() == []
    assert library_files(library) == []
