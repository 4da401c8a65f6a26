"""The coach pack in a real headless Chromium from file://, and its feedback coming back."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from taketwo.domain import Mistake, Question
from taketwo.storage import Library
from taketwo.storage.feedback import FeedbackError, parse_feedback
from taketwo.workflow.pack import PackError, make_pack
from tests.support.library_media import make_video
from tests.support.media_checks import ffprobe, stream
from tests.support.needs import require

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture
def stocked(tmp_path):
    lib = Library.open(tmp_path / "library")
    mistake = lib.add_mistake(Mistake(asked="Why us?", what_went_wrong="I rambled"))
    question = lib.add_question(
        Question(prompt="Why do you want <this> job?", mistake_id=mistake.id)
    )
    takes = []
    for n, seconds in enumerate((2.0, 3.0), 1):
        src = make_video(tmp_path / f"src{n}.mp4", seconds, size=(160, 120), fps=15)
        take = lib.import_media(src, question.id)
        takes.append(lib.note_take(take.id, f"attempt {n} </script>"))
    yield lib, question, takes
    lib.close()


def test_pack_holds_browser_ready_clips_and_a_page_with_the_data(stocked, tmp_path):
    lib, question, takes = stocked
    out = tmp_path / "pack.zip"
    plan = make_pack(lib, out, question_id=question.id, ask="Am I too fast?")
    assert os.stat(out).st_mode & 0o777 == 0o600
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        page = zf.read("index.html").decode()
        zf.extractall(tmp_path / "unzipped")
    assert names[0] == "index.html"
    assert len([n for n in names if n.startswith("clips/")]) == 2
    assert plan.pack_id in page
    assert "</script>" not in page.split("const PACK = ")[1].split("\n")[0]
    for t in plan.takes:
        info = ffprobe(tmp_path / "unzipped" / t.clip)
        assert stream(info, "video")["codec_name"] == "h264"
        assert stream(info, "audio")["codec_name"] == "aac"
    assert "http" not in page.replace("http-equiv", "")


def test_bad_pack_requests(stocked, tmp_path):
    lib, question, takes = stocked
    with pytest.raises(PackError, match="no take"):
        make_pack(lib, tmp_path / "p.zip", take_ids=[999])
    takes[0].path.unlink()
    with pytest.raises(PackError, match="missing"):  # named on its own: refused
        make_pack(lib, tmp_path / "p.zip", take_ids=[takes[0].id])
    assert not (tmp_path / "p.zip").exists()
    # One bad take of a question is left out and named; the rest are still sent.
    plan = make_pack(lib, tmp_path / "p.zip", question_id=question.id)
    assert takes[0].id not in [t.take_id for t in plan.takes]
    assert plan.skipped == (f"take {takes[0].id}: its file is missing",)


@pytest.mark.slow
def test_the_page_plays_every_video_offline_and_saves_feedback_that_imports(stocked, tmp_path):
    require(importlib.util.find_spec("playwright") is not None, "needs Playwright for Python")
    require(Path(CHROMIUM).exists(), "needs Debian's chromium")
    from playwright import sync_api

    lib, question, takes = stocked
    out = tmp_path / "pack.zip"
    plan = make_pack(lib, out, question_id=question.id, ask="Am I too fast?")
    folder = tmp_path / "coach"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(folder)
    page_url = (folder / "index.html").as_uri()
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_url)
            assert page.locator("#question").inner_text() == question.prompt
            assert "I rambled" in page.locator("#mistake").inner_text()
            assert page.locator("#ask").inner_text() == "Am I too fast?"
            page.click("#layout-side")
            for i in range(len(plan.takes)):
                page.evaluate(
                    f"document.querySelectorAll('video')[{i}].muted = true;"
                    f"document.querySelectorAll('video')[{i}].play()"
                )
                wait_for(page, f"document.querySelectorAll('video')[{i}].currentTime > 0.5")
                assert page.evaluate(f"document.querySelectorAll('video')[{i}].error") is None
            # A comment at 1.0 s of the second take, typed into the page.
            page.evaluate(
                "const v = document.querySelectorAll('video')[1]; v.pause();v.currentTime = 1.0"
            )
            wait_for(page, "document.querySelectorAll('video')[1].currentTime === 1")
            page.locator("section.take").nth(1).get_by_text("Comment here").click()
            page.locator("section.take").nth(1).locator("textarea").fill("Slow down here")
            page.fill("#coach", "Sam")
            page.evaluate("document.querySelectorAll('video').forEach(v => v.pause())")
            page.reload()  # unsaved comments survive a reload
            wait_for(page, "document.querySelectorAll('textarea').length === 1")
            assert page.locator("textarea").first.input_value() == "Slow down here"
            with page.expect_download() as download:
                page.click("#save")
            saved = tmp_path / "feedback.json"
            download.value.save_as(saved)
            assert not errors
        finally:
            browser.close()
    assert all(u.startswith(("file://", "blob:", "data:")) for u in requests), requests
    data = json.loads(saved.read_text())
    assert data["pack_id"] == plan.pack_id
    result = lib.import_feedback(parse_feedback(saved.read_bytes()))
    assert result.comments == 1
    comments = lib.list_feedback(takes[1].id)
    assert [(c.at, c.text, c.coach) for c in comments] == [(1.0, "Slow down here", "Sam")]
    # Importing the same file again replaces, never doubles.
    lib.import_feedback(parse_feedback(saved.read_bytes()))
    assert len(lib.list_feedback(takes[1].id)) == 1


def wait_for(page, expression: str, timeout: float = 10.0) -> None:
    """Poll from Python: the page's CSP forbids the eval that wait_for_function uses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def feedback_file(pack_id: str, take_id: int, **extra) -> bytes:
    data = {
        "format": "taketwo-feedback",
        "version": 1,
        "pack_id": pack_id,
        "coach": "Sam",
        "comments": [{"take_id": take_id, "at": 1.5, "text": "Good"}],
        **extra,
    }
    return json.dumps(data).encode()


