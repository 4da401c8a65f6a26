"""Playback of one take: QMediaPlayer, its audio output and a video output behind one object.

Screens talk to :class:`Player` (seconds, state names, readable errors) the way Picard's views
talk to its own ``Player``, never to QMediaPlayer. Loading is asynchronous: the file is opened
by Qt's FFmpeg backend on its own threads and only the first frame is decoded.
"""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaMetaData,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtQml import QQmlComponent, QQmlEngine

from taketwo.ui.shell.media_logging import quiet_media_logging

MIN_SPEED, MAX_SPEED = 0.5, 2.0
DEFAULT_FPS = 30.0
_audio_factory: tuple[QQmlEngine, QQmlComponent] | None = None


def make_audio_output(parent: QObject) -> QAudioOutput:
    """A QAudioOutput instantiated by C++ (through QML), not by Python.

    One made in Python is a shiboken wrapper: when Qt's FFmpeg audio renderer thread tears
    down, it calls the wrapper's virtual ``disconnectNotify``, which needs the GIL while the GUI
    thread holds it inside ``stop()``/``setSource()``: a deadlock seen here about one load in
    fifty. The C++-made object has no Python overrides to look up.
    """
    global _audio_factory
    if _audio_factory is None:
        engine = QQmlEngine()
        component = QQmlComponent(engine)
        component.setData(b"import QtMultimedia\nAudioOutput {}", QUrl())
        _audio_factory = engine, component  # kept for the life of the process
    made = _audio_factory[1].create()
    if not isinstance(made, QAudioOutput):  # no QtMultimedia QML module: fall back
        return QAudioOutput(parent)
    QQmlEngine.setObjectOwnership(made, QQmlEngine.ObjectOwnership.CppOwnership)
    made.setParent(parent)
    return made


class PlayerState(StrEnum):
    EMPTY = "empty"  # nothing loaded
    LOADING = "loading"
    PAUSED = "paused"
    PLAYING = "playing"
    ENDED = "ended"  # reached the end; the last frame stays on screen
    ERROR = "error"


def _missing(path: Path) -> str:
    return f"This take's video file is missing.\n\nIt should be {path}"


