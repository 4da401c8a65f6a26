"""Fixtures for the library (storage) tests.

Use from a test module with ``pytest_plugins = ["tests.support.library_fixtures"]``; media
makers live in :mod:`tests.support.library_media`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from taketwo.domain import Interview, Mistake, MistakeKind, Question
from taketwo.storage import Library


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def library(library_dir: Path) -> Iterator[Library]:
    lib = Library.open(library_dir)
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def question(library: Library) -> Question:
    interview = library.add_interview(Interview(company="Acme", role="Backend engineer"))
    mistake = library.add_mistake(
        Mistake(
            asked="Tell me about a time you disagreed with your manager",
            what_went_wrong="picked a story with no result",
            kind=MistakeKind.WRONG_STAR_STORY,
            interview_id=interview.id,
        )
    )
    assert mistake.id is not None
    return library.add_question_from_mistake(mistake.id)
