"""Analyse takes in the background after they are recorded: one job per take on the shared
runner, progress and cancel for the UI, results stored with the take by the job itself. The
measuring happens in a child process (analysis/child.py); the job thread only waits on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from taketwo.storage import Library
from taketwo.tasks.runner import Job, Progress, TaskRunner
from taketwo.workflow.analyze import AnalyzeOptions
from taketwo.workflow.analyze import analyze_take as analyze_and_store


def analyze_take(
    progress: Progress, library: Library, take_id: int, options: AnalyzeOptions | None = None
) -> dict[str, Any]:
    """The same work as `taketwo analyze TAKE_ID` (workflow/analyze.py), reporting to
    ``progress``; a cancel raises the one Cancelled (domain/work.py) the runner knows."""
    return analyze_and_store(
        library, take_id, options or AnalyzeOptions.from_environment(), progress
    )


class TakeAnalyzer(QObject):
    """Analyses takes one at a time, so the runner always has a thread left for quick jobs
    (loading the library, probing); screens follow its signals by take id."""

    progress = Signal(int, float, str)  # take id, fraction, what is happening
    finished = Signal(int, object)  # take id, result dict
    failed = Signal(int, str)  # take id, one line for the user
    cancelled = Signal(int)

    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        options: Callable[[], AnalyzeOptions] = AnalyzeOptions.from_environment,
    ) -> None:
        super().__init__(parent)
        self.library, self.runner = library, runner
        self.options = options  # asked at each take: Settings may have changed the model folder
        self._waiting: list[int] = []
        self._current: tuple[int, Job] | None = None

    def analyze(self, take_id: int) -> None:
        if not self.running(take_id):
            self._waiting.append(take_id)
            self._next()

    def running(self, take_id: int) -> bool:
        """Queued or being analysed."""
        return take_id in self._waiting or (
            self._current is not None and self._current[0] == take_id
        )

    def cancel(self, take_id: int) -> None:
        if take_id in self._waiting:
            self._waiting.remove(take_id)
            self.cancelled.emit(take_id)
        elif self._current is not None and self._current[0] == take_id:
            self._current[1].cancel()

    def _next(self) -> None:
        if self._current is not None or not self._waiting:
            return
        take_id = self._waiting.pop(0)
        job = self.runner.submit(
            f"analyze-{take_id}",
            analyze_take,
            self.library,
            take_id,
            self.options(),
            on_done=lambda result: self._end(take_id, self.finished, result),
            on_error=lambda message: self._end(take_id, self.failed, message),
            on_progress=lambda fraction, text: self.progress.emit(take_id, fraction, text),
        )
        job.cancelled_signal.connect(lambda: self._end(take_id, self.cancelled))
        self._current = (take_id, job)

    def _end(self, take_id: int, signal: Any, *payload: object) -> None:
        self._current = None
        signal.emit(take_id, *payload)
        self._next()
