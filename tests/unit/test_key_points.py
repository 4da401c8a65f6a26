"""Key points said or not, fillers and pace, from a transcript's words: plain functions."""

from __future__ import annotations

import pytest

from taketwo.analysis.explain import describe, word_rows
from taketwo.analysis.fillers import fillers, pace, possible_fillers
from taketwo.analysis.key_points import check_point, check_points, stem


def timed(text: str, every: float = 0.5) -> list[tuple[str, float]]:
    return [(w, round(i * every, 2)) for i, w in enumerate(text.split())]


def words(text: str) -> list[dict[str, object]]:
    return [{"word": w, "start": t, "end": t + 0.4} for w, t in timed(text)]


ANSWER = (
    "So at my last job I led the billing team through a rewrite. Um, we reduced support "
    "costs by half within a year, and I mentored two junior engineers who were later promoted."
)

CASES = [
    # (key point, said?) against ANSWER
    ("led the billing team", True),  # word for word
    ("Leading the billing team", True),  # another form of the same words
    ("cut support costs by half", True),  # one of four content words missing ("cut")
    ("reduce the cost of support", True),  # stems: reduced/reduce, costs/cost; order differs
    ("mentoring junior engineers", True),
    ("helped two engineers get promoted", True),  # "helped" missing: four may miss one
    ("hired a new engineer", False),  # only one of three is there
    ("migrated the database to the cloud", False),
    ("impact", False),
    ("billing", True),  # one word, said
    ("costs of hiring", False),  # two content words need both
    ("the a of", False),  # no content words: never said
]


@pytest.mark.parametrize(("point", "said"), CASES)
def test_a_key_point_is_said_by_its_content_words_with_stems_and_a_word_of_slack(point, said):
    assert check_point(point, timed(ANSWER)).said is said


def test_a_said_point_knows_when_and_words_far_apart_do_not_make_a_point():
    check = check_point("reduced support costs", timed(ANSWER))
    assert check.at == pytest.approx(ANSWER.split().index("reduced") * 0.5)
    chat = "and then we talked about other things "
    scattered = "reduced " + chat * 3 + "support " + chat * 3 + "costs"
    assert not check_point("reduced support costs", timed(scattered)).said
    assert [c.said for c in check_points(["billing", " ", "cloud"], timed(ANSWER))] == [True, False]


def test_stems_match_word_forms():
    assert stem("reduced") == stem("reducing") == stem("reduces")
    assert stem("planned") == stem("plans")
    assert stem("costs") == stem("cost")


def test_fillers_and_possible_fillers_are_english_only_and_timed():
    said = words("Um, I would like to, uh, say that, like, you know, hmm. Erm")
    assert [(f["word"], f["start"]) for f in fillers(said, "en")] == [
        ("um", 0.0),
        ("uh", 2.5),
        ("hmm", 5.5),
        ("erm", 6.0),
    ]
    assert [f["word"] for f in possible_fillers(said, "en")] == ["like", "you know"]
    assert fillers(said, "de") == []
    assert possible_fillers(said, "de") == []


def test_pace_from_words_and_when_it_disagrees_with_the_syllables():
    said = words("um we cut costs by half in one year")  # 8 words and a filler
    assert pace(said, 4.0, {"wpm_low": 100, "wpm_high": 140}) == {
        "wpm": 120,
        "syllable_wpm": 120,
        "disagree": False,
    }
    assert pace(said, 4.0, {"wpm_low": 150, "wpm_high": 170})["disagree"]  # 120 vs 160
    assert pace([], 4.0, None) is None


def test_review_rows_say_fillers_key_points_and_why_words_are_missing():
    result = {
        "duration_s": 60.0,
        "transcript": {"text": "um", "language": "en", "words": []},
        "fillers": [{"word": "um", "start": 1.0}, {"word": "um", "start": 9.0}],
        "possible_fillers": [{"word": "like", "start": 3.0}],
        "fillers_per_min": 2.0,
        "key_points": [
            {"point": "billing", "said": True, "at": 42.0},
            {"point": "impact", "said": False, "at": None},
        ],
    }
    rows = {label: (value, why) for label, value, why in word_rows(result)}
    assert rows["Fillers"][0] == "um ×2 (2 a minute)"
    assert "1 “like”/“you know”" in rows["Fillers"][1]
    assert rows["Key points"] == ("1 of 2 said", "Missed: impact")
    german = {**result, "transcript": {"language": "de", "text": "", "words": []}}
    assert "Fillers" not in {label for label, _v, _w in word_rows(german)}
    missing = {"duration_s": 60.0, "transcript": None, "words_note": "Words are off: add it"}
    assert ("Words", "", "Words are off: add it") in describe(missing)


def test_long_takes_are_cut_into_windows_in_the_pauses_and_silence_is_left_out():
    from taketwo.analysis.transcript import PAD_S, plan_windows

    # 2 hours: 20-s utterances with 4-s pauses, and a silent hour in the middle.
    spans = [(t, t + 20.0) for t in range(0, 3600, 24)]
    spans += [(t, t + 20.0) for t in range(5400, 7200 - 24, 24)]
    windows = plan_windows(spans, 7200.0, window_s=240.0)
    assert all(e - s <= 240.0 for s, e in windows)
    assert all(a[1] <= b[0] for a, b in zip(windows, windows[1:], strict=False))
    for s, e in spans:  # every word inside a window...
        assert any(ws <= s and e <= we for ws, we in windows)
    for ws, we in windows:  # ...and no cut through speech
        assert not any(s < ws < e or s < we < e for s, e in spans)
    assert not any(3620 + PAD_S < ws < 5400 - PAD_S for ws, _ in windows)  # the silent hour
    assert plan_windows([], 60.0) == []
    assert plan_windows([(1.0, 500.0)], 600.0) == [(1.0 - PAD_S, 500.0 + PAD_S)]  # one long span


def test_the_pace_row_counts_words_and_says_when_the_syllables_disagree():
    base = {"rate": {"wpm_low": 150, "wpm_high": 170, "syllables_per_s": 4.0}}
    rows = {
        label: (v, why)
        for label, v, why in describe({**base, "pace": {"wpm": 120, "disagree": True}})
    }
    assert rows["Pace"][0] == "120 words/min (counted from the words)"
    assert "more than 15 % apart" in rows["Pace"][1]
    rows = {label: (v, why) for label, v, why in describe(base)}
    assert rows["Pace"][0].startswith("about 150-170 words/min")


def test_a_spilled_sound_reads_back_the_same_windows():
    import numpy as np

    from taketwo.analysis.transcript import SpilledSound, _window

    sound = np.random.default_rng(1).standard_normal(50_000).astype(np.float32)
    spilled = SpilledSound(sound)
    try:
        assert len(spilled) == 50_000
        for first, last in ((0, 10), (16_000, 32_000), (-5, 3), (49_990, 60_000), (70_000, 80_000)):
            assert np.array_equal(_window(spilled, first, last), _window(sound, first, last))
    finally:
        spilled.close()
