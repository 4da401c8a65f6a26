"""Analysis in the app: the background job with progress and cancel, Review's metrics and pause
strip, Compare's differences, the Progress plot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.tasks.analysis import TakeAnalyzer  # noqa: E402
from taketwo.tasks.runner import TaskRunner  # noqa: E402
from taketwo.ui.playback.compare import CompareScreen  # noqa: E402
from taketwo.ui.playback.review import ReviewScreen  # noqa: E402
from taketwo.ui.progress.screen import ProgressScreen  # noqa: E402
from tests.support.ui_fixtures import show_active, wait_loaded  # noqa: E402
from tests.unit.test_analysis_words import result  # noqa: E402

pytest_plugins = ["tests.support.ui_fixtures"]


@pytest.fixture
def analyzer(qapp, stocked_library):
    runner = TaskRunner()
    yield TakeAnalyzer(stocked_library.library, runner)
    runner.shutdown()


@pytest.fixture
def review(qtbot, stocked_library, analyzer):
    screen = ReviewScreen(stocked_library.library)
    screen.metrics.set_analyzer(analyzer)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    yield screen
    screen.close()


def test_analyse_button_runs_in_the_background_and_stores_the_result(
    qtbot, review, stocked_library
):
    take_id = stocked_library.take_id(0)
    review.show_take(take_id)
    panel = review.metrics
    assert panel.status.text() == "Not measured yet."
    assert panel.analyze_button.isVisible()
    with qtbot.waitSignal(panel.analyzer.finished, timeout=20000):
        qtbot.mouseClick(panel.analyze_button, Qt.MouseButton.LeftButton)
        assert panel.cancel_button.isVisible()
    assert panel.row_text("Length") is not None
    assert panel.row_text("Loudness").endswith("LUFS")
    stored = stocked_library.library.get_analysis(take_id)
    assert stored is not None
    assert stored["duration_s"] == pytest.approx(stocked_library.clips[0].duration, abs=0.2)
    assert not panel.cancel_button.isVisible()


def test_cancel_stops_a_running_and_a_queued_analysis(qtbot, analyzer, stocked_library):
    first, second = stocked_library.take_id(0), stocked_library.take_id(1)
    cancelled = []
    analyzer.cancelled.connect(cancelled.append)
    analyzer.progress.connect(lambda take_id, _f, _t: analyzer.cancel(take_id))
    analyzer.analyze(first)
    analyzer.analyze(second)
    assert analyzer.running(second)
    analyzer.cancel(second)  # still queued: cancelled at once
    assert cancelled == [second]
    qtbot.waitUntil(lambda: first in cancelled, timeout=20000)
    assert stocked_library.library.get_analysis(first) is None
    assert stocked_library.library.get_analysis(second) is None
    assert not analyzer.running(first)


def test_pauses_are_drawn_under_the_timeline_and_a_click_jumps_there(
    qtbot, review, stocked_library
):
    take_id = stocked_library.take_id(2)  # 3 s
    stocked_library.library.save_analysis(
        take_id, result(duration=3.0, pauses=[{"start": 1.5, "duration": 0.9}])
    )
    review.show_take(take_id)
    wait_loaded(qtbot, review.player)
    strip = review.pause_strip
    assert strip.pauses == [(1.5, 2.4)]
    assert review.metrics.row_text("Pauses").startswith("1 (3 over 1 s")
    x = int(strip.width() * 1.9 / strip.duration)
    with qtbot.waitSignal(strip.seek_requested) as jumped:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, strip.height() // 2))
    assert jumped.args == [1.5]
    qtbot.waitUntil(lambda: abs(review.player.position - 1.5) < 0.1, timeout=3000)


def test_compare_shows_the_differences_in_words(qtbot, stocked_library):
    lib = stocked_library.library
    first, third = stocked_library.take_id(0), stocked_library.take_id(2)
    lib.save_analysis(first, result(duration=60, long_pauses=3))
    lib.save_analysis(third, result(duration=48, long_pauses=1))
    screen = CompareScreen(lib)
    qtbot.addWidget(screen)
    screen.compare(first, third)
    assert screen.measured.summary.text() == (
        "Take 3 against take 1: 0:12 shorter, 2 fewer long pauses."
    )
    labels = [
        screen.measured.grid.itemAt(i).widget().accessibleName()
        for i in range(screen.measured.grid.count())
    ]
    assert "Right pace" in labels
    screen.close()


def test_progress_plots_a_metric_across_takes_with_the_best_take(qtbot, stocked_library):
    lib = stocked_library.library
    ids = [stocked_library.take_id(i) for i in range(3)]
    for take_id, wpm in zip(ids, ((180, 200), (160, 180), (140, 160)), strict=True):
        lib.save_analysis(take_id, result(wpm=wpm))
    lib.rate_take(ids[0], 2)
    lib.rate_take(ids[2], 4)
    lib.star_take(ids[1])
    screen = ProgressScreen(lib)
    qtbot.addWidget(screen)
    screen.show()
    screen.show_question(stocked_library.question.id, "pace")
    assert [p.value for p in screen.plot.points] == [190, 170, 150]
    assert [p.comfort for p in screen.plot.points] == [2, None, 4]
    assert screen.plot.band == (130, 170)
    caption = screen.caption.text()
    assert "Best take: #2 (starred, 170 words/min)" in caption
    assert "130-170 words/min" in caption
    image = screen.plot.grab().toImage()
    inside = int(screen.plot.plot_area().left()) + 4  # just inside the axes
    column = [image.pixelColor(inside, y) for y in range(image.height())]
    assert any(c.green() > c.red() + 10 and c.green() > c.blue() for c in column), (
        "the comfortable band is shaded"
    )
    screen.close()
