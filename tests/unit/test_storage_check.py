"""`library check` reconciles rows with files, recovers interrupted takes, survives corruption."""

from __future__ import annotations

import json
import os
import random
import sqlite3

import pytest

from taketwo.domain import Question, QuestionSource, TakeState, sidecar_for
from taketwo.media.mp4 import is_fragmented
from taketwo.media.probe import MediaError
from taketwo.storage import FindingKind, Library, LibraryCorrupt, LibraryLayout, restore_backup
from tests.support.library_media import ffprobe_duration, make_video

pytest_plugins = ["tests.support.library_fixtures"]


def findings(report, kind=None):
    return [f for f in report.findings if kind is None or f.kind is kind]


def finished(library, question, seconds=1.0):
    take = library.begin_take(question.id, {"camera": "demo"})
    make_video(take.path, seconds)
    return library.finish_take(take.id, seconds, sidecar={"fps": 15})


def test_a_clean_library_has_nothing_to_report(library, question):
    finished(library, question)
    report = library.check()
    assert report.ok
    assert report.integrity == ["ok"]
    assert (report.takes_checked, report.files_seen) == (1, 2)  # the take and its sidecar


def test_take_left_recording_is_finalized_and_marked_recovered(library, question):
    take = library.begin_take(question.id, {"camera": "demo"})
    make_video(take.path, 3.0, fragmented=True)
    assert is_fragmented(take.path)
    library._recording.clear()  # as if this process had crashed and restarted
    [finding] = findings(library.check())
    assert finding.kind is FindingKind.INTERRUPTED
    assert finding.take_id == take.id
    assert library.get_take(take.id).state is TakeState.RECORDING  # a plain check changes nothing
    report = library.check(repair=True)
    assert report.ok, report.findings
    recovered = library.get_take(take.id)
    assert recovered.state is TakeState.RECOVERED
    assert recovered.duration == pytest.approx(ffprobe_duration(take.path), abs=0.1)
    assert recovered.duration == pytest.approx(3.0, abs=0.2)
    assert not is_fragmented(take.path)
    assert json.loads(sidecar_for(take.path).read_text())["recovered"]["duration"] > 2.5
    assert library.check().findings == []


def test_a_recorder_that_could_not_finalize_can_ask_for_recovery(library, question):
    take = library.begin_take(question.id, {})
    make_video(take.path, 2.0, fragmented=True)
    recovered = library.recover_take(take.id)
    assert recovered.state is TakeState.RECOVERED
    assert recovered.duration == pytest.approx(ffprobe_duration(take.path), abs=0.1)
    assert library.check().findings == []
    empty = library.begin_take(question.id, {})
    empty.path.write_bytes(b"")
    with pytest.raises(MediaError):
        library.recover_take(empty.id)
    assert library.get_take(empty.id).state is TakeState.RECORDING


def test_a_take_being_recorded_by_this_process_is_left_alone(library, question):
    take = library.begin_take(question.id, {})
    make_video(take.path, 1.0, fragmented=True)
    take.path.with_name(f".{take.path.name}.finalizing").write_bytes(b"in progress")
    assert library.check(repair=True).findings == []
    assert library.get_take(take.id).state is TakeState.RECORDING


def test_recording_that_never_wrote_anything_is_removed(library, question):
    empty = library.begin_take(question.id, {})
    zero = library.begin_take(question.id, {})
    zero.path.write_bytes(b"")
    library._recording.clear()
    report = library.check(repair=True)
    assert {(f.kind, f.take_id, f.fixed) for f in report.findings} == {
        (FindingKind.EMPTY_RECORDING, empty.id, True),
        (FindingKind.EMPTY_RECORDING, zero.id, True),
    }
    assert library.list_takes(include_trashed=True) == []
    assert not zero.path.exists()


def test_missing_file_is_reported_and_the_row_kept(library, question):
    take = finished(library, question)
    library.note_take(take.id, "my best one")
    take.path.unlink()
    report = library.check(repair=True)
    [finding] = findings(report)
    assert finding.kind is FindingKind.MISSING_FILE
    assert not finding.fixable
    assert not finding.fixed
    assert not report.ok
    assert library.get_take(take.id).notes == "my best one"


