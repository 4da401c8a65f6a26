"""Export the whole library to one file and import it back, losing nothing."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from taketwo.domain import Interview, Mistake, Question, StarNotes
from taketwo.storage import Library, LibraryError
from taketwo.storage.archive_attached import ATTACHED
from tests.support.library_media import make_audio, make_video

pytest_plugins = ["tests.support.library_fixtures"]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(lib):
    """A library with something of everything, trash included."""
    interview = lib.add_interview(
        Interview(company="Initech", role="PM", notes="TPS reports 📎", interviewers=["Bill"])
    )
    mistake = lib.add_mistake(
        Mistake(
            asked="Why PM?", what_went_wrong="no story", do_or_die=True, interview_id=interview.id
        )
    )
    q1 = lib.add_question_from_mistake(mistake.id)
    q2 = lib.add_question(
        Question(
            prompt="מה החוזקות שלך?",
            key_points=["impact"],
            star=StarNotes("s", "t", "a", "r"),
            target_seconds=60,
        )
    )
    q3 = lib.add_question(Question(prompt="Trashed question"))
    for question, count in ((q1, 2), (q2, 1), (q3, 1)):
        for _ in range(count):
            take = lib.begin_take(question.id, {"camera": "demo"})
            make_video(take.path, 0.5)
            lib.finish_take(take.id, 0.5, sidecar={"fps": 15})
    takes = lib.list_takes()
    lib.rate_take(takes[0].id, 4)
    lib.note_take(takes[0].id, "better pacing")
    lib.set_transcript(takes[0].id, "so I moved into product")
    lib.star_take(takes[1].id)
    lib.trash_take(takes[2].id)
    lib.trash_question(q3.id)
    lib.import_media(make_audio(lib.folder.parent / "voice.wav", 0.5), q2.id)


def snapshot(lib):
    rows = {
        "interviews": lib.list_interviews(),
        "mistakes": lib.list_mistakes(),
        "questions": [s.question for s in lib.list_questions(include_trashed=True)],
        "takes": lib.list_takes(include_trashed=True),
    }
    files = {t.id: (t.path.relative_to(lib.folder), digest(t.path)) for t in rows["takes"]}
    for take in rows["takes"]:
        take.path = None
    return rows, files


def test_export_then_import_into_an_empty_library_keeps_everything(tmp_path, library):
    fill(library)
    before = snapshot(library)
    summary = library.export_archive(tmp_path / "backup.zip")
    assert summary.counts == {"interviews": 1, "mistakes": 1, "questions": 3, "takes": 5} | {
        table: 0 for table in ATTACHED
    }
    with Library.open(tmp_path / "restored") as restored:
        result = restored.import_archive(tmp_path / "backup.zip")
        assert result.kept_ids
        assert result.missing_files == []
        assert snapshot(restored) == before
        assert restored.check().ok
        assert {(h.kind, h.id) for h in restored.search("pacing")} == {
            ("take", library.list_takes()[0].id)
        }


def test_import_into_a_library_with_content_adds_everything_alongside(tmp_path, library):
    fill(library)
    library.export_archive(tmp_path / "export.zip")
    with Library.open(tmp_path / "other") as other:
        mine = other.add_question(Question(prompt="Already here"))
        take = other.begin_take(mine.id, {})
        make_video(take.path, 0.5)
        other.finish_take(take.id, 0.5)
        result = other.import_archive(tmp_path / "export.zip")
        assert not result.kept_ids
        prompts = [s.question.prompt for s in other.list_questions(include_trashed=True)]
        assert prompts == ["Already here", "Why PM?", "מה החוזקות שלך?", "Trashed question"]
        assert len(other.list_takes(include_trashed=True)) == 6
        assert len({s.question.folder for s in other.list_questions(include_trashed=True)}) == 4
        mistake = other.list_mistakes()[0]
        assert other.get_question(mistake.id + 1).mistake_id == mistake.id  # references remapped
        assert other.check().ok
        assert [t.starred for t in other.list_takes()].count(True) == 1


@pytest.mark.parametrize("content", ["not a zip", "a zip without a manifest", "truncated"])
def test_a_bad_archive_changes_nothing(tmp_path, library, question, content):
    path = tmp_path / "bad.zip"
    if content == "not a zip":
        path.write_text("hello")
    elif content == "a zip without a manifest":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("photo.jpg", b"\xff\xd8")
    else:
        fill(library)
        library.export_archive(tmp_path / "good.zip")
        data = (tmp_path / "good.zip").read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])
    before = snapshot(library)
    files_before = sorted(
        p
        for p in library.folder.rglob("*")
        if "backups" not in p.parts and not p.name.startswith("taketwo.sqlite3")
    )
    with pytest.raises(LibraryError, match="archive"):
        library.import_archive(path)
    assert snapshot(library) == before
    assert (
        sorted(
            p
            for p in library.folder.rglob("*")
            if "backups" not in p.parts and not p.name.startswith("taketwo.sqlite3")
        )
        == files_before
    )


def test_a_damaged_media_entry_rolls_the_whole_import_back(tmp_path, library):
    fill(library)
    library.export_archive(tmp_path / "export.zip")
    data = bytearray((tmp_path / "export.zip").read_bytes())
    with zipfile.ZipFile(tmp_path / "export.zip") as zf:
        media = [i for i in zf.infolist() if i.filename.endswith(".mp4")][-1]
    start = media.header_offset + 30 + len(media.filename.encode()) + len(media.extra)
    data[start + 100 : start + 200] = b"\x00" * 100  # the CRC no longer matches
    (tmp_path / "damaged.zip").write_bytes(bytes(data))
    with Library.open(tmp_path / "fresh") as fresh:
        with pytest.raises(LibraryError, match="damaged"):
            fresh.import_archive(tmp_path / "damaged.zip")
        assert fresh.list_questions(include_trashed=True) == []
        assert [p for p in (fresh.folder / "media").rglob("*") if p.is_file()] == []


def test_export_refuses_to_overwrite_or_write_inside_the_library(tmp_path, library):
    (tmp_path / "exists.zip").write_text("mine")
    with pytest.raises(LibraryError, match="already exists"):
        library.export_archive(tmp_path / "exists.zip")
    with pytest.raises(LibraryError, match="outside the library"):
        library.export_archive(library.folder / "media" / "x.zip")
    assert (tmp_path / "exists.zip").read_text() == "mine"


def test_import_never_overwrites_a_file_already_in_the_library(tmp_path, library):
    fill(library)
    library.export_archive(tmp_path / "export.zip")
    with Library.open(tmp_path / "lost-its-database") as target:
        first = library.list_takes(include_trashed=True)[0]
        stray = target.folder / first.path.relative_to(library.folder)
        stray.parent.mkdir(parents=True)
        stray.write_bytes(b"a take whose row was lost")
        with pytest.raises(LibraryError, match="would overwrite"):
            target.import_archive(tmp_path / "export.zip")
        assert stray.read_bytes() == b"a take whose row was lost"
        assert target.list_questions(include_trashed=True) == []
        assert [p for p in target.folder.rglob("*.mp4")] == [stray]
        assert not (target.folder / ".import-staging").exists()
