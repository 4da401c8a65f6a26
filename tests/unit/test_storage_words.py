"""A transcript's words are stored beside the analysis (migration 7), given back in the shape the
analysis wrote them, searchable by their text, and never taken from a damaged row."""

from __future__ import annotations

import json

from tests.unit.test_storage_search import finished_take

pytest_plugins = ["tests.support.library_fixtures"]

WORDS = [
    {"word": "Um,", "start": 0.5, "end": 0.7},
    {"word": "we", "start": 0.9, "end": 1.0},
    {"word": "halved", "start": 1.0, "end": 1.4},
    {"word": "latency", "start": 1.4, "end": 2.0},
]


def analysed(words=WORDS):
    return {
        "version": 3,
        "duration_s": 3.0,
        "transcript": {"text": "Um, we halved latency", "language": "en", "words": words},
        "fillers": [{"word": "um", "start": 0.5}],
    }


def test_words_round_trip_apart_from_the_result_and_the_text_is_searchable(library, question):
    take = finished_take(library, question)
    library.save_analysis(take.id, analysed())
    assert library.get_analysis(take.id) == analysed()
    row = library._conn.execute(
        "SELECT result, words FROM take_analyses WHERE take_id = ?", (take.id,)
    ).fetchone()
    assert "words" not in json.loads(row["result"])["transcript"]  # lists of results stay small
    assert json.loads(row["words"])[2] == ["halved", 1.0, 1.4]
    listed = library.analyses_for_question(question.id)[take.id]
    assert "words" not in listed["transcript"]
    assert [(h.kind, h.id) for h in library.search("latency")] == [("take", take.id)]
    sidecar = json.loads(take.sidecar_path.read_text())
    assert sidecar["analysis"]["transcript"]["words"] == WORDS  # the file carries them too


def test_a_failed_analysis_keeps_the_searchable_text_and_bad_words_are_left_out(library, question):
    take = finished_take(library, question)
    library.save_analysis(take.id, analysed())
    library.save_analysis(take.id, {"version": 3}, error="the file is damaged")
    assert library.get_analysis(take.id) is None
    assert library.get_take(take.id).transcript == "Um, we halved latency"
    library.save_analysis(take.id, analysed())
    library._conn.execute(
        "UPDATE take_analyses SET words = ? WHERE take_id = ?",
        ('[["ok", 1, 2], ["bad", "x", 2], [3, 1, 2], "nope", ["short", 1]]', take.id),
    )
    assert library.get_analysis(take.id)["transcript"]["words"] == [
        {"word": "ok", "start": 1, "end": 2}
    ]
    library._conn.execute(
        "UPDATE take_analyses SET words = 'not json' WHERE take_id = ?", (take.id,)
    )
    assert library.get_analysis(take.id)["transcript"]["words"] == []
