"""A take's life in the library: recording row, final commit, rating, star, trash and purge."""

from __future__ import annotations

import json
import sqlite3
import stat

import pytest

from taketwo.domain import Question, QuestionStatus, TakeState, sidecar_for
from taketwo.storage import Library, LibraryError, NotFound, ReadOnlyLibrary

pytest_plugins = ["tests.support.library_fixtures"]


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def recorded(library, question, seconds=2.0, payload=b"\x00fake-mp4"):
    take = library.begin_take(question.id, {"camera": "demo", "mic": "demo"})
    take.path.write_bytes(payload)
    return library.finish_take(take.id, seconds, sidecar={"fps": 30.0, "drift_ppm": 12})


def test_recording_row_is_committed_before_capture_starts(library, question):
    take = library.begin_take(question.id, {"camera": "demo"})
    assert take.state is TakeState.RECORDING
    assert take.number == 1
    assert take.path.parent == library.folder / "media" / question.folder
    assert mode(take.path.parent) == 0o700
    assert not take.path.exists()  # the recorder creates it
    # Another connection (another process, say) already sees the row: it was committed.
    other = sqlite3.connect(library.layout.db_path)
    assert other.execute("SELECT state FROM takes WHERE id = ?", (take.id,)).fetchone() == (
        "recording",
    )
    other.close()


def test_finish_marks_final_with_private_files_and_a_sidecar(library, question):
    take = recorded(library, question)
    assert take.state is TakeState.FINAL
    assert take.duration == 2.0
    assert mode(take.path) == 0o600
    sidecar = json.loads(sidecar_for(take.path).read_text())
    assert sidecar["fps"] == 30.0
    assert sidecar["library"]["question"] == question.prompt
    assert sidecar["library"]["take_id"] == take.id
    assert mode(sidecar_for(take.path)) == 0o600
    with pytest.raises(LibraryError, match="not recording"):
        library.finish_take(take.id, 3.0)


def test_take_names_are_unique_and_never_overwrite_a_stray_file(library, question):
    first = library.begin_take(question.id, {})
    second = library.begin_take(question.id, {})
    assert (first.number, second.number) == (1, 2)
    assert first.path != second.path
    nxt = second.path.with_name(second.path.name.replace("take-002", "take-003"))
    nxt.write_bytes(b"someone else's file")
    third = library.begin_take(question.id, {})
    assert third.number >= 3
    assert third.path.name != nxt.name
    assert nxt.read_bytes() == b"someone else's file"


def test_a_take_without_a_file_cannot_be_final(library, question):
    take = library.begin_take(question.id, {})
    with pytest.raises(LibraryError, match="no file"):
        library.finish_take(take.id, 1.0)
    assert library.get_take(take.id).state is TakeState.RECORDING


def test_discard_removes_row_and_file(library, question):
    take = library.begin_take(question.id, {})
    take.path.write_bytes(b"partial")
    library.discard_take(take.id)
    assert not take.path.exists()
    with pytest.raises(NotFound):
        library.get_take(take.id)


def test_only_one_best_take_per_question(library, question):
    a, b = recorded(library, question), recorded(library, question)
    other_question = library.add_question(Question(prompt="Why this company?"))
    c = recorded(library, other_question)
    library.star_take(a.id)
    library.star_take(c.id)
    library.star_take(b.id)
    starred = {t.id for t in library.list_takes() if t.starred}
    assert starred == {b.id, c.id}
    library.star_take(b.id, starred=False)
    assert not library.get_take(b.id).starred
    recording = library.begin_take(question.id, {})
    with pytest.raises(LibraryError, match="only a finished take"):
        library.star_take(recording.id)


def test_rating_and_notes(library, question):
    take = recorded(library, question)
    assert library.rate_take(take.id, 4).comfort == 4
    assert library.rate_take(take.id, None).comfort is None
    for bad in (0, 6):
        with pytest.raises(LibraryError, match="1 to 5"):
            library.rate_take(take.id, bad)
    assert library.note_take(take.id, "slow start").notes == "slow start"
    with pytest.raises(NotFound):
        library.note_take(999, "x")


