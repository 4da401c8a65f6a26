"""The first start: one page on a new library that says what Take Two is for, which devices
were found, and offers the user's own question (Ctrl+N) or a sample marked as one; not shown
again once dismissed or once the library has a question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from taketwo.domain.question import Question, QuestionSource
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.shell import app as appmod
from taketwo.ui.shell.main_window import MainWindow
from taketwo.ui.shell.welcome import device_line


@pytest.fixture
def make_window(qtbot, library, settings, runner):
    made = []

    def make():
        w = MainWindow(library, settings, runner)
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.controller.close_devices()


def test_a_new_library_opens_on_the_first_start_page(make_window):
    window = make_window()
    assert window.first_start()
    assert window.stack.currentWidget() is window.welcome
    assert window.sidebar.current() == "", "no screen is highlighted on it"
    assert window.welcome.add_button.isVisible()
    assert "Ctrl+N" in window.welcome.add_button.text()
    assert "interview questions" in window.welcome.intro.text(), "what Take Two is for"


def test_adding_the_users_own_question_ends_the_first_start(
    qtbot, make_window, library, monkeypatch
):
    def fill(dialog):
        dialog.prompt.setPlainText("Why did you leave your last job?")
        return 1

    monkeypatch.setattr(QuestionDialog, "exec", fill)
    window = make_window()
    window.first_start()
    qtbot.mouseClick(window.welcome.add_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.rehearse
    [summary] = library.list_questions()
    assert summary.question.source is QuestionSource.FREE
    assert not window.rehearse.sample_badge.isVisible()
    assert not make_window().first_start(), "not again: the library has a question"
    library.trash_question(summary.question.id)
    assert not make_window().first_start(), "nor once that question is in the trash"


def test_dismissed_it_is_not_shown_again_even_on_an_empty_library(qtbot, make_window, settings):
    window = make_window()
    window.first_start()
    qtbot.mouseClick(window.welcome.skip_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.library_view
    assert settings.get("welcome_done") is True
    assert not make_window().first_start()


def test_a_sample_is_saved_marked_as_a_sample(qtbot, make_window, library):
    window = make_window()
    window.first_start()
    qtbot.mouseClick(window.welcome.sample_buttons[1], Qt.MouseButton.LeftButton)
    [summary] = library.list_questions()
    assert summary.question.source is QuestionSource.SAMPLE
    assert summary.question.is_sample
    assert summary.question.prompt == "Why do you want to work here?"
    assert window.stack.currentWidget() is window.rehearse
    assert window.rehearse.sample_badge.isVisible()
    own = library.add_question(Question(prompt="My own one"))
    window.rehearse_question(own.id)
    assert not window.rehearse.sample_badge.isVisible()


def test_nothing_is_saved_as_the_users_on_an_empty_library(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    with Library.open(tmp_path / "lib") as library:
        assert appmod.starting_question(library, settings) is None
        assert library.list_questions() == []
    assert appmod.sample_question().source is QuestionSource.SAMPLE


def test_it_says_which_devices_were_found_and_offers_the_demo_ones(make_window, monkeypatch):
    window = make_window()
    window.first_start()
    welcome = window.welcome
    welcome.show_devices([("demo", "Demo camera")], [("demo", "Demo microphone")], "", "")
    assert welcome.camera_line.text() == "No camera was found."
    assert welcome.mic_line.text() == "No microphone was found."
    assert welcome.demo_button.isVisible()
    chosen = []
    monkeypatch.setattr(window, "use_devices", lambda c, m: chosen.append((c, m)))
    welcome.demo_button.click()
    assert chosen == [("demo", "demo")]
    welcome.show_devices(
        [("0", "Integrated Webcam"), ("demo", "Demo camera")], [("default", "default")], "0", ""
    )
    assert welcome.camera_line.text() == "Camera: Integrated Webcam"
    assert welcome.mic_line.text() == "Microphone: default"
    assert not welcome.demo_button.isVisible()


def test_device_line_names_the_demo_devices_as_such():
    assert device_line("Camera", [("demo", "Demo")], "demo")[0].startswith("Camera: the demo")
