"""Finding the words model, in order, and refusing one whose SHA-256 is not the expected one.
Small stand-in files play the model here; tests/integration/test_words.py loads the real one."""

from __future__ import annotations

import hashlib
import importlib
import stat
import sys

import pytest

from taketwo.analysis import words_model
from taketwo.analysis.words_model import (
    MISSING,
    WordsUnavailable,
    find_model,
    locate_model,
    model_status,
)

HALVES = (b"first half of the weights|", b"second half")
WHOLE = b"".join(HALVES)


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No real model anywhere: an empty hub cache, no packages, no folder from the environment."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.delenv(words_model.ENV_FOLDER, raising=False)
    monkeypatch.setattr(words_model, "PACKAGES", ())
    monkeypatch.setattr(words_model, "KNOWN_MODELS", {hashlib.sha256(WHOLE).hexdigest(): "Fake"})
    return tmp_path


def make_packages(root, halves=HALVES):
    for n, half in enumerate(halves, 1):
        data = root / f"fake_words_part{n}" / "data"
        data.mkdir(parents=True)
        (data.parent / "__init__.py").write_text("")
        (data / f"model.bin.part{n}").write_bytes(half)
        if n == 1:
            (data / "config.json").write_text("{}")
            (data / "tokenizer.json").write_text("{}")
    return ("fake_words_part1", "fake_words_part2")


@pytest.fixture
def packaged(isolated, monkeypatch):
    site = isolated / "site"
    names = make_packages(site)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    monkeypatch.setattr(words_model, "PACKAGES", (names,))
    yield site
    for name in names:
        sys.modules.pop(name, None)


def make_hub(root, content=WHOLE, size="base", honest=True):
    repo = root / "hub" / f"models--Systran--faster-whisper-{size}"
    blob = repo / "blobs" / (hashlib.sha256(content if honest else b"other").hexdigest())
    blob.parent.mkdir(parents=True)
    blob.write_bytes(content)
    snapshot = repo / "snapshots" / "abc123"
    snapshot.mkdir(parents=True)
    (snapshot / "model.bin").symlink_to(blob)
    return snapshot


def test_nothing_installed_says_in_one_line_how_to_add_words(isolated):
    with pytest.raises(WordsUnavailable) as caught:
        locate_model()
    assert str(caught.value) == MISSING
    assert "pip install 'taketwo[words]'" in MISSING
    assert "\n" not in MISSING
    assert model_status() == MISSING


def test_the_package_halves_are_joined_once_checked_and_private(packaged, tmp_path):
    cache = tmp_path / "cache"
    model = find_model(cache=cache)
    assert (model.path / "model.bin").read_bytes() == WHOLE
    assert (model.path / "config.json").is_file()
    assert model.sha256 == hashlib.sha256(WHOLE).hexdigest()
    assert stat.S_IMODE(model.path.stat().st_mode) == 0o700
    assert stat.S_IMODE((model.path / "model.bin").stat().st_mode) == 0o600
    again = find_model(cache=cache)
    assert again.path == model.path
    assert list(model.path.glob(".model-*")) == []  # no temporary file left behind


def test_a_damaged_half_is_refused_and_nothing_is_put_in_place(packaged, tmp_path):
    (packaged / "fake_words_part2" / "data" / "model.bin.part2").write_bytes(b"second hal!")
    with pytest.raises(WordsUnavailable, match="damaged or not one Take Two knows") as caught:
        find_model(cache=tmp_path / "cache")
    assert "pip install" in str(caught.value)
    assert list((tmp_path / "cache").rglob("model.bin")) == []


def test_a_joined_file_damaged_later_is_caught_before_loading(packaged, tmp_path):
    model = find_model(cache=tmp_path / "cache")
    (model.path / "model.bin").write_bytes(b"x" * len(WHOLE))
    again = find_model(cache=tmp_path / "cache")  # re-joined from the good halves
    assert (again.path / "model.bin").read_bytes() == WHOLE


def test_lookup_order_folder_then_package_then_hub(packaged, isolated, monkeypatch):
    make_hub(isolated)
    assert "package" in locate_model().origin
    folder = isolated / "chosen"
    folder.mkdir()
    (folder / "model.bin").write_bytes(WHOLE)
    assert locate_model(folder).origin == f"the folder {folder}"
    monkeypatch.setenv(words_model.ENV_FOLDER, str(folder))
    assert locate_model().origin == f"the folder {folder}"
    monkeypatch.setattr(words_model, "PACKAGES", ())
    monkeypatch.delenv(words_model.ENV_FOLDER)
    assert "Hugging Face cache" in locate_model().origin


def test_a_hub_model_is_checked_against_its_content_address(isolated, tmp_path):
    make_hub(isolated)
    assert find_model().name == "Whisper base"
    (tmp_path / "hub").rename(tmp_path / "old")
    make_hub(isolated, honest=False)  # the blob's name is not its content's hash
    with pytest.raises(WordsUnavailable, match="damaged"):
        find_model()


def test_a_chosen_folder_without_a_known_model_is_refused_in_one_line(isolated):
    with pytest.raises(WordsUnavailable, match="does not exist"):
        locate_model(isolated / "nowhere")
    empty = isolated / "empty"
    empty.mkdir()
    with pytest.raises(WordsUnavailable, match="holds no model.bin"):
        locate_model(empty)
    (empty / "model.bin").write_bytes(b"someone else's weights")
    with pytest.raises(WordsUnavailable, match="not one Take Two knows"):
        find_model(empty)
