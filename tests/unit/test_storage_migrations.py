"""Every earlier schema version migrates to the current one, with a backup first and no loss."""

from __future__ import annotations

import sqlite3

import pytest

from taketwo.storage import Library, LibraryError, list_backups, schema
from taketwo.storage.layout import LibraryLayout
from taketwo.storage.schema import Migration, latest_version, migrate, migrations

# Data a library at each schema version may hold, written with that version's SQL. A new
# migration must come with a seed for the version before it (the test below insists).
SEEDS = {
    1: """
    INSERT INTO interviews (id, company, role, date, stage, interviewers, notes, outcome, created)
    VALUES (1, 'Acme', 'SRE', '2026-03-01', 'onsite', '["Ann","Bo"]', 'asked about relocation',
            'pending', '2026-03-01T10:00:00.000000+00:00');
    INSERT INTO mistakes (id, interview_id, asked, what_went_wrong, kind, do_or_die,
                          recovery_plan, resolution, status, created)
    VALUES (1, 1, 'Why leave?', 'sounded bitter', 'delivery', 1, 'practise a neutral story', '',
            'open', '2026-03-01T11:00:00.000000+00:00');
    INSERT INTO questions (id, prompt, key_points, folder, source, mistake_id, created)
    VALUES (1, 'Why are you leaving your job?', '["growth","no blame"]', '0001-why-leave',
            'mistake', 1, '2026-03-02T09:00:00.000000+00:00');
    INSERT INTO takes (id, question_id, number, file_name, state, duration, notes, transcript,
                       comfort, starred, created)
    VALUES (1, 1, 1, 'take-001-2026-03-02_0900.mp4', 'final', 42.5, 'too long', 'I am leaving',
            3, 1, '2026-03-02T09:00:00.000000+00:00'),
           (2, 1, 2, 'take-002-2026-03-02_0910.mp4', 'recording', NULL, '', '', NULL, 0,
            '2026-03-02T09:10:00.000000+00:00');
    """,
}
SEEDS[2] = SEEDS[1]  # the search index added no columns: the same rows do
SEEDS[3] = SEEDS[1]  # the debrief added columns with defaults and tables of its own
SEEDS[4] = SEEDS[1]  # feedback: tables of its own
SEEDS[5] = SEEDS[1]  # analyses: a table of its own
SEEDS[6] = (
    SEEDS[1]
    + """
    UPDATE mistakes SET question_id = 1 WHERE id = 1;
    INSERT INTO take_analyses (take_id, version, analyzed, result, error)
    VALUES (1, 2, '2026-03-02T09:05:00.000000+00:00', '{"version": 2, "duration_s": 42.5}', '');
    """
)  # words: a column with a default on take_analyses (v6 links a mistake to its question)


def build(path, version):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=version)
    if version in SEEDS:
        conn.executescript(SEEDS[version])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()


def test_every_earlier_version_has_seed_data():
    assert set(SEEDS) == set(range(1, latest_version())), "add a seed for the new version"
    assert [m.version for m in migrations()] == list(range(1, latest_version() + 1))


@pytest.mark.parametrize("version", range(latest_version()))
def test_migrates_from_every_earlier_version(tmp_path, version):
    folder = tmp_path / "library"
    folder.mkdir()
    build(folder / "taketwo.sqlite3", version)
    with Library.open(folder) as lib:
        assert lib.schema_version() == latest_version()
        if version == 0:
            return
        [take, recording] = lib.list_takes()
        assert (take.duration, take.notes, take.comfort, take.starred) == (
            42.5,
            "too long",
            3,
            True,
        )
        assert recording.state.value == "recording"  # left for `library check` to recover
        question = lib.get_question(1)
        assert question.key_points == ["growth", "no blame"]
        assert lib.get_mistake(1).do_or_die
        # A practice question made before links were kept is linked by the migration.
        assert lib.get_mistake(1).question_id == 1
        assert lib.practice(1).question.id == 1
        assert lib.get_interview(1).note_topics == ""
        assert lib.get_interview(1).interviewers == ["Ann", "Bo"]
        # Rows that existed before the search index are searchable after it.
        assert {(h.kind, h.id) for h in lib.search("relocation")} == {("interview", 1)}
        assert {(h.kind, h.id) for h in lib.search("leaving")} >= {("question", 1), ("take", 1)}
        assert lib.check().integrity_ok
        if version == 6:  # an analysis from before words keeps its numbers, with no words
            assert lib.get_analysis(1) == {"version": 2, "duration_s": 42.5}
    backups = [b for b in list_backups(LibraryLayout(folder)) if b.reason.startswith("migration")]
    assert len(backups) == 1
    old = sqlite3.connect(backups[0].path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == version
    assert old.execute("SELECT count(*) FROM takes").fetchone()[0] == 2
    old.close()


def test_a_fresh_library_is_created_at_the_latest_version_without_backups(tmp_path):
    with Library.open(tmp_path / "new") as lib:
        assert lib.schema_version() == latest_version()
    assert list_backups(LibraryLayout(tmp_path / "new")) == []


def test_a_library_from_a_newer_take_two_is_left_alone(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    build(folder / "taketwo.sqlite3", latest_version())
    conn = sqlite3.connect(folder / "taketwo.sqlite3")
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer Take Two"):
        Library.open(folder)
    conn = sqlite3.connect(folder / "taketwo.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version() + 1
    conn.close()


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    folder = tmp_path / "library"
    folder.mkdir()
    build(folder / "taketwo.sqlite3", latest_version())
    broken = Migration(
        latest_version() + 1,
        "9999_broken.sql",
        "ALTER TABLE takes ADD COLUMN mood TEXT;\nINSERT INTO nowhere VALUES (1);",
    )
    monkeypatch.setattr(schema, "migrations", lambda: (*migrations(), broken))
    with pytest.raises(LibraryError, match="nowhere.*left unchanged"):
        Library.open(folder)
    monkeypatch.undo()
    conn = sqlite3.connect(folder / "taketwo.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    columns = {r[1] for r in conn.execute("PRAGMA table_info(takes)")}
    assert "mood" not in columns
    conn.close()
    with Library.open(folder) as lib:  # and the lock was released
        assert lib.schema_version() == latest_version()
