"""One analyze path: `taketwo analyze ID`, `taketwo analyze --all` and the app's background
analysis store the same result for one take, words and key points included; the transcript is
then in the library's search."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from taketwo.cli import main
from taketwo.domain import Question
from taketwo.storage import Library
from taketwo.tasks.analysis import TakeAnalyzer
from taketwo.tasks.runner import TaskRunner
from taketwo.workflow.analyze import AnalyzeOptions
from tests.support.needs import require
from tests.support.speech_media import speech_clip

pytestmark = pytest.mark.slow
POINTS = ["built a new billing system", "cut support costs", "hired a designer"]


@pytest.fixture
def take(tmp_path):
    require(bool(shutil.which("espeak-ng") and shutil.which("sox")), "espeak-ng and sox")
    require(importlib.util.find_spec("faster_whisper") is not None, "faster-whisper")
    clip = speech_clip(tmp_path, gaps=(1.2, 0.8, 0.8), name="answer")
    folder = tmp_path / "library"
    with Library.open(folder) as lib:
        question = lib.add_question(Question(prompt="Tell me about a project", key_points=POINTS))
        take = lib.import_media(clip.path, question.id)
    return folder, take.id


def stored(folder, take_id):
    with Library.open(folder) as lib:
        return lib.get_analysis(take_id)


def test_cli_all_and_app_store_the_same_result(take, qtbot, capsys):
    folder, take_id = take
    assert main(["--library", str(folder), "analyze", str(take_id), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    by_id = stored(folder, take_id)
    assert by_id == printed  # what --json prints is what is stored, words and all
    words = by_id["transcript"]["words"]
    assert len(words) > 20
    assert set(words[0]) == {"word", "start", "end"}
    points = {p["point"]: p for p in by_id["key_points"]}
    assert points["built a new billing system"]["said"]
    assert not points["hired a designer"]["said"]

    assert main(["--library", str(folder), "analyze", "--all", "--again", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["analyzed"] == [take_id]
    assert stored(folder, take_id) == by_id

    runner = TaskRunner()
    with Library.open(folder) as lib:
        analyzer = TakeAnalyzer(lib, runner, options=lambda: AnalyzeOptions.from_environment())
        with qtbot.waitSignal(analyzer.finished, timeout=120_000):
            analyzer.analyze(take_id)
        runner.shutdown()
        assert lib.get_analysis(take_id) == by_id
        # The words are searchable, and the take's row carries the text.
        assert ("take", take_id) in {(h.kind, h.id) for h in lib.search("client")}
        assert "client" in lib.get_take(take_id).transcript


def test_cancel_while_writing_the_words_stores_nothing(take):
    from taketwo.analysis.result import AnalysisCancelled
    from taketwo.workflow.analyze import analyze_take

    folder, take_id = take

    def progress(fraction: float, text: str) -> bool:
        return not text.startswith("Writing down the words")

    with Library.open(folder) as lib:
        with pytest.raises(AnalysisCancelled):
            analyze_take(lib, take_id, AnalyzeOptions(), progress)
        assert lib.get_analysis(take_id) is None
        assert lib.analysis_error(take_id) == ""
