"""A coach's feedback file is untrusted: re-importing never loses comments the user has, and
impossible times, broken text, deep nesting and FIFOs are refused in one line."""

from __future__ import annotations

import json
import os
import threading

import pytest

from taketwo.domain import Question
from taketwo.storage import Library
from taketwo.storage.feedback import FeedbackError, parse_feedback
from taketwo.workflow.feedback import import_feedback_file
from tests.support.library_media import make_video

PACK = "abcdefgh1234"


@pytest.fixture
def lib(tmp_path):
    with Library.open(tmp_path / "library") as library:
        q = library.add_question(Question(prompt="Why us?"))
        take = library.begin_take(q.id, {})
        make_video(take.path, 1.0)
        library.finish_take(take.id, 1.0)
        library.record_pack(PACK, [take.id])
        yield library


def feedback(*comments, raw=None) -> bytes:
    data = {"format": "taketwo-feedback", "version": 1, "pack_id": PACK, "coach": "Sam"}
    data["comments"] = [{"take_id": 1, "at": at, "text": text} for at, text in comments]
    return (raw or json.dumps(data)).encode()


def test_reimporting_never_loses_comments(lib):
    lib.import_feedback(parse_feedback(feedback((0.2, "one"), (0.5, "two"))))
    again = lib.import_feedback(parse_feedback(feedback((0.2, "one"), (0.5, "two"))))
    assert (again.comments, again.already_present) == (0, 2)
    lib.import_feedback(parse_feedback(feedback()))  # an empty file from the same pack
    lib.import_feedback(parse_feedback(feedback((0.7, "three"))))
    assert [c.text for c in lib.list_feedback(1)] == ["one", "two", "three"]


def test_a_comment_past_the_end_of_the_take_is_refused(lib):
    with pytest.raises(FeedbackError, match="past the end of take 1"):
        lib.import_feedback(parse_feedback(feedback((1e308, "far away"))))
    assert lib.list_feedback(1) == []


def test_a_lone_surrogate_is_refused_in_one_line():
    raw = feedback((0.1, "x")).replace(b'"x"', b'"\\ud800"')
    with pytest.raises(FeedbackError, match="not valid Unicode"):
        parse_feedback(raw)


def test_deep_nesting_is_refused_before_parsing():
    raw = b'{"format": "taketwo-feedback", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(FeedbackError, match="nests more than"):
        parse_feedback(raw)


def test_a_fifo_is_refused_without_hanging(lib, tmp_path):
    fifo = tmp_path / "feedback.json"
    os.mkfifo(fifo)
    result = {}

    def run():
        try:
            import_feedback_file(lib, fifo)
        except FeedbackError as exc:
            result["error"] = str(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # let the hung reader go before failing
        with open(fifo, "wb"):
            pass
        worker.join()
        pytest.fail("reading a FIFO hung")
    assert "not a regular file" in result["error"]
