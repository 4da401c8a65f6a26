"""A take's life, the one way both the app and ``taketwo record`` live it.

Reserve (the library row says ``recording`` before capture starts, or a plain output path is
checked), record (a ``TakeRecorder`` on that path, shifted by the calibrated sync offset), and
settle: final, recovered from its fragments, failed or discarded, with one sidecar and the
row to match. The caller owns the devices and the waiting; this owns the bookkeeping.
"""

from __future__ import annotations

import contextlib
import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from taketwo.capture.recorder import TakeRecorder, TakeResult
from taketwo.capture.session import CaptureSession
from taketwo.capture.stats import CaptureStats
from taketwo.files import write_json_atomic
from taketwo.media.probe import MediaError
from taketwo.media.remux import finalize
from taketwo.storage.errors import LibraryError

if TYPE_CHECKING:
    from taketwo.storage import Library
from taketwo.workflow.calibration import load_offset


class Outcome(enum.Enum):
    FINAL = "final"  # closed cleanly: the file is final as written
    RECOVERED = "recovered"  # writing failed; what was written was saved from the fragments
    FAILED = "failed"  # nothing usable, or the fragments could not be saved yet
    DISCARDED = "discarded"
    TOO_SHORT = "too short"  # a library take under MIN_TAKE_SECONDS: not kept


# A press of Space twice by mistake, not an answer: such a library take is not kept. A file the
# user named with ``--output`` is theirs and stays whatever its length.
MIN_TAKE_SECONDS = 1.0


@dataclass
class SettledTake:
    outcome: Outcome
    path: Path
    duration: float
    stats: CaptureStats
    take_id: int | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class TakeWorkflow:
    """One take into ``library`` (for ``question_id``) or into a plain ``output`` file."""

    def __init__(
        self,
        session: CaptureSession,
        camera_id: str,
        mic_id: str,
        *,
        library: Library | None = None,
        question_id: int | None = None,
        output: Path | None = None,
    ) -> None:
        if (library is None) == (output is None):
            raise ValueError("a take goes into a library or to an output file")
        self.session = session
        self.camera_id, self.mic_id = camera_id, mic_id
        self.library, self.question_id, self.output = library, question_id, output
        self.take_id: int | None = None
        self.path: Path | None = output
        self.recorder: TakeRecorder | None = None

    @property
    def devices(self) -> dict[str, object]:
        """Names to show and ids to reopen them with, the same from the app and the CLI."""
        return {
            "camera": self.session.camera_name,
            "microphone": self.session.mic_name,
            "camera_id": self.camera_id,
            "microphone_id": self.mic_id,
        }

    def reserve(self) -> Path:
        """The path the take will be written to; a library take's row is committed first."""
        if self.library is not None:
            assert self.question_id is not None
            take = self.library.begin_take(self.question_id, self.devices)
            assert take.id is not None
            assert take.path is not None
            self.take_id, self.path = take.id, take.path
        assert self.path is not None
        return self.path

    def start(self, **options: Any) -> TakeRecorder:
        """Record into the reserved path; ``options`` go to ``TakeRecorder`` (callbacks, fps)."""
        path = self.path or self.reserve()
        options.setdefault("audio_delay", load_offset(self.camera_id, self.mic_id))
        recorder = TakeRecorder(self.session, path, **options)
        recorder.start()
        self.recorder = recorder
        self._write_sidecar({"state": "recording", **self.devices})
        return recorder

    def abandon(self) -> None:
        """Give back a reserved take that never started recording."""
        if self.library is not None and self.take_id is not None:
            self.library.discard_take(self.take_id)
            self.take_id = None

    def settle(self, result: TakeResult) -> SettledTake:
        """Make the library and the sidecar say how the take ended; never raises for media."""
        settled = SettledTake(
            Outcome.FINAL,
            result.path,
            result.duration,
            result.stats,
            self.take_id,
            result.error,
            list(result.warnings),
        )
        if result.discarded:
            self._discard()
            settled.outcome = Outcome.DISCARDED
            return settled
        if not result.finalized:
            settled.outcome = self._recover(settled)
        data = {
            **result.facts,
            **result.stats.as_dict(),
            **self.devices,
            "state": settled.outcome.value,
            "duration": round(settled.duration, 3),
            "error": settled.error,
            "warnings": settled.warnings,
        }
        if settled.outcome is Outcome.FINAL and self.library is not None:
            assert self.take_id is not None
            if settled.duration < MIN_TAKE_SECONDS:
                self._discard()
                settled.outcome = Outcome.TOO_SHORT
                settled.error = "the take lasted under a second, so it was not kept"
                return settled
            try:
                self.library.finish_take(self.take_id, result.duration, sidecar=data)
            except (LibraryError, OSError) as exc:
                settled.outcome, settled.error = Outcome.FAILED, str(exc)
            return settled
        with contextlib.suppress(OSError, LibraryError):  # a full disk may refuse even this
            self._write_sidecar(data)
        return settled

    def _recover(self, settled: SettledTake) -> Outcome:
        """Writing failed mid-take: save what the fragments hold, as `library check` would."""
        try:
            if self.library is not None and self.take_id is not None:
                take = self.library.recover_take(self.take_id)
                settled.duration = take.duration or 0.0
            else:
                finalize(settled.path)
            return Outcome.RECOVERED
        except (MediaError, LibraryError, OSError) as exc:
            if not settled.path.is_file() or settled.path.stat().st_size == 0:
                self._discard()  # nothing was written: no take to keep
            elif self.library is not None:
                exc_text = f"{exc}; `taketwo library check --repair` can finish it later"
                settled.error = f"{settled.error}. {exc_text}" if settled.error else exc_text
            return Outcome.FAILED

    def _discard(self) -> None:
        if self.library is not None and self.take_id is not None:
            self.library.discard_take(self.take_id)
            self.take_id = None
        elif self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path.with_suffix(".json").unlink(missing_ok=True)

    def _write_sidecar(self, data: dict[str, object]) -> None:
        """The one writer of a take's sidecar: through the library for its takes."""
        if self.library is not None and self.take_id is not None:
            self.library.write_sidecar(self.take_id, data)
        elif self.path is not None:
            write_json_atomic(self.path.with_suffix(".json"), data, mode=0o600)
