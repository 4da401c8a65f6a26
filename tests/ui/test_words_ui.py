"""The words in the app: Review's transcript follows playback and seeks on a click or Enter, its
key points say when they were said, fillers sit on the pause lane; Compare diffs the key
points; Progress plots them; without a model, one line says how to add words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.analysis.series import METRICS_BY_KEY, series  # noqa: E402
from taketwo.analysis.words_model import MISSING  # noqa: E402
from taketwo.ui.playback.metrics_compare import MetricsComparison  # noqa: E402
from taketwo.ui.playback.review import ReviewScreen  # noqa: E402
from taketwo.ui.playback.transcript_view import TranscriptView  # noqa: E402
from tests.support.ui_fixtures import show_active, wait_loaded  # noqa: E402
from tests.unit.test_analysis_words import result  # noqa: E402

pytest_plugins = ["tests.support.ui_fixtures"]

SAID = "Um I led the billing team <b>and</b> we cut costs"


def with_words(text: str = SAID, points=None, language: str = "en") -> dict:
    words = [
        {"word": w, "start": round(0.5 + i * 0.4, 2), "end": round(0.8 + i * 0.4, 2)}
        for i, w in enumerate(text.split())
    ]
    return {
        **result(),
        "transcript": {"text": text, "words": words, "language": language},
        "fillers": [{"word": "um", "start": 0.5}],
        "possible_fillers": [],
        "fillers_per_min": 1.0,
        "key_points": points
        if points is not None
        else [
            {"point": "led the billing team", "said": True, "at": 42.3},
            {"point": "impact", "said": False, "at": None},
        ],
        "words_note": None,
    }


@pytest.fixture
def view(qtbot):
    widget = TranscriptView()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_words_follow_playback_and_a_click_or_enter_seeks(qtbot, view):
    view.show_result(with_words())
    assert view.text.toPlainText() == SAID  # markup in a transcript stays text
    view.set_position(1.75)  # the fourth word, "led", started at 1.7
    assert view.current == 3
    start, end = view._ranges[5]  # "team"
    with qtbot.waitSignal(view.seek_requested) as seek:
        point = view.text.cursorRect(_cursor_at(view, start + 1)).center()
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert seek.args == [pytest.approx(2.5)]
    view.text.setFocus()
    view.text.setTextCursor(_cursor_at(view, view._ranges[1][0]))
    with qtbot.waitSignal(view.seek_requested) as seek:
        qtbot.keyClick(view.text, Qt.Key.Key_Return)
    assert seek.args == [pytest.approx(0.9)]


def _cursor_at(view, position):
    cursor = view.text.textCursor()
    cursor.setPosition(position)
    return cursor


def test_key_points_say_when_they_were_said(view):
    view.show_result(with_words())
    assert view.points.text().splitlines() == [
        "✓ led the billing team — said at 0:42",
        "✗ impact — not said",
    ]


def test_without_a_model_one_line_says_how_to_add_words(view):
    view.show_result({**result(), "transcript": None, "words_note": MISSING})
    assert view.note.text() == MISSING
    assert "pip install 'taketwo[words]'" in view.note.text()
    assert not view.text.isVisible()
    view.show_result(result())  # measured before words existed
    assert view.note.text() == MISSING
    view.show_result(with_words(language="de"))
    assert "“de”" in view.note.text()


def test_review_shows_the_stored_words_and_fillers_on_the_pause_lane(qtbot, stocked_library):
    library = stocked_library.library
    take_id = stocked_library.take_id(0)
    library.save_analysis(take_id, with_words())
    screen = ReviewScreen(library)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    screen.show_take(take_id)
    wait_loaded(qtbot, screen.player)
    assert screen.words.text.toPlainText() == SAID
    assert screen.pause_strip.fillers == [0.5]
    assert screen.metrics.row_text("Key points") == "1 of 2 said"
    screen.player.seek(1.0)
    qtbot.waitUntil(lambda: screen.words.current == 1)
    screen.close()


def test_compare_diffs_the_key_points_and_progress_plots_them(qtbot, stocked_library):
    library = stocked_library.library
    first, second = stocked_library.take_id(0), stocked_library.take_id(1)
    library.save_analysis(first, with_words())
    all_said = [
        {"point": "led the billing team", "said": True, "at": 3.0},
        {"point": "impact", "said": True, "at": 9.0},
    ]
    library.save_analysis(second, with_words(points=all_said))
    box = MetricsComparison(library)
    qtbot.addWidget(box)
    box.show_pair(library.get_take(first), library.get_take(second))
    assert "Key points: take 2 covered 2 of 2; take 1 covered 1 of 2, missed impact." in (
        box.summary.text()
    )
    takes = library.list_takes(question_id=stocked_library.question.id)
    points = series(
        takes,
        library.analyses_for_question(stocked_library.question.id),
        METRICS_BY_KEY["key_points"],
    )
    assert [p.value for p in points][:2] == [1.0, 2.0]


def test_settings_choose_the_words_model_folder_and_say_what_is_in_use(
    qtbot, settings, tmp_path, monkeypatch
):
    from taketwo.analysis import words_model
    from taketwo.ui.shell.settings_dialog import SettingsDialog

    monkeypatch.setattr(words_model, "PACKAGES", ())
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "no-hub"))
    monkeypatch.delenv(words_model.ENV_FOLDER, raising=False)
    dialog = SettingsDialog(settings, [], [])
    qtbot.addWidget(dialog)
    assert dialog.words_status.text() == MISSING
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"weights")
    dialog.words_model.setText(str(folder))
    assert dialog.words_status.text().startswith("Words: Whisper (model) from the folder")
    dialog.words_model.setText(str(tmp_path / "nowhere"))
    assert "does not exist" in dialog.words_status.text()
    dialog.words_model.setText(f"  {folder}  ")
    dialog.save()
    assert settings.get("words_model") == str(folder)


def test_debrief_says_all_key_points_are_covered_once_the_best_take_does(stocked_library):
    from taketwo.domain.note import Practice
    from taketwo.ui.debrief.mistakes import _coverage

    library, question = stocked_library.library, stocked_library.question
    first, second = stocked_library.take_id(0), stocked_library.take_id(1)
    practice = Practice(question, 3, None, "")
    assert library.best_take_coverage(question.id) is None  # nothing measured
    assert _coverage(library, practice) == ""
    library.save_analysis(first, with_words())  # 1 of 2
    all_said = [
        {"point": "led the billing team", "said": True, "at": 3.0},
        {"point": "impact", "said": True, "at": 9.0},
    ]
    library.save_analysis(second, with_words(points=all_said))
    library.rate_take(first, 5)  # the best take, by comfort: it missed a point
    assert library.best_take_coverage(question.id) == (1, 2)
    assert _coverage(library, practice) == ""
    library.star_take(second)
    assert library.best_take_coverage(question.id) == (2, 2)
    assert _coverage(library, practice) == "; all 2 key points covered in your best take"
