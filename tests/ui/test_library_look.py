"""The Library screen looks finished: columns that fill, one kind of status per column, a
labelled comfort trend, search hits grouped with their matches highlighted, empty states."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTreeWidgetItemIterator

from taketwo.domain.interview import InterviewOutcome
from taketwo.domain.mistake import MistakeStatus
from taketwo.domain.question import QuestionStatus
from taketwo.ui.library.rows import DESCRIPTION
from taketwo.ui.library.view import ID, KIND, Col, LibraryView
from taketwo.ui.shell.welcome import sample_question
from taketwo.ui.widgets.badges import BADGES
from taketwo.ui.widgets.comfort_trend import TREND
from taketwo.ui.widgets.marked_text import MARKS, marked_html
from taketwo.ui.widgets.tones import Tone, match_fill
from tests.support.library_sample import LONG_PROMPT, stock

ARTIFACTS = Path(__file__).parents[2] / "tests" / "artifacts"


@pytest.fixture
def ids(library):
    return stock(library)


@pytest.fixture
def view(qtbot, library, runner, ids):
    v = LibraryView(library, runner)
    qtbot.addWidget(v)
    v.resize(1366, 700)
    v.show()
    v.reload()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    qtbot.wait(20)  # the trends arrive on the GUI thread
    return v


def rows(tree, kind=None):
    out, it = [], QTreeWidgetItemIterator(tree)
    while it.value() is not None:
        if kind is None or it.value().data(0, KIND) == kind:
            out.append(it.value())
        it += 1
    return out


def row(tree, kind, item_id):
    return next(r for r in rows(tree, kind) if r.data(0, ID) == item_id)


def paint_cell(tree, item, column, width, palette=None):
    """What the column's delegate draws for ``item``, on a cleared image."""
    index = tree.indexFromItem(item, column)
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    if palette is not None:
        option.palette = palette
    option.rect = QRect(0, 0, width, 28)
    option.widget = tree
    image = QImage(width, 28, QImage.Format.Format_RGB32)
    image.fill(option.palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    tree.itemDelegateForColumn(column).paint(painter, option, index)
    painter.end()
    return image


def colours(image):
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


def dark_palette():
    p = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e1f22"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.AlternateBase, "#202124"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#2b2d31"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2f6fd1"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        p.setColor(role, QColor(colour))
    return p


@pytest.mark.parametrize("width", [1366, 1920])
def test_columns_fill_the_width_and_nothing_is_cut_while_room_is_left(qtbot, view, width):
    view.resize(width, 700)
    qtbot.wait(10)
    tree, header = view.tree, view.tree.header()
    shown = [c for c in Col if not tree.isColumnHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) == tree.viewport().width()
    for c in shown[1:]:
        assert header.sectionSize(c) >= tree.sizeHintForColumn(c), f"{c.name} is cut short"
    assert header.sectionSize(Col.NAME) > tree.viewport().width() / 2, "names get the room"
    long_row = next(r for r in rows(tree, "question") if r.text(0) == LONG_PROMPT)
    assert LONG_PROMPT in long_row.toolTip(0), "the whole question is a hover away"


def test_each_kind_of_status_has_a_column_of_its_own(view, ids):
    tree = view.tree
    interview = row(tree, "interview", ids["acme"])
    assert interview.text(Col.OUTCOME) == "pending"
    assert interview.text(Col.FLAGS) == "note due"
    assert interview.text(Col.PRACTICE) == ""
    mistake = row(tree, "mistake", ids["outage"])
    # The one state the Debrief, `mistake list` and `plan` show too: it has a question.
    [(state, _practice)] = [
        v for k, v in view.library.mistake_states().items() if k == ids["outage"]
    ]
    assert mistake.text(Col.PRACTICE) == state.value == "practising"
    assert mistake.text(Col.OUTCOME) == ""
    assert mistake.data(Col.FLAGS, BADGES)[0] == ("do-or-die", Tone.BAD)
    question = row(tree, "question", ids["long"])
    assert question.text(Col.PRACTICE) == "practising"
    assert question.text(Col.TAKES) == "3"
    takes = rows(tree, "take")
    starred = [t for t in takes if t.text(Col.FLAGS) == "★ starred"]
    assert len(starred) == 1
    allowed = {
        Col.PRACTICE: {s.value for s in QuestionStatus} | {s.value for s in MistakeStatus},
        Col.OUTCOME: {o.value for o in InterviewOutcome},
        Col.TAKE: {"recovered", "recording"},
    }
    for item in rows(tree):
        for column, values in allowed.items():
            assert item.text(column) in values | {""}, (column.name, item.text(column))
        for column in (Col.PRACTICE, Col.OUTCOME, Col.TAKE, Col.FLAGS):
            badges = item.data(column, BADGES) or []
            assert ", ".join(text for text, _ in badges) == item.text(column)
    assert tree.isColumnHidden(Col.TAKE), "no take is recovered or recording: no empty column"
    assert not tree.isColumnHidden(Col.OUTCOME)


def test_the_comfort_trend_is_labelled_coloured_and_read_aloud(view, ids):
    question = next(r for r in rows(view.tree, "question") if r.text(Col.TAKES) == "4")
    assert question.data(Col.COMFORT, TREND) == [2, 3, 3, 4]
    assert question.text(Col.COMFORT) == "2→4"
    words = "Comfort over the last 4 takes, oldest first: 2, 3, 3, 4 (of 5)"
    assert question.toolTip(Col.COMFORT).startswith(words)
    assert "more comfortable" in question.toolTip(Col.COMFORT)
    assert question.data(Col.COMFORT, DESCRIPTION) == question.toolTip(Col.COMFORT)
    for palette in (None, dark_palette()):
        image = paint_cell(view.tree, question, Col.COMFORT, 120, palette)
        seen = colours(image)
        assert len(seen) > 6, "dots, a line and a label, not a blank or a blob"
        reds = [c for c in seen if QColor(c).red() > QColor(c).green() + 60]
        greens = [c for c in seen if QColor(c).green() > QColor(c).red() + 60]
        assert reds, "a shaky start in red"
        assert greens, "a sure finish in green"
        base = (palette or view.tree.palette()).color(QPalette.ColorRole.Base).rgb()
        assert image.pixel(2, 2) == base, "drawn on the palette's base, no black box"


def test_the_trend_is_there_at_once_and_leaves_out_the_trash(view, library, ids):
    [first, *_] = library.list_takes(ids["long"])
    library.trash_take(first.id)
    view.reload()  # no background job to wait for
    question = row(view.tree, "question", ids["long"])
    assert question.data(Col.COMFORT, TREND) == [2, 4]
    assert question.text(Col.COMFORT) == "2→4"


def test_badges_are_drawn_in_their_tone_on_light_and_dark(view, ids):
    mistake = row(view.tree, "mistake", ids["outage"])
    for palette in (None, dark_palette()):
        image = paint_cell(view.tree, mistake, Col.FLAGS, 260, palette)
        seen = [QColor(c) for c in colours(image)]
        assert any(c.red() > c.green() + 40 for c in seen), "do-or-die is red"
        text = (palette or view.tree.palette()).color(QPalette.ColorRole.Text)
        assert any(abs(c.lightness() - text.lightness()) < 40 for c in seen), "readable text"


def test_search_groups_hits_under_headings_with_counts(qtbot, view):
    view.search.setText("tell")
    tree = view.tree
    headings = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headings == ["Questions · 2", "Mistakes · 1"]
    assert view.search_hint.isVisible()
    assert view.search_hint.text().startswith("3 matches — ↓")
    assert tree.isHeaderHidden()
    first = tree.topLevelItem(0).child(0)
    assert tree.currentItem() is first
    title, snippet = first.data(0, MARKS)
    assert title[0] == ("Tell", True)
    assert not tree.topLevelItem(0).flags() & Qt.ItemFlag.ItemIsSelectable


def test_a_hit_shows_its_passage_with_the_match_highlighted_and_user_text_as_written(qtbot, view):
    view.search.setText("rollback")
    tree = view.tree
    group = tree.topLevelItem(0)
    assert group.text(0) == "Take notes and transcripts · 1"
    hit = group.child(0)
    assert hit.data(0, KIND) == "take"
    assert hit.text(0).startswith("Take 1 of “How do you handle <b>tight</b>")
    title, snippet = hit.data(0, MARKS)
    assert ("rollback", True) in snippet
    document = QTextDocument()
    document.setHtml(hit.toolTip(0))
    assert "said <b>we</b> & <i>they</i>" in document.toPlainText(), "escaped, shown literally"
    assert "&lt;b&gt;" in marked_html(snippet)
    assert "<b><u>rollback</u></b>" in marked_html(snippet)
    assert hit.data(0, DESCRIPTION).startswith("said <b>we</b>")
    image = tree.viewport().grab().toImage()
    marker = match_fill(tree.palette())
    assert any(
        QColor(image.pixel(x, y)) == marker
        for x in range(0, image.width(), 2)
        for y in range(0, min(image.height(), 120))
    ), "the match is drawn on a marker fill"


def test_down_and_enter_go_from_the_search_box_into_the_results(qtbot, view, ids):
    view.search.setFocus()
    qtbot.keyClicks(view.search, "outage")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.tree.hasFocus()
    assert view.tree.currentItem().data(0, KIND) == "question"
    with qtbot.waitSignal(view.question_activated) as opened:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert opened.args == [view.tree.currentItem().data(0, ID)]
    qtbot.keyClick(view.tree, Qt.Key.Key_Up)
    assert view.search.hasFocus(), "↑ on the first hit goes back to the search box"
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert view.tree.hasFocus()
    assert not view.tree.isHeaderHidden()
    assert row(view.tree, "interview", ids["acme"]) is not None


def test_a_search_hit_can_be_trashed_and_brought_back_without_leaving_the_search(
    qtbot, view, library, ids
):
    view.search.setText("disagreed")
    [hit] = [r for r in rows(view.tree, "question")]
    assert hit.data(0, ID) == ids["long"]
    assert any(a.text().startswith("Move to trash") for a in view.context_menu(hit).actions())
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Delete)
    assert library.get_question(ids["long"]).trashed
    assert view.empty_title.text() == "Nothing matches “disagreed”"
    view.undo()
    assert not library.get_question(ids["long"]).trashed
    assert [r.data(0, ID) for r in rows(view.tree, "question")] == [ids["long"]]