def test_feedback_from_elsewhere_or_malformed_changes_nothing(stocked, tmp_path):
    lib, question, takes = stocked
    plan = make_pack(lib, tmp_path / "p.zip", take_ids=[takes[0].id])
    foreign = parse_feedback(feedback_file("f" * 32, takes[0].id))
    with pytest.raises(FeedbackError, match="another library"):
        lib.import_feedback(foreign)
    with pytest.raises(FeedbackError, match="not in"):
        lib.import_feedback(parse_feedback(feedback_file(plan.pack_id, takes[1].id)))
    for raw, words in (
        (b"\xff\xfe", "not JSON"),
        (b"[]", "not a Take Two"),
        (feedback_file(plan.pack_id, takes[0].id, version=9), "newer"),
        (feedback_file("x", takes[0].id), "which pack"),
        (
            json.dumps(
                {
                    "format": "taketwo-feedback",
                    "version": 1,
                    "pack_id": plan.pack_id,
                    "comments": [{"take_id": 1, "at": -3, "text": "x"}],
                }
            ).encode(),
            "time",
        ),
        (b" " * 3_000_000, "too large"),
    ):
        with pytest.raises(FeedbackError, match=words):
            parse_feedback(raw)
    assert lib.list_feedback(takes[0].id) == []


def test_feedback_on_a_take_that_no_longer_exists(stocked, tmp_path):
    lib, question, takes = stocked
    plan = make_pack(lib, tmp_path / "p.zip", take_ids=[takes[0].id, takes[1].id])
    lib.trash_take(takes[1].id)
    lib.purge_take(takes[1].id)
    raw = json.loads(feedback_file(plan.pack_id, takes[0].id))
    raw["comments"].append({"take_id": takes[1].id, "at": 0.5, "text": "gone"})
    with pytest.raises(FeedbackError, match="no longer exists"):
        lib.import_feedback(parse_feedback(json.dumps(raw).encode()))
    assert lib.list_feedback(takes[0].id) == []
    shutil.rmtree(tmp_path / "library" / "media", ignore_errors=True)
