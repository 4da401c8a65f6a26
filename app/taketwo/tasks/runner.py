"""Short background jobs (opening devices, probing, analysis, export) on a QThreadPool.

A job is a plain function ``fn(progress, *args)``: the same :data:`Progress` the command line
passes to export, pack and analysis. It returns False once cancel was asked for, and the work
stops by raising :class:`Cancelled` (cooperative, like OBS's remux worker). Results, errors and
progress arrive on the GUI thread through Qt signals; the GUI never waits.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from taketwo.domain.work import Cancelled, Progress

__all__ = ["Cancelled", "Job", "Progress", "TaskRunner"]


class Job(QObject):
    progress = Signal(float, str)  # fraction 0..1, what is happening
    done = Signal(object)
    failed = Signal(str)
    cancelled_signal = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cancel = threading.Event()
        self.finished = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, fraction: float, text: str = "") -> bool:
        """Tell the GUI how far along we are; returns False once cancel was asked for."""
        self.progress.emit(max(0.0, min(1.0, fraction)), text)
        return not self.cancelled


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.job, self.fn, self.args = job, fn, args
        self.setAutoDelete(True)

    def run(self) -> None:
        thread = threading.current_thread()
        idle_name, thread.name = thread.name, f"task-{self.job.name}"
        try:
            result = self.fn(self.job.report, *self.args)
        except Cancelled:
            self.job.cancelled_signal.emit()
        except Exception as exc:  # a job's failure is reported, never lost
            message = str(exc) or type(exc).__name__
            traceback.print_exc()
            self.job.failed.emit(message)
        else:
            if self.job.cancelled:
                self.job.cancelled_signal.emit()
            else:
                self.job.done.emit(result)
        finally:
            self.job.finished.set()
            thread.name = idle_name


class TaskRunner(QObject):
    """Runs jobs on a private pool; ``shutdown()`` cancels and waits for them all."""

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._jobs: list[Job] = []

    def submit(
        self,
        name: str,
        fn: Callable[..., Any],  # fn(progress, *args)
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
    ) -> Job:
        job = Job(name)
        if on_done is not None:
            job.done.connect(on_done)
        if on_error is not None:
            job.failed.connect(on_error)
        if on_progress is not None:
            job.progress.connect(on_progress)
        self._jobs = [j for j in self._jobs if not j.finished.is_set()] + [job]
        self._pool.start(_Runnable(job, fn, args))
        return job

    @property
    def busy(self) -> bool:
        return any(not j.finished.is_set() for j in self._jobs)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        for job in self._jobs:
            job.cancel()
        return bool(self._pool.waitForDone(timeout_ms))
