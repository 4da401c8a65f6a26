"""plan_export: which parts of a clip are copied and which re-encoded, decided without I/O."""

from __future__ import annotations

import pytest

from taketwo.media.export import ExportError, Segment, SourceFacts, plan_export

FRAME = 1 / 30
# A 60-s take with a keyframe every second, shifted like the recorder's (AAC priming).
KEYS = tuple(0.0 if k == 0 else k + 0.021354 for k in range(60))
FACTS = SourceFacts(duration=60.0, keyframes=KEYS, frame_duration=FRAME)


def kinds(plan):
    return [s.kind for s in plan.segments]


def test_middle_is_copied_and_only_the_partial_gops_are_encoded():
    plan = plan_export(FACTS, 20.5, 30.5)
    assert kinds(plan) == ["encode", "copy", "encode"]
    assert plan.segments[0] == Segment("encode", 20.5, KEYS[21])
    assert plan.segments[1] == Segment("copy", KEYS[21], KEYS[30])
    assert plan.segments[2] == Segment("encode", KEYS[30], 30.5)
    assert plan.encoded_seconds < 1.1


def test_start_exactly_on_a_keyframe_needs_no_head():
    plan = plan_export(FACTS, KEYS[10], 20.5)
    assert kinds(plan) == ["copy", "encode"]
    assert plan.segments[0].start == KEYS[10]


@pytest.mark.parametrize("delta", [-FRAME, FRAME])
def test_start_a_frame_off_a_keyframe_encodes_that_edge(delta):
    plan = plan_export(FACTS, KEYS[10] + delta, 20.5)
    assert kinds(plan) == ["encode", "copy", "encode"]
    head = plan.segments[0]
    assert head.start == pytest.approx(KEYS[10] + delta)
    assert head.end == (KEYS[10] if delta < 0 else KEYS[11])


def test_end_exactly_on_a_keyframe_needs_no_tail():
    plan = plan_export(FACTS, KEYS[10], KEYS[20])
    assert kinds(plan) == ["copy"]
    assert plan.segments[0] == Segment("copy", KEYS[10], KEYS[20])


def test_end_just_after_a_keyframe_encodes_a_one_frame_tail():
    plan = plan_export(FACTS, KEYS[10], KEYS[20] + FRAME)
    assert kinds(plan) == ["copy", "encode"]
    assert plan.segments[-1] == Segment("encode", KEYS[20], KEYS[20] + FRAME)


def test_end_just_before_a_keyframe_encodes_the_partial_last_gop():
    plan = plan_export(FACTS, KEYS[10], KEYS[20] - FRAME)
    assert kinds(plan) == ["copy", "encode"]
    assert plan.segments[-1] == Segment("encode", KEYS[19], KEYS[20] - FRAME)


def test_a_short_clip_is_re_encoded_whole_because_that_is_cheaper():
    plan = plan_export(FACTS, 20.2, 21.6)
    assert kinds(plan) == ["encode"]
    assert plan.segments[0] == Segment("encode", 20.2, 21.6)


def test_a_take_that_cannot_be_copied_is_re_encoded_whole():
    facts = SourceFacts(60.0, KEYS, FRAME, copyable=False)
    assert kinds(plan_export(facts, 5.5, 40.5)) == ["encode"]


def test_audio_only_never_copies_video():
    plan = plan_export(FACTS, 5.5, 40.5, video=False)
    assert (plan.video, plan.audio, kinds(plan)) == (False, True, ["encode"])


def test_defaults_are_the_whole_take_and_a_title_adds_two_seconds():
    plan = plan_export(FACTS, title="Why this job?")
    assert (plan.start, plan.end) == (0.0, 60.0)
    assert plan.duration == pytest.approx(62.0)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (10, 10, "before the end"),
        (12, 10, "before the end"),
        (-1, 10, "outside"),
        (10, 61, "outside"),
    ],
)
def test_bad_ranges_are_refused_in_words(start, end, words):
    with pytest.raises(ExportError, match=words):
        plan_export(FACTS, start, end)


def test_nothing_to_export():
    facts = SourceFacts(10.0, (), FRAME, has_video=False)
    with pytest.raises(ExportError, match="no video"):
        plan_export(facts, video=True, audio=False)
