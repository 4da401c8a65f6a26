"""The sidebar shows where you are: Ctrl+1…6 and clicks switch screens and move the highlight;
Ctrl+N still adds a question; no toolbar stands in for navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenuBar, QToolBar

from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.shell.main_window import MainWindow
from tests.support.ui_fixtures import show_active

NAMES = ("Library", "Rehearse", "Review", "Compare", "Debrief", "Progress")


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    show_active(qtbot, w)
    yield w
    w.controller.close_devices()


def screens(w):
    return (w.library_view, w.rehearse, w.review, w.compare, w.debrief, w.progress)


def highlighted(w):
    return [b.text() for b in w.sidebar.screen_buttons if b.isChecked()]


def test_ctrl_digits_switch_screens_and_the_sidebar_follows(qtbot, window):
    assert [b.text() for b in window.sidebar.screen_buttons] == list(NAMES)
    assert highlighted(window) == ["Library"]
    for digit, name, screen in reversed(list(zip("123456", NAMES, screens(window), strict=True))):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{digit}"), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is screen, name
        assert highlighted(window) == [name]
        assert window.sidebar.current() == name


def test_a_click_in_the_sidebar_switches_and_so_does_opening_a_take(qtbot, window, question):
    qtbot.mouseClick(window.sidebar.screen_buttons[4], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.debrief
    assert highlighted(window) == ["Debrief"]
    qtbot.mouseClick(window.sidebar.screen_buttons[4], Qt.MouseButton.LeftButton)
    assert highlighted(window) == ["Debrief"], "a second click keeps it highlighted"
    window.rehearse_question(question.id)  # from the Library, not from the sidebar
    assert highlighted(window) == ["Rehearse"]


def test_every_entry_has_an_icon_a_name_and_its_keys_in_the_tooltip(window):
    for button in window.sidebar.screen_buttons + window.sidebar.action_buttons:
        assert not button.icon().isNull(), button.text()
        assert button.accessibleName()
        assert "Ctrl+" in button.toolTip()
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus, "Tab stays within the screen"


def test_ctrl_n_adds_a_question_from_any_screen(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(QuestionDialog, "exec", lambda d: opened.append(d) or 0)
    window.show_screen(window.progress)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1


def test_no_toolbar_or_menu_bar_stands_in_for_navigation(window):
    assert window.findChildren(QToolBar) == []
    bar = window.findChild(QMenuBar)
    assert bar is None or not bar.actions()
