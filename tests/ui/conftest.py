"""Fixtures for UI tests: a real library in tmp_path, settings in a temp file, a runner."""

from __future__ import annotations

import pytest

from taketwo.domain.question import Question
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner

# Before any test module imports the shared helpers, so their asserts explain themselves.
pytest.register_assert_rewrite("tests.support.ui_fixtures")


@pytest.fixture
def settings(tmp_path):
    s = Settings(tmp_path / "settings.ini")
    s.set("size", "320x240")
    s.set("countdown", 0)
    return s


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()


@pytest.fixture
def question(library):
    return library.add_question(
        Question(
            prompt="Why do you want this job?",
            key_points=["the product", "the team"],
            target_seconds=60,
        )
    )


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.shutdown()
