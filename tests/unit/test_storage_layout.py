"""Names in the media folder are readable and safe on any filesystem, whatever the user typed."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from taketwo.storage.layout import (
    ensure_private_dir,
    prompt_from_folder,
    question_folder_name,
    safe_extension,
    slugify,
    take_file_name,
    take_number_from_name,
)

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NASTY = [
    "",
    "../../etc/passwd",
    'a/b\\c:d*e?f"g<h>i|j',
    "CON",
    "nul.txt",
    "   ",
    "...",
    "😀🎉",
    "מה החוזקות שלך?",
    "ما هي نقاط قوتك",
    "面试问题",
    "Résumé – café",
    "\x00\x1f",
    "x" * 10_000,
    "'; DROP TABLE questions; --",
]


@settings(max_examples=200)
@given(st.one_of(st.text(), st.sampled_from(NASTY)))
def test_any_prompt_gives_a_safe_short_folder_name(prompt):
    slug = slugify(prompt)
    assert SAFE.match(slug), slug
    assert len(slug) <= 48
    folder = question_folder_name(12, prompt)
    assert folder.startswith("0012-")
    assert SAFE.match(folder.split("-", 1)[1])


def test_slugs_keep_the_words_a_person_recognises():
    assert slugify("Tell me about a time you disagreed with your manager!") == (
        "tell-me-about-a-time-you-disagreed-with-your"
    )
    assert slugify("Résumé: why the gap?") == "resume-why-the-gap"
    assert slugify("面试问题") == "question"
    assert question_folder_name(3, "Why us?") == "0003-why-us"
    assert prompt_from_folder("0003-why-us") == "Why us"


def test_take_names_are_numbered_and_dated_in_local_time():
    created = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)
    name = take_file_name(3, created)
    local = created.astimezone()
    assert name == f"take-003-{local:%Y-%m-%d_%H%M}.mp4"
    assert take_number_from_name(name) == 3
    assert take_file_name(1234, created, ".WAV").startswith("take-1234-")
    assert take_file_name(1, created, ".exe").endswith(".mp4")
    assert take_file_name(1, created, ".WAV").endswith(".wav")
    assert safe_extension("clip.MOV") == ".mov"
    assert take_number_from_name("holiday.mp4") is None


def test_private_dirs_are_owner_only_all_the_way_down(tmp_path):
    leaf = ensure_private_dir(tmp_path / "lib" / "media" / "0001-x")
    for folder in (leaf, leaf.parent, leaf.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
