"""A library archive carries the debrief, the coach packs and their feedback, and the analyses,
with every reference remapped; bad rows in any of them refuse the whole archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import zipfile
from pathlib import Path

import pytest

from taketwo.domain import Interview, Mistake, MistakeKind, Question
from taketwo.domain.recovery import Step
from taketwo.storage import Library, LibraryError
from taketwo.storage.archive_attached import ATTACHED
from taketwo.storage.feedback import Comment, Feedback
from tests.support.library_media import make_video

pytest_plugins = ["tests.support.library_fixtures"]

DB_ENTRY = "library/taketwo.sqlite3"
DAY = dt.date(2026, 3, 2)


def fill(lib: Library) -> dict[str, int]:
    """Something in every attached table, pointing at rows that are not all id 1."""
    lib.add_question(Question(prompt="A question first, so ids differ between tables"))
    interview = lib.add_interview(
        Interview(company="Initech", role="PM", date=DAY, time=dt.time(9, 30))
    )
    late = lib.add_mistake(Mistake(asked="", what_went_wrong="late", kind=MistakeKind.LATE))
    mistake = lib.add_mistake(
        Mistake(asked="Why PM?", what_went_wrong="no story", interview_id=interview.id)
    )
    lib.triage_mistake(late.id, False, DAY)  # a logistics slip goes on the checklists
    lib.triage_mistake(mistake.id, True, DAY)
    lib.set_mistake_step(mistake.id, Step.FACE, DAY)
    item = lib.add_checklist_item("night_before", "Iron the shirt 👔")
    lib.tick_checklist_item(interview.id, item, DAY)
    first = lib.checklist(interview.id)[0]
    lib.tick_checklist_item(interview.id, first.id, DAY)
    lib.save_note_text(interview.id, "Merci pour l'entretien — à bientôt")
    lib.mark_note_sent(interview.id, DAY)
    question = lib.rehearse_mistake(mistake.id)
    takes = []
    for _ in range(2):
        take = lib.begin_take(question.id, {"camera": "demo"})
        make_video(take.path, 0.5)
        lib.finish_take(take.id, 0.5)
        takes.append(take.id)
    lib.record_pack("a" * 32, takes, "Pace?")
    lib.import_feedback(
        Feedback(
            "a" * 32,
            "Coach",
            (Comment(takes[0], 0.25, "slow down"), Comment(takes[1], 0.1, "better")),
        )
    )
    said = {"text": "so", "words": [{"word": "so", "start": 0.1, "end": 0.2}]}
    lib.save_analysis(takes[1], {"version": 1, "rate": {"wpm": 150}, "transcript": said})
    return {"interview": interview.id, "take": takes[1], "first_item": first.text}


def table_rows(folder: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(folder / "taketwo.sqlite3")
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("interviews", "mistakes", *ATTACHED)
        }
    finally:
        conn.close()


def test_a_round_trip_into_an_empty_library_keeps_every_attached_row(tmp_path, library):
    fill(library)
    summary = library.export_archive(tmp_path / "backup.zip")
    assert all(summary.counts[t] > 0 for t in ATTACHED)
    before = table_rows(library.folder)
    with Library.open(tmp_path / "restored") as restored:
        result = restored.import_archive(tmp_path / "backup.zip")
        assert result.kept_ids
        assert result.counts == {t: len(rows) for t, rows in before.items()} | {
            "questions": 2,
            "takes": 2,
        }
        assert restored.check().ok
    assert table_rows(tmp_path / "restored") == before


def test_into_a_library_with_content_every_reference_is_remapped(tmp_path, library):
    ids = fill(library)
    library.export_archive(tmp_path / "export.zip")
    with Library.open(tmp_path / "other") as other:
        mine = other.add_interview(Interview(company="Globex", role="Dev"))
        other.add_mistake(Mistake(asked="Mine", what_went_wrong="mine"))
        own_items = len(other.checklist(mine.id))  # seeds the shipped defaults here too
        q = other.add_question(Question(prompt="Mine too"))
        for _ in range(3):
            take = other.begin_take(q.id, {})
            make_video(take.path, 0.4)
            other.finish_take(take.id, 0.4)
        result = other.import_archive(tmp_path / "export.zip")
        assert not result.kept_ids
        interview = next(i for i in other.list_interviews() if i.company == "Initech")
        assert interview.id != ids["interview"]
        note = other.note_state(interview.id)
        assert note.sent_on == DAY
        items = other.checklist(interview.id)
        assert {i.text for i in items if i.ticked_on} == {ids["first_item"], "Iron the shirt 👔"}
        assert len(items) == own_items + result.counts["checklist_items"]
        assert result.already_present["checklist_items"] > 0  # the defaults, not doubled
        assert [i.ticked_on for i in other.checklist(mine.id)].count(None) == len(items)
        late = next(m for m in other.list_mistakes() if m.what_went_wrong == "late")
        assert any(i.mistake_id == late.id for i in items)
        imported = [t for t in other.list_takes() if t.question_id != q.id]
        assert [c.text for c in other.list_feedback(imported[0].id)] == ["slow down"]
        assert [c.text for c in other.list_feedback(imported[1].id)] == ["better"]
        assert other.get_analysis(imported[1].id) == library.get_analysis(ids["take"])  # words too
        assert other.get_analysis(imported[0].id) is None
        # the pack is known here with the new take ids: its feedback file imports again
        again = other.import_feedback(
            Feedback("a" * 32, "Coach", (Comment(imported[1].id, 0.2, "x"),))
        )
        assert again.takes == (imported[1].id,)
        assert other.check().ok


def test_importing_twice_adds_no_attached_row_twice(tmp_path, library):
    fill(library)
    library.export_archive(tmp_path / "export.zip")
    before = table_rows(library.folder)
    result = library.import_archive(tmp_path / "export.zip")
    assert {t: result.counts[t] for t in ATTACHED} == {t: 0 for t in ATTACHED}
    assert table_rows(library.folder) == before


@pytest.fixture(scope="module")
def full_archive(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("full")
    with Library.open(base / "lib") as lib:
        fill(lib)
        lib.export_archive(base / "full.zip")
    return base / "full.zip"


def crafted(src: Path, dest: Path, sql: str) -> Path:
    with zipfile.ZipFile(src) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    db = dest.with_suffix(".sqlite3")
    db.write_bytes(entries[DB_ENTRY])
    conn = sqlite3.connect(db)
    conn.executescript(sql)
    conn.close()
    entries[DB_ENTRY] = db.read_bytes()
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return dest


LOOSE = "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;"
BAD_ROWS = {
    "feedback time is text": "UPDATE feedback SET at = 'soon'",
    "feedback time is negative": LOOSE + "UPDATE feedback SET at = -1",
    "feedback time is NaN-ish": LOOSE + "UPDATE feedback SET at = 9e999",
    "feedback on a take that is not there": LOOSE + "UPDATE feedback SET take_id = 999",
    "feedback text is a blob": "UPDATE feedback SET text = x'00ff'",
    "feedback text not UTF-8": "UPDATE feedback SET text = CAST(x'c3ff' AS TEXT)",
    "feedback import date unreadable": "UPDATE feedback SET imported = 'yesterday'",
    "pack takes not a list": "UPDATE packs SET takes = '{\"a\": 1}'",
    "pack takes not ids": "UPDATE packs SET takes = '[\"../x\"]'",
    "pack id with a slash": LOOSE + "UPDATE packs SET id = '../../aaaaaaaa'",
    "analysis result not JSON": "UPDATE take_analyses SET result = 'nope'",
    "analysis result a list": "UPDATE take_analyses SET result = '[1]'",
    "analysis version text": "UPDATE take_analyses SET version = 'one'",
    "analysis words not a list": "UPDATE take_analyses SET words = '{}'",
    "analysis of no take": LOOSE + "UPDATE take_analyses SET take_id = 999",
    "checklist list unknown": "UPDATE checklist_items SET list_key = 'evil'",
    "checklist text empty": "UPDATE checklist_items SET text = ''",
    "checklist position text": "UPDATE checklist_items SET position = 'top'",
    "checklist mistake missing": LOOSE + "UPDATE checklist_items SET mistake_id = 999",
    "tick date unreadable": "UPDATE checklist_ticks SET ticked_on = 'monday'",
    "tick of no item": LOOSE + "UPDATE checklist_ticks SET item_id = 999 + item_id",
    "note edited is 7": LOOSE + "UPDATE thank_you_notes SET edited = 7",
    "note sent date unreadable": "UPDATE thank_you_notes SET sent_on = 'later'",
    "note of no interview": LOOSE + "UPDATE thank_you_notes SET interview_id = 999",
    "fact value a blob": "UPDATE library_facts SET value = x'01'",
}


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "backups" not in p.parts
    }


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_bad_attached_rows_refuse_the_archive_and_change_nothing(tmp_path, full_archive, case):
    archive = crafted(full_archive, tmp_path / "crafted.zip", BAD_ROWS[case])
    folder = tmp_path / "lib"
    with Library.open(folder) as lib:
        lib.add_question(Question(prompt="Mine"))
        lib.checklist()
    before = tree(folder)
    with Library.open(folder) as lib, pytest.raises(LibraryError) as err:
        lib.import_archive(archive)
    assert "\n" not in str(err.value)
    assert "crafted.zip" in str(err.value)
    assert tree(folder) == before
