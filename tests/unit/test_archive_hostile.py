"""Crafted archives: each is refused with one line and changes nothing, inside the library or
outside it. Rows already in a database that name paths outside the library are left alone."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from taketwo.domain import Question
from taketwo.storage import Library, LibraryError
from tests.support.library_media import make_video

pytest_plugins = ["tests.support.library_fixtures"]
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")

MANIFEST = "taketwo-archive.json"
DB_ENTRY = "library/taketwo.sqlite3"


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with a digest of its bytes (links by their target)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = f"-> {path.readlink()}"
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


@pytest.fixture(scope="module")
def good_archive(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("source")
    with Library.open(base / "lib") as lib:
        question = lib.add_question(Question(prompt="Tell me about yourself"))
        take = lib.begin_take(question.id, {"camera": "demo"})
        make_video(take.path, 0.5)
        lib.finish_take(take.id, 0.5)
        lib.export_archive(base / "good.zip")
    return base / "good.zip"


def rebuild(
    src: Path,
    dest: Path,
    *,
    sql: str | None = None,
    manifest=None,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = (),
    manifest_text: str | None = None,
) -> Path:
    """A copy of ``src`` with its database changed by ``sql``, its manifest changed by
    ``manifest(dict)`` and ``extra`` entries added."""
    with zipfile.ZipFile(src) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    if sql is not None:
        db = dest.with_suffix(".sqlite3")
        db.write_bytes(entries[DB_ENTRY])
        conn = sqlite3.connect(db)
        conn.executescript(sql)
        conn.close()
        entries[DB_ENTRY] = db.read_bytes()
        db.unlink()
    if manifest is not None:
        data = json.loads(entries[MANIFEST])
        entries[MANIFEST] = json.dumps(manifest(data)).encode()
    if manifest_text is not None:
        entries[MANIFEST] = manifest_text.encode()
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return dest


def symlink_entry(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    info.create_system = 3
    return info


def _set(key, value):
    def edit(data):
        data[key] = value
        return data

    return edit


def _files(key):
    def edit(data):
        data["files"][key] = 10
        return data

    return edit


FOLDER = "UPDATE questions SET folder = '{}'"
FILE = "UPDATE takes SET file_name = '{}'"
CASES = {
    "question folder with ..": dict(sql=FOLDER.format("../../outside")),
    "absolute question folder": dict(sql=FOLDER.format("/tmp/outside")),
    "hidden question folder": dict(sql=FOLDER.format(".import-staging")),
    "take file with ..": dict(sql=FILE.format("../../../outside.mp4")),
    "absolute take file": dict(sql=FILE.format("/tmp/outside.mp4")),
    "take file not media": dict(sql=FILE.format("notes.sh")),
    "manifest file with ..": dict(manifest=_files("media/../../outside.mp4")),
    "absolute manifest file": dict(manifest=_files("/etc/passwd")),
    "entry with ..": dict(extra=[("library/media/../../outside.mp4", b"x")]),
    "absolute entry": dict(extra=[("/tmp/outside.mp4", b"x")]),
    "entry outside media": dict(extra=[("library/backups/evil.sqlite3", b"x")]),
    "symlink entry": dict(
        extra=[(symlink_entry("library/media/link.mp4", "/etc/passwd"), b"/etc/passwd")]
    ),
    "schema is text": dict(manifest=_set("schema", "abc")),
    "schema is null": dict(manifest=_set("schema", None)),
    "schema is a list": dict(manifest=_set("schema", [1])),
    "schema is true": dict(manifest=_set("schema", True)),
    "format_version is text": dict(manifest=_set("format_version", "1")),
    "files is a list": dict(manifest=_set("files", ["a"])),
    "manifest from a newer Take Two": dict(manifest=_set("schema", 10_000)),
    "database newer than its manifest": dict(sql=f"PRAGMA user_version = {10_000}"),
    "database older than its manifest": dict(sql="PRAGMA user_version = 1"),
    "dangling foreign key": dict(
        sql="PRAGMA foreign_keys = OFF; UPDATE takes SET question_id = 999"
    ),
    "unreadable date": dict(sql="UPDATE questions SET created = 'yesterday'"),
    "an extra column": dict(sql="ALTER TABLE takes ADD COLUMN evil TEXT DEFAULT 'x'", expect="ok"),
    "a prompt that is NULL": dict(
        sql="PRAGMA foreign_keys = OFF; CREATE TABLE q2 AS SELECT"
        " * FROM questions; DROP TABLE questions; ALTER TABLE q2"
        " RENAME TO questions; UPDATE questions SET prompt = NULL"
    ),
    "take id 2^60-1": dict(sql=f"UPDATE takes SET id = {2**60 - 1}"),
    "manifest nested 100,000 deep": dict(
        manifest_text='{"x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    ),
    "a duplicate database entry": dict(extra=[(DB_ENTRY, b"garbage")]),
    "state not a state": dict(
        sql="PRAGMA ignore_check_constraints = ON; UPDATE takes SET state = 'evil'"
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_crafted_archive_changes_nothing_anywhere(tmp_path, good_archive, case):
    options = dict(CASES[case])
    if options.pop("expect", None) == "ok":  # harmless oddities import as usual
        archive = rebuild(good_archive, tmp_path / "crafted.zip", **options)
        with Library.open(tmp_path / "lib") as lib:
            lib.import_archive(archive)
            assert len(lib.list_takes()) == 1
        return
    archive = rebuild(good_archive, tmp_path / "crafted.zip", **options)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious")
    with Library.open(tmp_path / "lib") as lib:
        lib.add_question(Question(prompt="Mine"))
    before = tree(tmp_path)
    with Library.open(tmp_path / "lib") as lib, pytest.raises(LibraryError) as err:
        lib.import_archive(archive)
    message = str(err.value)
    assert "\n" not in message
    assert "crafted.zip" in message or "archive" in message
    after = tree(tmp_path)
    after = {k: v for k, v in after.items() if not k.startswith("lib/backups/")}
    before = {k: v for k, v in before.items() if not k.startswith("lib/backups/")}
    # The database file may be checkpointed on close; its rows are what must not change.
    for name in ("lib/taketwo.sqlite3", "lib/taketwo.sqlite3-wal", "lib/taketwo.sqlite3-shm"):
        before.pop(name, None)
        after.pop(name, None)
    assert after == before
    with Library.open(tmp_path / "lib", readonly=True) as lib:
        assert [s.question.prompt for s in lib.list_questions(include_trashed=True)] == ["Mine"]
        assert lib.list_takes(include_trashed=True) == []


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, good_archive):
    bomb = rebuild(
        good_archive,
        tmp_path / "bomb.zip",
        extra=[("library/media/0001-tell-me-about-yourself/big.mp4", bytes(64 << 20))],
    )
    assert bomb.stat().st_size < 2 << 20  # small on disk
    with Library.open(tmp_path / "lib") as lib:
        before = tree(lib.folder / "media")
        with pytest.raises(LibraryError, match="zip bomb"):
            lib.import_archive(bomb)
        assert tree(lib.folder / "media") == before
        assert not (lib.folder / ".import-staging").exists()


def test_a_duplicate_media_entry_is_refused(tmp_path, good_archive):
    with zipfile.ZipFile(good_archive) as zf:
        media = next(n for n in zf.namelist() if n.endswith(".mp4"))
    archive = rebuild(good_archive, tmp_path / "dup.zip", extra=[(media, b"garbage")])
    with Library.open(tmp_path / "lib") as lib, pytest.raises(LibraryError, match="twice"):
        lib.import_archive(archive)


def test_many_entries_each_under_the_bomb_limit_are_refused_together(tmp_path, good_archive):
    folder = "library/media/0001-tell-me-about-yourself"
    extra = [(f"{folder}/zeros-{i:03d}.mp4", bytes(12 << 20)) for i in range(4)]
    archive = rebuild(good_archive, tmp_path / "many.zip", extra=extra)
    with Library.open(tmp_path / "lib") as lib:
        with pytest.raises(LibraryError, match="zip bomb"):
            lib.import_archive(archive)
        assert not (lib.folder / ".import-staging").exists()


def test_an_archive_from_a_sibling_copy_of_the_library_imports(tmp_path):
    with Library.open(tmp_path / "a") as lib:
        question = lib.add_question(Question(prompt="Why us?"))
        take = lib.begin_take(question.id, {})
        make_video(take.path, 0.5)
        lib.finish_take(take.id, 0.5)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    for name, seconds in (("b", 0.7), ("a", 0.9)):  # both record take 2 after the copy
        with Library.open(tmp_path / name) as lib:
            take = lib.begin_take(question.id, {})
            make_video(take.path, seconds)
            lib.finish_take(take.id, seconds)
            lib.star_take(take.id)
            if name == "b":
                lib.export_archive(tmp_path / "b.zip")
    with Library.open(tmp_path / "a") as lib:
        summary = lib.import_archive(tmp_path / "b.zip")
        takes = lib.list_takes(question.id)
        assert summary.counts["takes"] == 1
        assert [t.number for t in takes] == [1, 2, 3]
        assert all(t.path.is_file() for t in takes)
        assert sum(t.starred for t in takes) == 1
        assert lib.check().findings == []


def test_an_archive_larger_than_the_free_space_is_refused(tmp_path, good_archive, monkeypatch):
    from taketwo.storage import archive_rules

    monkeypatch.setattr(
        archive_rules.shutil, "disk_usage", lambda _: shutil._ntuple_diskusage(10**9, 10**9, 1000)
    )
    with Library.open(tmp_path / "lib") as lib, pytest.raises(LibraryError, match="free"):
        lib.import_archive(good_archive)


def test_a_hostile_row_already_in_the_database_cannot_escape(tmp_path, library):
    """A folder name of ``../..`` written straight into the database: trash, purge, empty,
    record and check all leave the outside alone."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "take-001-x.mp4"
    victim.write_bytes(b"not the library's")
    question = library.add_question(Question(prompt="Hostile"))
    take = library.begin_take(question.id, {})
    make_video(take.path, 0.3)
    library.finish_take(take.id, 0.3)
    hostile = f"../../{outside.name}"
    with library._writing() as conn:
        conn.execute("UPDATE questions SET folder = ? WHERE id = ?", (hostile, question.id))
        conn.execute("UPDATE takes SET file_name = 'take-001-x.mp4' WHERE id = ?", (take.id,))
    assert library.get_take(take.id).path is None  # listed, but no path to act on
    for action in (
        lambda: library.trash_question(question.id),
        lambda: library.begin_take(question.id, {}),
        lambda: library.write_sidecar(take.id, {"x": 1}),
    ):
        with pytest.raises(LibraryError, match="outside|plain name"):
            action()
    with library._writing() as conn:
        conn.execute("UPDATE questions SET trashed_at = '2026-01-01T00:00:00.000000+00:00'")
    with pytest.raises(LibraryError):
        library.empty_trash()
    report = library.check(repair=True)
    assert any(f.kind == "unsafe_path" and not f.fixed for f in report.findings)
    assert victim.read_bytes() == b"not the library's"
    assert sorted(p.name for p in outside.iterdir()) == ["take-001-x.mp4"]


def test_a_symlinked_question_folder_is_not_followed_out(tmp_path, library):
    outside = tmp_path / "outside"
    outside.mkdir()
    question = library.add_question(Question(prompt="Linked"))
    (library.folder / "media" / question.folder).symlink_to(outside)
    with pytest.raises(LibraryError, match="outside"):
        library.begin_take(question.id, {})
    assert list(outside.iterdir()) == []
