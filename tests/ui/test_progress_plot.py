"""Progress says what it draws: no "(blue)" without a line, takes analysis gave up on are not
"not measured yet", the Length axis is in seconds from zero, and "★ best" sits above the plot."""

from __future__ import annotations

import pytest

from taketwo.domain import Question
from taketwo.ui.progress.screen import ProgressScreen, nice_step
from tests.support.library_sample import add_take


@pytest.fixture
def screen(qtbot, library):
    s = ProgressScreen(library)
    qtbot.addWidget(s)
    s.resize(800, 500)
    s.show()
    return s


def test_caption_and_axis(screen, library):
    q = library.add_question(Question(prompt="Why us?", target_seconds=120))
    takes = [add_take(library, q.id, comfort) for comfort in (2, 5, 3)]
    screen.show_question(q.id, "length")
    assert "(blue" not in screen.caption.text()
    assert "3 takes not measured yet." in screen.caption.text()

    library.save_analysis(takes[0], {"duration_s": 40.0})
    library.save_analysis(takes[1], {}, error="no sound")
    screen.show_question(q.id, "length")
    caption = screen.caption.text()
    assert "(blue dot)" in caption
    assert "1 take not measured yet." in caption
    assert "Length could not be measured in 1 take." in caption

    library.save_analysis(takes[2], {"duration_s": 131.0})
    screen.show_question(q.id, "length")
    assert "(blue line)" in screen.caption.text()
    assert "not measured" not in screen.caption.text()
    low, high = screen.plot.value_range()
    assert low >= 0
    assert high >= 131
    assert high == int(high)

    best = screen.plot.best_label_rect(1)  # take 2, rated 5
    area = screen.plot.plot_area()
    assert best.bottom() <= area.top()  # above the bars, never on one
    assert best.top() >= 0
    assert screen.plot.best_label_rect(2).right() <= screen.plot.width()


@pytest.mark.parametrize(("rough", "step"), [(0.3, 0.5), (3.2, 5), (24, 50), (40, 50), (1, 1)])
def test_round_steps(rough, step):
    assert nice_step(rough) == pytest.approx(step)