def test_a_file_moved_by_an_interrupted_trash_goes_back(library, question):
    take = finished(library, question)
    trash = library.folder / "trash" / question.folder
    trash.mkdir(parents=True)
    os.replace(take.path, trash / take.path.name)
    os.replace(sidecar_for(take.path), sidecar_for(trash / take.path.name))
    [finding] = findings(library.check(repair=True))
    assert finding.kind is FindingKind.MISPLACED
    assert finding.fixed
    assert take.path.exists()
    assert sidecar_for(take.path).exists()


def test_orphan_files_are_adopted_into_their_question(library, question):
    folder = library.folder / "media" / question.folder
    folder.mkdir()
    orphan = make_video(folder / "take-007-2026-01-01_1000.mp4", 2.0)
    sidecar_for(orphan).write_text(json.dumps({"devices": {"camera": "Logitech C920"}}))
    (folder / "notes.txt").write_text("not media: ignored")
    report = library.check(repair=True)
    [finding] = findings(report)
    assert finding.kind is FindingKind.ORPHAN_FILE
    assert finding.fixed
    adopted = library.get_take(finding.take_id)
    assert (adopted.question_id, adopted.number, adopted.state) == (question.id, 7, TakeState.FINAL)
    assert adopted.path == orphan
    assert adopted.devices == {"camera": "Logitech C920"}
    assert adopted.duration == pytest.approx(2.0, abs=0.1)
    assert library.check().findings == []


def test_orphans_in_an_unknown_folder_get_a_question_named_after_it(library):
    folder = library.folder / "media" / "0042-why-do-you-want-this-job"
    folder.mkdir()
    make_video(folder / "take-001-2026-01-01_1000.mp4", 1.0, fragmented=True)
    make_video(library.folder / "media" / "loose.mp4", 1.0)
    report = library.check(repair=True)
    assert all(f.fixed for f in report.findings)
    assert len(report.findings) == 2
    by_prompt = {s.question.prompt: s for s in library.list_questions()}
    assert set(by_prompt) == {"Why do you want this job", "Recovered takes"}
    rebuilt = by_prompt["Why do you want this job"]
    assert rebuilt.question.folder == "0042-why-do-you-want-this-job"
    assert rebuilt.question.source is QuestionSource.RECOVERED
    [take] = library.list_takes(rebuilt.question.id)
    assert take.state is TakeState.RECOVERED
    assert not is_fragmented(take.path)
    [loose] = library.list_takes(by_prompt["Recovered takes"].question.id)
    assert loose.path.parent.name == "recovered-files"


def test_an_unreadable_orphan_is_reported_and_left_untouched(library, question):
    junk = library.folder / "media" / question.folder / "take-009-2026-01-01_1000.mp4"
    junk.parent.mkdir()
    junk.write_bytes(b"definitely not a video" * 50)
    [finding] = findings(library.check(repair=True))
    assert finding.kind is FindingKind.ORPHAN_FILE
    assert not finding.fixed
    assert "could not repair" in finding.result
    assert junk.read_bytes() == b"definitely not a video" * 50
    assert library.list_takes() == []


def test_stray_temporary_files_are_removed(library, question):
    finished(library, question)
    stray = library.folder / "media" / question.folder / ".take-001-x.mp4.finalizing"
    stray.write_bytes(b"half a file")
    [finding] = findings(library.check(repair=True))
    assert finding.kind is FindingKind.STRAY_FILE
    assert finding.fixed
    assert not stray.exists()


def test_a_stale_search_index_is_rebuilt(library):
    library.add_question(Question(prompt="Where do you see yourself in five years"))
    with library._writing() as conn:
        conn.execute("DELETE FROM search_index")
    assert library.search("years") == []
    [finding] = findings(library.check(repair=True))
    assert finding.kind is FindingKind.SEARCH_INDEX
    assert finding.fixed
    assert len(library.search("years")) == 1


