"""Import is idempotent (takes recognised by their media) and all-or-nothing across a crash."""

from __future__ import annotations

import pytest

from taketwo.storage import Library
from taketwo.storage import archive as archive_module
from tests.unit.test_storage_archive import fill

pytest_plugins = ["tests.support.library_fixtures"]


def counts(lib):
    return (
        len(lib.list_interviews()),
        len(lib.list_mistakes()),
        len(lib.list_questions(include_trashed=True)),
        len(lib.list_takes(include_trashed=True)),
        sorted(
            p.relative_to(lib.folder).as_posix()
            for p in lib.folder.rglob("*")
            if p.is_file() and "backups" not in p.parts and not p.name.startswith("taketwo.")
        ),
    )


@pytest.mark.parametrize("into", ["empty", "the same library"])
def test_importing_one_archive_twice_leaves_the_same_counts(tmp_path, library, into):
    fill(library)
    library.export_archive(tmp_path / "backup.zip")
    target = library if into == "the same library" else Library.open(tmp_path / "other")
    try:
        if into == "empty":
            target.import_archive(tmp_path / "backup.zip")
        once = counts(target)
        again = target.import_archive(tmp_path / "backup.zip")
        assert counts(target) == once
        assert sum(again.counts.values()) == 0
        assert again.already_present["takes"] == 5
        assert again.already_present["questions"] == 3
        assert target.check().ok
    finally:
        if target is not library:
            target.close()


def _crash(monkeypatch, where):
    """Make the import die at ``where`` the way a killed process would: no clean-up runs."""

    def die(*_args, **_kwargs):
        raise SystemExit("killed")

    monkeypatch.setattr(archive_module, where, die)
    monkeypatch.setattr(archive_module.shutil, "rmtree", lambda *a, **k: None)


@pytest.mark.parametrize("where", ["write_journal", "apply_moves"])
def test_a_crash_mid_import_is_settled_by_check(tmp_path, library, monkeypatch, where):
    fill(library)
    library.export_archive(tmp_path / "backup.zip")
    with Library.open(tmp_path / "other") as other:
        with monkeypatch.context() as patch:
            _crash(patch, where)
            with pytest.raises(SystemExit):
                other.import_archive(tmp_path / "backup.zip")
        staging = other.folder / ".import-staging"
        assert staging.is_dir()
        report = other.check()
        assert [f.kind for f in report.findings if f.kind == "interrupted_import"]
        report = other.check(repair=True)
        assert not staging.exists()
        if where == "write_journal":  # before the commit: nothing was added
            assert counts(other)[:4] == (0, 0, 0, 0)
        else:  # after it: the files are put where the rows expect them
            assert counts(other)[3] == 5
        assert other.check().ok
        other.import_archive(tmp_path / "backup.zip")
        assert counts(other)[:4] == (1, 1, 3, 5)
