"""The runner hands each job the one Progress the command line uses too, and a cancel asked for
in the GUI reaches the work as False from it, ending in the one Cancelled."""

from __future__ import annotations

import threading

from taketwo.domain.work import Cancelled


def test_a_job_gets_a_progress_that_reports_to_the_gui(qtbot, runner):
    seen: list[tuple[float, str]] = []

    def work(progress, n):
        for i in range(n):
            assert progress((i + 1) / n, f"step {i + 1}")
        return n * 2

    with qtbot.waitSignal(
        runner.submit("steps", work, 3, on_progress=lambda f, t: seen.append((f, t))).done
    ) as blocker:
        pass
    assert blocker.args == [6]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (1.0, "step 3")


def test_cancel_makes_progress_say_stop_and_the_job_ends_cancelled(qtbot, runner):
    started = threading.Event()

    def work(progress):
        started.set()
        while progress(0.5, "waiting for cancel"):
            threading.Event().wait(0.01)
        raise Cancelled()

    done, failed = [], []
    job = runner.submit("long", work, on_done=done.append, on_error=failed.append)
    assert started.wait(10)
    with qtbot.waitSignal(job.cancelled_signal):
        job.cancel()
    assert done == []
    assert failed == []