def test_trash_restore_and_purge_a_take_move_its_files(library, question):
    take = recorded(library, question)
    library.star_take(take.id)
    trashed = library.trash_take(take.id)
    assert trashed.state is TakeState.TRASHED
    assert trashed.starred  # kept for a restore; a trashed take is never listed as the best
    assert library.list_questions()[0].best_take_id is None
    assert trashed.path == library.folder / "trash" / question.folder / take.path.name
    assert trashed.path.exists()
    assert sidecar_for(trashed.path).exists()
    assert not take.path.exists()
    assert library.list_takes(question.id) == []
    assert [t.id for t in library.list_trash().takes] == [take.id]
    with pytest.raises(LibraryError, match="not in the trash"):
        library.purge_take(recorded(library, question).id)
    restored = library.restore_take(take.id)
    assert restored.state is TakeState.FINAL
    assert restored.starred, "a starred take comes back from the trash with its star"
    assert restored.path == take.path
    assert take.path.exists()
    library.trash_take(take.id)
    library.purge_take(take.id)
    assert not trashed.path.exists()
    assert not sidecar_for(trashed.path).exists()
    with pytest.raises(NotFound):
        library.get_take(take.id)


def test_trashing_a_question_takes_its_takes_along(library, question):
    kept, alone = recorded(library, question), recorded(library, question)
    library.trash_take(alone.id)
    library.trash_question(question.id)
    assert library.list_questions() == []
    assert [s.question.id for s in library.list_questions(include_trashed=True)] == [question.id]
    assert library.list_takes() == []
    assert library.get_take(kept.id).path.parent == library.folder / "trash" / question.folder
    with pytest.raises(LibraryError, match="in the trash"):
        library.begin_take(question.id, {})
    with pytest.raises(LibraryError, match="restore the question first"):
        library.restore_take(alone.id)
    library.restore_question(question.id)
    assert library.get_take(kept.id).path.exists()
    assert library.get_take(kept.id).path.parent == library.folder / "media" / question.folder
    assert library.get_take(alone.id).state is TakeState.TRASHED  # trashed on its own: stays
    assert library.get_take(alone.id).path.exists()
    library.trash_question(question.id)
    assert library.purge_question(question.id) == 2
    assert not (library.folder / "trash" / question.folder).exists()
    assert not (library.folder / "media" / question.folder).exists()
    with pytest.raises(NotFound):
        library.get_question(question.id)


def test_empty_trash(library, question):
    other = library.add_question(Question(prompt="Biggest weakness?"))
    recorded(library, other)
    library.trash_question(other.id)
    library.trash_take(recorded(library, question).id)
    assert library.empty_trash() == (1, 2)
    assert library.list_trash().takes == []
    assert library.list_trash().questions == []


def test_question_list_counts_playable_takes_and_names_the_best(library, question):
    a = recorded(library, question)
    recorded(library, question)
    library.trash_take(recorded(library, question).id)
    library.begin_take(question.id, {})  # still recording: not counted
    library.star_take(a.id)
    library.update_question(question.id, status=QuestionStatus.COMFORTABLE)
    [summary] = library.list_questions()
    assert (summary.take_count, summary.best_take_id) == (2, a.id)
    assert library.list_questions(status=QuestionStatus.PRACTISING) == []


def test_readonly_library_reads_but_refuses_writes(library, question):
    recorded(library, question)
    with Library.open(library.folder, readonly=True) as reader:
        assert len(reader.list_takes()) == 1
        with pytest.raises(ReadOnlyLibrary):
            reader.add_question(Question(prompt="nope"))
        with pytest.raises(ReadOnlyLibrary):
            reader.check(repair=True)
        assert reader.check().ok


def test_library_folder_and_database_are_private(library, question):
    assert mode(library.folder) == 0o700
    for name in ("taketwo.sqlite3", "taketwo.lock"):
        assert mode(library.folder / name) == 0o600
    assert mode(library.folder / "media") == 0o700


def test_a_folder_holding_other_things_is_not_taken_over(tmp_path):
    (tmp_path / "Documents").mkdir()
    (tmp_path / "tax-return.pdf").write_bytes(b"%PDF")
    with pytest.raises(LibraryError, match="not a Take Two library"):
        Library.open(tmp_path)
    assert not (tmp_path / "taketwo.sqlite3").exists()
    with pytest.raises(LibraryError, match="no Take Two library"):
        Library.open(tmp_path / "missing", create=False)


def test_unknown_references_are_refused(library):
    with pytest.raises(NotFound):
        library.add_question(Question(prompt="x", mistake_id=42, source="mistake"))
    with pytest.raises(NotFound):
        library.begin_take(42, {})
    with pytest.raises(LibraryError, match="cannot change folder"):
        library.update_question(library.add_question(Question(prompt="y")).id, folder="../x")
