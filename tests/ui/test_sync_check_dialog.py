"""Settings offers the sync check; it refuses to run without open devices, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from taketwo.ui.rehearse.recorder_controller import RecorderController
from taketwo.ui.rehearse.sync_check_dialog import SyncCheckDialog
from taketwo.ui.shell.settings_dialog import SettingsDialog


def test_settings_offers_the_sync_check(qtbot, settings):
    asked = []
    dialog = SettingsDialog(
        settings,
        [("demo", "Demo camera")],
        [("demo", "Demo microphone")],
        check_sync=lambda: asked.append(True),
    )
    qtbot.addWidget(dialog)
    [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Check sync…"]
    button.click()
    assert asked == [True]


def test_sync_check_without_devices_says_what_to_do(qtbot, runner, monkeypatch, tmp_path):
    monkeypatch.setenv("TAKETWO_SYNC_OFFSETS", str(tmp_path / "offsets.json"))
    controller = RecorderController(runner)
    dialog = SyncCheckDialog(controller, runner)
    qtbot.addWidget(dialog)
    assert "+0 ms" in dialog.info.text()
    dialog.start.click()
    assert dialog.result_label.text().startswith("Open a camera and a microphone first")