def damage(db_path, how):
    data = bytearray(db_path.read_bytes())
    if how == "truncated":
        db_path.write_bytes(data[: len(data) // 3])
    elif how == "garbage":
        db_path.write_bytes(b"this is not a database at all" * 200)
    else:  # scribble over every page after the first (the schema survives, the rows do not)
        scribble = random.Random(SCRIBBLES[how])
        for offset in range(4096 + 100, len(data), 4096):
            data[offset : offset + 1500] = scribble.randbytes(1500)
        db_path.write_bytes(bytes(data))


# Seeds whose scribbles make SQLite fail in two rarer ways (most make it report corruption):
# an error message quoting bytes that are not UTF-8, and "string or blob too big".
SCRIBBLES = {"scribbled, bytes that are not text": 37, "scribbled, a length too big": 95}


@pytest.mark.parametrize("how", ["truncated", "garbage", *SCRIBBLES])
def test_a_damaged_database_is_reported_in_one_line_and_restored(library_dir, how):
    with Library.open(library_dir) as lib:
        questions = [
            lib.add_question(Question(prompt=f"Question {i} " + "pad " * 300)) for i in range(40)
        ]
        backup = lib.backup_now("daily")
        take = lib.begin_take(questions[0].id, {})  # recorded after the backup
        make_video(take.path, 1.0)
        lib.finish_take(take.id, 1.0)
    damage(library_dir / "taketwo.sqlite3", how)
    (library_dir / "taketwo.sqlite3-wal").unlink(missing_ok=True)
    with pytest.raises(LibraryCorrupt) as caught:
        Library.open(library_dir)
    assert "\n" not in str(caught.value)
    assert "damaged" in str(caught.value)
    assert caught.value.backup == backup
    restore_backup(LibraryLayout(library_dir))
    with Library.open(library_dir) as lib:
        assert len(lib.list_questions()) == 40
        report = lib.check(repair=True)  # the take recorded after the backup comes back
        assert report.integrity_ok
        assert [f.kind for f in report.findings] == [FindingKind.ORPHAN_FILE]
        [adopted] = lib.list_takes()
        assert adopted.question_id == questions[0].id
        assert adopted.path == take.path
    kept = [p.name for p in (library_dir / "backups").iterdir() if p.name.startswith("damaged-")]
    assert kept, "the damaged database is kept, not deleted"


def test_integrity_check_reports_damage_it_finds_while_open(library, question):
    for i in range(30):
        library.add_question(Question(prompt=f"Q{i} " + "filler " * 200))
    library.close()
    db = library.layout.db_path
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'takes_by_state'"
    ).fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * page : (root - 1) * page + 16] = b"\xff" * 16  # break one index page
    db.write_bytes(bytes(data))
    with pytest.raises(LibraryCorrupt):
        Library.open(library.folder)


def test_a_row_whose_text_is_not_utf8_is_reported_as_damage_in_one_line(library, question):
    with library._writing() as conn:
        conn.execute("UPDATE questions SET prompt = CAST(x'c3ff' AS TEXT)")
    with pytest.raises(LibraryCorrupt) as caught:
        library.list_questions()
    assert "\n" not in str(caught.value)
    assert "damaged" in str(caught.value)


@pytest.mark.parametrize("how", ["folder with ..", "file name with ..", "file is a symlink out"])
def test_a_row_naming_a_place_outside_the_library_is_reported_and_left_alone(
    library, question, tmp_path, how
):
    kept = finished(library, question)
    take = finished(library, question)
    outside = tmp_path / "outside.mp4"
    outside.write_bytes(b"not ours")
    with library._writing() as conn:
        if how == "folder with ..":
            conn.execute("UPDATE questions SET folder = '../..' WHERE id = ?", (question.id,))
        elif how == "file name with ..":
            conn.execute("UPDATE takes SET file_name = '../x.mp4' WHERE id = ?", (take.id,))
    if how == "file is a symlink out":
        take.path.unlink()
        take.path.symlink_to(outside)
    report = library.check(repair=True)
    unsafe = {f.take_id for f in findings(report, FindingKind.UNSAFE_PATH)}
    assert unsafe == ({kept.id, take.id} if how == "folder with .." else {take.id})
    assert not any(f.fixable for f in findings(report, FindingKind.UNSAFE_PATH))
    assert outside.read_bytes() == b"not ours"
