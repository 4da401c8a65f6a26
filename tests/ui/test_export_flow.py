"""Trim in Review with I and O, export with progress, cancel one export, see coach comments."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.ui.playback.review import ReviewScreen  # noqa: E402
from taketwo.workflow.feedback import import_feedback_file  # noqa: E402
from taketwo.workflow.pack import make_pack  # noqa: E402
from tests.support.media_checks import ffprobe, stream  # noqa: E402
from tests.support.ui_fixtures import show_active, wait_for_frame, wait_loaded  # noqa: E402

pytest_plugins = ["tests.support.ui_fixtures"]


@pytest.fixture
def screen(qtbot, stocked_library, runner):
    review = ReviewScreen(stocked_library.library, runner=runner)
    qtbot.addWidget(review)
    show_active(qtbot, review)
    yield review
    review.close()


def test_trim_with_i_and_o_export_see_progress_and_cancel(qtbot, screen, stocked_library, tmp_path):
    stocked = stocked_library
    clip = stocked.clips[2]
    screen.show_take(stocked.take_id(2))
    wait_loaded(qtbot, screen.player)
    start, end = clip.frames[12], clip.frames[60]
    screen.player.seek(start + 0.01)
    wait_for_frame(qtbot, screen.player, start)
    qtbot.keyClick(screen, Qt.Key.Key_I)
    screen.player.seek(end + 0.01)
    wait_for_frame(qtbot, screen.player, end)
    qtbot.keyClick(screen, Qt.Key.Key_O)
    assert screen.transport.in_point == pytest.approx(start, abs=0.002)
    assert screen.transport.out_point == pytest.approx(end, abs=0.002)
    assert screen.transport.range_label.isVisible()
    assert screen.transport.slider.in_ms == round(start * 1000)

    qtbot.keyClick(screen, Qt.Key.Key_E)
    dialog = screen.export_dialog
    assert dialog is not None
    out = tmp_path / "clip.mp4"
    dialog.output.setText(str(out))
    values = []
    dialog.progress.valueChanged.connect(values.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=20000)
    assert dialog.progress.isVisible()
    assert any(0 < v < 1000 for v in values), "progress was shown along the way"
    video = stream(ffprobe(out), "video")
    assert abs(float(video["duration"]) - (end - start)) <= 1 / 30 + 0.001

    # A second export, cancelled once it has started: nothing is left behind.
    cancelled = tmp_path / "cancelled.mp4"
    dialog.output.setText(str(cancelled))
    dialog.title_card.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.exporting
    with qtbot.waitSignal(dialog.job.progress, timeout=10000):
        pass
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10000)
    assert "cancelled" in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.mp4", "library"]
    dialog.close()


def test_coach_comments_show_as_markers_and_clicking_one_seeks(
    qtbot, screen, stocked_library, tmp_path
):
    stocked = stocked_library
    lib = stocked.library
    take_id = stocked.take_id(1)
    plan = make_pack(lib, tmp_path / "pack.zip", take_ids=[take_id])
    feedback = tmp_path / "feedback.json"
    feedback.write_text(
        json.dumps(
            {
                "format": "taketwo-feedback",
                "version": 1,
                "pack_id": plan.pack_id,
                "coach": "Sam",
                "comments": [
                    {"take_id": take_id, "at": 1.25, "text": "Breathe here"},
                    {"take_id": take_id, "at": 0.5, "text": "Good start"},
                ],
            }
        )
    )
    import_feedback_file(lib, feedback)
    screen.show_take(take_id)
    wait_loaded(qtbot, screen.player)
    assert screen.feedback.list.count() == 2
    assert "Good start" in screen.feedback.list.item(0).text()
    assert screen.transport.slider.markers_ms == [500, 1250]
    item = screen.feedback.list.item(1)
    rect = screen.feedback.list.visualItemRect(item)
    qtbot.mouseClick(screen.feedback.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: (
            screen.player.frame_start is not None and abs(screen.player.frame_start - 1.25) < 0.05
        ),
        timeout=3000,
    )


def test_dropping_a_feedback_file_on_the_window_imports_it(
    qtbot, stocked_library, settings, runner, tmp_path, monkeypatch
):
    from taketwo.ui.playback import feedback_drop
    from taketwo.ui.shell.main_window import MainWindow

    stocked = stocked_library
    lib = stocked.library
    take_id = stocked.take_id(0)
    plan = make_pack(lib, tmp_path / "pack.zip", take_ids=[take_id])
    window = MainWindow(lib, settings, runner)
    qtbot.addWidget(window)
    warnings = []
    monkeypatch.setattr(feedback_drop, "show_message", lambda *a: warnings.append(a[2]))

    def drop(path):
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(
            QPoint(10, 10),
            Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        window.dropEvent(event)

    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    drop(bad)
    assert warnings
    assert "not JSON" in warnings[0]
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "format": "taketwo-feedback",
                "version": 1,
                "pack_id": plan.pack_id,
                "comments": [{"take_id": take_id, "at": 0.5, "text": "Nice"}],
            }
        )
    )
    drop(good)
    assert window.stack.currentWidget() is window.review
    assert window.review.take_id == take_id
    assert window.review.feedback.list.count() == 1
    window.close()


def test_in_and_out_handles_drag_and_keep_their_order(qtbot):
    from PySide6.QtCore import QPoint

    from taketwo.domain.formatting import frame_text as frame_time
    from taketwo.ui.playback.transport import TransportBar

    bar = TransportBar()
    qtbot.addWidget(bar)
    bar.resize(700, 40)
    bar.show()
    qtbot.waitExposed(bar)
    bar.set_duration(10.0)
    bar.set_in(2.0)
    bar.set_out(8.0)
    assert bar.range_label.text() == f"In {frame_time(2.0)} · Out {frame_time(8.0)}"
    slider = bar.slider
    y = slider.height() // 2
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.x_of(2000), y))
    qtbot.mouseMove(slider, QPoint(slider.x_of(4000), y))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.x_of(4000), y))
    assert bar.in_point == pytest.approx(4.0, abs=0.1)
    assert bar.out_point == 8.0
    bar.set_in(9.0)  # past the out point: a new range starts there
    assert (bar.in_point, bar.out_point) == (9.0, None)
    bar.clear_range()
    assert not bar.range_label.isVisible()


def test_the_dialog_makes_a_coach_pack_with_the_ask(qtbot, stocked_library, runner, tmp_path):
    import zipfile

    from taketwo.ui.playback.export_dialog import PACK, ExportDialog

    stocked = stocked_library
    take = stocked.library.get_take(stocked.take_id(0))
    dialog = ExportDialog(stocked.library, runner, take, stocked.question.prompt)
    qtbot.addWidget(dialog)
    dialog.mode.setCurrentIndex(dialog.mode.findData(PACK))
    assert dialog.output.text().endswith("-coach-pack.zip")
    out = tmp_path / "pack.zip"
    dialog.output.setText(str(out))
    dialog.ask.setPlainText("Is my ending clear?")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=20000)
    with zipfile.ZipFile(out) as zf:
        page = zf.read("index.html").decode()
        assert len([n for n in zf.namelist() if n.endswith(".mp4")]) == 3
    assert "Is my ending clear?" in page


def test_the_dialog_will_not_save_over_a_take_inside_the_library(qtbot, stocked_library, runner):
    from taketwo.ui.playback.export_dialog import ExportDialog

    stocked = stocked_library
    take = stocked.library.get_take(stocked.take_id(0))
    victim = stocked.library.get_take(stocked.take_id(1)).path
    before = victim.read_bytes()
    dialog = ExportDialog(stocked.library, runner, take, stocked.question.prompt)
    qtbot.addWidget(dialog)
    dialog.output.setText(str(victim))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "outside the library" in dialog.status.text()
    assert not dialog.exporting
    assert victim.read_bytes() == before