class Player(QObject):
    """One media file's playback, in seconds; frame stepping uses the file's own frame times."""

    position_changed = Signal(float)
    duration_changed = Signal(float)
    state_changed = Signal(str)
    error = Signal(str)
    frame_shown = Signal()

    def __init__(
        self, parent: QObject | None = None, video_output: QVideoWidget | QVideoSink | None = None
    ) -> None:
        super().__init__(parent)
        quiet_media_logging()  # before the first QMediaPlayer loads the FFmpeg plugin
        self._media = QMediaPlayer(self)
        self._audio = make_audio_output(self)
        self._media.setAudioOutput(self._audio)
        self._sink: QVideoSink | None = None
        self._state = PlayerState.EMPTY
        self._path: Path | None = None
        self._error_text = ""
        self._frame_start: float | None = None  # seconds; the frame on screen now
        self._frame_end: float | None = None
        self._frame_seen_at = 0.0  # time.monotonic() when it arrived
        self._typical_frame = 0.0  # shortest frame duration seen in this file
        self._step_base: tuple[float, float] | None = None  # a step's frame not shown yet
        self._ending = False
        self._media.durationChanged.connect(self._on_duration)
        self._media.positionChanged.connect(self._on_position)
        self._media.mediaStatusChanged.connect(self._on_status)
        self._media.playbackStateChanged.connect(self._on_playback_state)
        self._media.errorOccurred.connect(self._on_error)
        self._set_output(video_output if video_output is not None else QVideoSink(self))

    # Output

    def _set_output(self, output: QVideoWidget | QVideoSink) -> None:
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self._on_frame)
        if isinstance(output, QVideoWidget):
            self._media.setVideoOutput(output)
            self._sink = output.videoSink()
        else:
            self._media.setVideoSink(output)
            self._sink = output
        self._sink.videoFrameChanged.connect(self._on_frame)

    def set_video_output(self, output: QVideoWidget | QVideoSink) -> None:
        self._set_output(output)

    @property
    def video_sink(self) -> QVideoSink:
        assert self._sink is not None
        return self._sink

    def frame_image(self) -> QImage:
        """The frame on screen now (a null image when there is none)."""
        return self.video_sink.videoFrame().toImage()

    @property
    def frame_start(self) -> float | None:
        """Presentation time of the frame on screen, in seconds."""
        return self._frame_start

    # Properties

    @property
    def state(self) -> str:
        return self._state.value

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def error_text(self) -> str:
        return self._error_text

    @property
    def duration(self) -> float:
        return max(0, self._media.duration()) / 1000

    @property
    def position(self) -> float:
        """Where playback is, in seconds; between Qt's coarse position updates it counts on
        from the last frame shown, so two players can be compared to a few milliseconds."""
        if self._state is PlayerState.ENDED:
            return self.duration
        coarse = self._media.position() / 1000
        if self._state is not PlayerState.PLAYING or self._frame_start is None:
            return coarse
        since = (time.monotonic() - self._frame_seen_at) * self.speed
        frame_based = self._frame_start + min(since, 0.25)
        return min(self.duration, frame_based) if abs(frame_based - coarse) < 0.25 else coarse

    @property
    def speed(self) -> float:
        return self._media.playbackRate()

    @property
    def frame_rate(self) -> float:
        """Frames per second: from the shortest frame shown so far, or the file's header."""
        lengths = [self._typical_frame] if self._typical_frame > 0 else []
        try:
            rate = float(self._media.metaData().value(QMediaMetaData.Key.VideoFrameRate) or 0)
        except (TypeError, ValueError):
            rate = 0.0
        if rate > 0:
            lengths.append(1.0 / rate)
        return 1.0 / min(lengths) if lengths else DEFAULT_FPS

    @property
    def is_playing(self) -> bool:
        return self._state is PlayerState.PLAYING

    # Commands

    def load(self, path: str | Path | None) -> None:
        """Open ``path`` and show its first frame; problems arrive as :attr:`error`."""
        self._media.stop()
        self._path = Path(path) if path is not None else None
        self._frame_start = self._frame_end = None
        self._typical_frame = 0.0
        self._step_base = None
        self._ending = False
        self._error_text = ""
        if self._path is None:
            self._media.setSource(QUrl())
            self._set_state(PlayerState.EMPTY)
            return
        if not self._path.is_file():
            self._media.setSource(QUrl())
            self._fail(_missing(self._path))
            return
        self._set_state(PlayerState.LOADING)
        self._media.setSource(QUrl.fromLocalFile(str(self._path)))
        self._media.pause()  # decodes and shows the first frame only

    def unload(self) -> None:
        self.load(None)

    def play(self) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        self._step_base = None
        if self._state is PlayerState.ENDED or self.duration - self.position < 0.05:
            self._media.setPosition(0)
        self._ending = False
        self._media.play()

    def pause(self) -> None:
        if self._state is PlayerState.PLAYING:
            self._media.pause()

    def toggle(self) -> None:
        if self._state is PlayerState.PLAYING:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        """Show the frame at ``seconds`` (clamped to the take); playing goes on from there."""
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        self._step_base = None
        self._seek_to(seconds)

    def step(self, frames: int) -> None:
        """Pause and move ``frames`` frames on (or back, if negative) from the frame on screen."""
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR, PlayerState.LOADING) or not frames:
            return
        self.pause()
        nominal = 1.0 / self.frame_rate
        if self._step_base is not None:
            start, end = self._step_base
        elif self._frame_start is not None:
            start, end = self._frame_start, self._frame_end or self._frame_start + nominal
        else:
            start = self.position
            end = start + nominal
        # Forward counts from the end of the frame on screen, back from its start.
        target_start = end + (frames - 1) * nominal if frames > 0 else start + frames * nominal
        target_start = min(max(0.0, target_start), max(0.0, self.duration - nominal))
        self._step_base = (target_start, target_start + nominal)
        self._seek_to(target_start + nominal / 2)  # the middle of the frame: no rounding slips

    def set_speed(self, speed: float) -> None:
        self._media.setPlaybackRate(min(MAX_SPEED, max(MIN_SPEED, float(speed))))

    def _seek_to(self, seconds: float) -> None:
        end = self.duration
        last = max(0.0, end - 0.5 / self.frame_rate) if end > 0 else 0.0
        target = min(max(0.0, seconds), last) if end > 0 else max(0.0, seconds)
        if self._state is PlayerState.ENDED:
            self._media.pause()  # out of the stopped state, so the frame is shown
        self._ending = False
        self._media.setPosition(int(round(target * 1000)))
        self._update_state()

    # Qt signals

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return  # the blank frame Qt sends at the end; the last real one stays
        start, end = frame.startTime(), frame.endTime()
        if start < 0:
            return
        self._frame_start = start / 1_000_000
        self._frame_end = end / 1_000_000 if end > start else None
        if self._frame_end is not None:
            length = self._frame_end - self._frame_start
            if self._typical_frame <= 0 or 0.002 < length < self._typical_frame:
                self._typical_frame = length
        self._frame_seen_at = time.monotonic()
        if self._step_base is not None and abs(self._frame_start - self._step_base[0]) < 0.002:
            self._step_base = None
        self.frame_shown.emit()

    def _on_duration(self, ms: int) -> None:
        self.duration_changed.emit(max(0, ms) / 1000)

    def _on_position(self, ms: int) -> None:
        if not self._ending:
            self.position_changed.emit(ms / 1000)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._path is not None:
            if not self._ending:
                # Keep the last frame on screen: pause on it instead of stopping blank.
                self._ending = True
                last = self._frame_start if self._frame_start is not None else self.duration
                self._media.pause()
                self._media.setPosition(max(0, int(last * 1000) + 1))
                self._set_state(PlayerState.ENDED)
                self.position_changed.emit(self.duration)
            return
        if status == QMediaPlayer.MediaStatus.InvalidMedia and self._state is not PlayerState.ERROR:
            self._fail(self._describe(self._media.errorString()))
            return
        self._update_state()

    def _on_playback_state(self, _state: QMediaPlayer.PlaybackState) -> None:
        self._update_state()

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        if self._path is not None:
            self._fail(self._describe(message))

    def _describe(self, message: str) -> str:
        name = self._path.name if self._path is not None else "the file"
        if self._path is not None and not self._path.is_file():
            return _missing(self._path)
        detail = f" ({message})" if message else ""
        return f"{name} is damaged or is not a video Take Two can play{detail}."

    def _fail(self, message: str) -> None:
        if self._state is PlayerState.ERROR and self._error_text == message:
            return
        self._error_text = message
        self._set_state(PlayerState.ERROR)
        self.error.emit(message)

    def _update_state(self) -> None:
        if self._state in (PlayerState.ERROR, PlayerState.EMPTY):
            return
        status = self._media.mediaStatus()
        playing = self._media.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        if self._ending or status == QMediaPlayer.MediaStatus.EndOfMedia:
            new = PlayerState.ENDED
        elif status == QMediaPlayer.MediaStatus.LoadingMedia:
            new = PlayerState.LOADING
        else:
            new = PlayerState.PLAYING if playing else PlayerState.PAUSED
        self._set_state(new)

    def _set_state(self, state: PlayerState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)