def test_a_mistake_without_a_question_is_listed_by_what_went_wrong(qtbot, view, library):
    from taketwo.domain import Mistake

    library.add_mistake(Mistake(asked="", what_went_wrong="Arrived fifteen minutes late"))
    view.search.setText("fifteen")
    [hit] = rows(view.tree, "mistake")
    title, passage = hit.data(0, MARKS)
    assert "".join(text for text, _ in title) == "Arrived fifteen minutes late"
    assert ("fifteen", True) in title
    assert passage == ()


def test_an_empty_library_says_what_to_do_and_which_key(qtbot, library, runner):
    view = LibraryView(library, runner)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    view.reload()
    ARTIFACTS.mkdir(exist_ok=True)
    view.grab().save(str(ARTIFACTS / "library-empty-1366x700.png"))
    assert view.pages.currentIndex() == 1
    assert view.empty_title.text() == "Your library is empty"
    assert "Ctrl+N" in view.empty.text()
    assert "Space" in view.empty.text()
    assert "Ctrl+N" in view.empty_action.text()
    assert view.focusProxy() is view.empty_action
    with qtbot.waitSignal(view.new_question_requested):
        view.empty_action.click()


def test_no_search_results_say_what_search_covers_and_how_to_get_back(qtbot, view):
    view.search.setText("pineapple")
    assert view.pages.currentIndex() == 1
    assert view.empty_title.text() == "Nothing matches “pineapple”"
    assert "transcripts" in view.empty.text()
    assert "Esc" in view.empty_action.text()
    view.empty_action.click()
    assert view.search.text() == ""
    assert view.pages.currentWidget() is view.tree


