"""Which camera and microphone the app uses: found off the GUI thread, the saved choice (or
a sensible default) opened for preview, and a banner when the computer has none."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from taketwo.settings import Settings
from taketwo.tasks.runner import Progress, TaskRunner
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.widgets.plain_text import plain_label

if TYPE_CHECKING:
    from taketwo.ui.rehearse.screen import RehearseScreen
    from taketwo.ui.shell.welcome import WelcomeScreen

DevicesFound = tuple[list[tuple[str, str]], list[tuple[str, str]]]
BUSY = (RecState.RECORDING, RecState.FINISHING, RecState.COUNTDOWN)


def discover(progress: Progress) -> DevicesFound:
    from taketwo.workflow.devices import listed_devices  # OpenCV loads in this thread

    return listed_devices()


class DeviceChoice(QObject):
    def __init__(
        self,
        settings: Settings,
        runner: TaskRunner,
        controller: RecorderController,
        rehearse: Callable[[], RehearseScreen],
        welcome: Callable[[], WelcomeScreen | None],
        welcome_showing: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.runner, self.controller = settings, runner, controller
        self.rehearse, self.welcome, self.welcome_showing = rehearse, welcome, welcome_showing
        self.devices: DevicesFound = ([], [])
        self.opened: tuple[str, str] | None = None  # the devices last asked for
        self.banner = self._build_banner()

    def _build_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("banner")  # styled by the theme's stylesheet
        row = QHBoxLayout(banner)
        self.banner_text = plain_label()
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName("Device notice")
        demo = QPushButton("Use demo devices")
        demo.setAccessibleName("Use demo devices")
        demo.setToolTip("Rehearse with a test pattern and a quiet demo microphone")
        demo.clicked.connect(lambda: self.use("demo", "demo"))
        row.addWidget(self.banner_text, 1)
        row.addWidget(demo)
        banner.hide()
        return banner

    def discover(self, then_open: tuple[str, str] | None = None) -> None:
        """Open ``then_open`` or the last-used devices at once, and list the devices in the
        background (the pickers fill, and a default is chosen, when the list comes)."""
        camera, mic = then_open or (self.settings.get("camera"), self.settings.get("mic"))
        if camera and mic:
            self.use(camera, mic)
        self.runner.submit(
            "discover",
            discover,
            on_done=lambda devices: self._found(devices, then_open),
            on_error=lambda m: self.rehearse().say(m, warn=True),
        )

    def _found(self, devices: DevicesFound, then_open: tuple[str, str] | None) -> None:
        self.devices = devices
        cameras, mics = devices
        real = [c for c in cameras if c[0] != "demo"], [m for m in mics if m[0] != "demo"]
        camera, mic = then_open or (self.settings.get("camera"), self.settings.get("mic"))
        if not real[0] or not real[1]:
            missing = " or ".join(
                n for n, r in (("camera", real[0]), ("microphone", real[1])) if not r
            )
            self.banner_text.setText(
                f"No {missing} was found on this computer. You can still rehearse with the "
                "demo devices, or plug one in and pick it on the Rehearse screen."
            )
            self.banner.setVisible(not (camera and mic))
        from taketwo.workflow.devices import default_devices

        camera, mic = default_devices(cameras, mics, camera, mic)
        self._show(camera, mic)
        if self.welcome_showing():
            self.banner.hide()
        if camera and mic and (camera, mic) != self.opened:
            self.use(camera, mic)

    def _show(self, camera: str, mic: str) -> None:
        """The devices found, and the ones in use, on Rehearse and the first-start page."""
        cameras, mics = self.devices
        self.rehearse().fill_devices(cameras, mics, camera, mic)
        welcome = self.welcome()  # made only on a first start
        if welcome is not None:
            welcome.show_devices(cameras, mics, camera, mic)

    def use(self, camera: str, mic: str) -> None:
        """Open ``camera`` and ``mic`` for preview and remember them (not mid-take)."""
        if self.controller.state in BUSY:
            return
        self.settings.set("camera", camera)
        self.settings.set("mic", mic)
        self.opened = (camera, mic)
        self.banner.hide()
        self._show(camera, mic)
        width, height = (int(v) for v in self.settings.get("size").split("x"))
        self.controller.open_devices(camera, mic, (width, height), float(self.settings.get("fps")))
