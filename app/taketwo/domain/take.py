"""One recorded attempt at a question, and the states its file goes through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from taketwo.domain.clock import utc_now
from taketwo.domain.errors import DomainError


class TakeState(StrEnum):
    RECORDING = "recording"  # row written before capture starts; the file is fragmented MP4
    FINAL = "final"  # the recorder closed and finalized the file
    RECOVERED = "recovered"  # a crash left it recording; `library check` finalized it
    TRASHED = "trashed"

    @property
    def playable(self) -> bool:
        return self in (TakeState.FINAL, TakeState.RECOVERED)


COMFORT_MIN, COMFORT_MAX = 1, 5


def validate_comfort(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("a comfort rating is a whole number from 1 to 5")
    if not COMFORT_MIN <= value <= COMFORT_MAX:
        raise DomainError(f"a comfort rating goes from {COMFORT_MIN} to {COMFORT_MAX}, not {value}")
    return value


@dataclass(slots=True)
class Take:
    question_id: int
    number: int
    file_name: str
    state: TakeState = TakeState.RECORDING
    duration: float | None = None
    devices: dict[str, object] = field(default_factory=dict)
    comfort: int | None = None
    notes: str = ""
    starred: bool = False
    metrics: dict[str, object] = field(default_factory=dict)
    transcript: str = ""
    id: int | None = None
    created: datetime = field(default_factory=utc_now)
    trashed_at: datetime | None = None
    state_before_trash: TakeState | None = None
    path: Path | None = None  # absolute, filled in by storage from the library layout

    def __post_init__(self) -> None:
        self.state = TakeState(self.state)
        if self.state_before_trash is not None:
            self.state_before_trash = TakeState(self.state_before_trash)
        self.comfort = validate_comfort(self.comfort)
        self.starred = bool(self.starred)
        if self.number < 1:
            raise DomainError("take numbers start at 1")
        if self.duration is not None and self.duration < 0:
            raise DomainError("a take cannot last less than nothing")

    @property
    def sidecar_path(self) -> Path | None:
        """``take-003-….json`` beside the media file: capture details written by the recorder."""
        return sidecar_for(self.path) if self.path is not None else None


def sidecar_for(media: Path) -> Path:
    return media.with_suffix(".json")
