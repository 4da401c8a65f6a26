"""Every setting Take Two remembers, declared once with its type and default (over QSettings)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True, slots=True)
class Option:
    default: Any
    kind: type


OPTIONS: dict[str, Option] = {
    "camera": Option("", str),  # empty: the first real camera, else ask
    "mic": Option("", str),
    "size": Option("1280x720", str),
    "fps": Option(30, int),
    "countdown": Option(3, int),
    "mirror": Option(True, bool),
    "target_seconds": Option(90, int),
    "library": Option("", str),  # empty: the default library folder
    "last_question_id": Option(0, int),
    "geometry": Option(b"", bytes),
    "compare_details": Option(False, bool),  # Compare's technical facts shown
    "theme": Option("system", str),  # system (follow the desktop), light or dark
    "welcome_done": Option(False, bool),  # the first-start screen was dismissed
    "words_model": Option("", str),  # a faster-whisper model folder; empty: the installed one
}


class Settings:
    """Typed access to the settings file; ``path`` (or TAKETWO_SETTINGS) makes a portable one."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or (
            Path(os.environ["TAKETWO_SETTINGS"]) if "TAKETWO_SETTINGS" in os.environ else None
        )
        if path is not None:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._q = QSettings("TakeTwo", "Take Two")

    def get(self, name: str) -> Any:
        option = OPTIONS[name]
        raw = self._q.value(name, option.default)
        if option.kind is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if option.kind is bytes:
            # bytes or QByteArray as saved; a hand-edited value (a str, a number) is no geometry
            if isinstance(raw, QByteArray):
                return raw.data()
            return bytes(raw) if isinstance(raw, bytes | bytearray) else b""
        try:
            return option.kind(raw)
        except (TypeError, ValueError):
            return option.default

    def set(self, name: str, value: Any) -> None:
        if name not in OPTIONS:
            raise KeyError(name)
        self._q.setValue(name, value)

    def sync(self) -> None:
        self._q.sync()