def test_user_text_never_becomes_markup_in_a_tooltip(view, ids):
    question = next(r for r in rows(view.tree, "question") if "<b>tight</b>" in r.text(0))
    document = QTextDocument()
    document.setHtml(question.toolTip(0))
    assert document.toPlainText() == "How do you handle <b>tight</b> deadlines & scope?"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_screenshots_of_the_library_browsing_and_searching(qtbot, view, width, height):
    """Kept in tests/artifacts for a person to look at (light, and a dark palette)."""
    ARTIFACTS.mkdir(exist_ok=True)
    view.resize(width, height)
    for name, text, palette in (
        ("library", "", None),
        ("library-search", "tell", None),
        ("library-dark", "", dark_palette()),
    ):
        view.setPalette(palette or QApplication.palette())
        view.search.setText(text)
        qtbot.waitUntil(lambda: not view.runner.busy, timeout=5000)
        qtbot.wait(20)
        image = view.grab().toImage()
        image.save(str(ARTIFACTS / f"{name}-{width}x{height}.png"))
        assert len(colours(image.scaled(200, 120))) > 20, f"{name} looks blank"


def test_a_sample_question_is_badged_as_a_sample(qtbot, view, library):
    saved = library.add_question(sample_question(0))
    view.reload()
    qtbot.waitUntil(lambda: any(r.data(0, ID) == saved.id for r in rows(view.tree, "question")))
    sample = row(view.tree, "question", saved.id)
    assert ("sample", Tone.NEUTRAL) in sample.data(Col.FLAGS, BADGES)
    own = [r for r in rows(view.tree, "question") if r.data(0, ID) != saved.id]
    assert own
    assert all("sample" not in r.text(Col.FLAGS) for r in own)
