"""Analysing a take, the one way `taketwo analyze ID`, `taketwo analyze --all` and the app's
background analysis all do it: the same options to the analysis child (target length, the
question's key points, the words model) and the same result stored with the take.

The measuring runs in a child process (analysis/child.py); this waits on it, reports progress
and stores what it says. A cancelled analysis stores nothing; a failed one stores why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taketwo.analysis.child import analyze_in_child
from taketwo.analysis.result import VERSION, AnalysisCancelled, AnalysisError, Progress
from taketwo.analysis.words import WordsOptions
from taketwo.analysis.words_model import ENV_FOLDER
from taketwo.domain import Take
from taketwo.storage import Library, LibraryError


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What every caller passes the same way. ``words``: also transcribe (when a model is
    installed); ``model_folder``: the folder chosen in Settings → Analysis, "" for none."""

    words: bool = True
    model_folder: str = ""

    @classmethod
    def from_environment(
        cls, model_folder: str | None = None, words: bool = True
    ) -> AnalyzeOptions:
        """The command line's options: ``--words-model``, else ``TAKETWO_WORDS_MODEL``."""
        folder = model_folder if model_folder is not None else os.environ.get(ENV_FOLDER, "")
        return cls(words=words, model_folder=folder.strip())

    def words_options(self) -> WordsOptions | None:
        return WordsOptions(self.model_folder) if self.words else None


def analyze_path(
    path: Path,
    options: AnalyzeOptions,
    progress: Progress = lambda f, t: True,
    *,
    target_seconds: float | None = None,
    key_points: list[str] | None = None,
) -> dict[str, Any]:
    """A media file outside the library: measured, not stored."""
    return analyze_in_child(
        path,
        target_seconds,
        progress,
        words=options.words_options(),
        key_points=key_points or [],
    )


def analyze_take(
    library: Library,
    take_id: int,
    options: AnalyzeOptions,
    progress: Progress = lambda f, t: True,
) -> dict[str, Any]:
    """Measure a finished take and store the result with it. Raises :class:`LibraryError` for a
    take that cannot be analysed, :class:`AnalysisError` (stored too) when the file cannot be
    measured, :class:`AnalysisCancelled` (nothing stored) when ``progress`` said stop."""
    take = library.get_take(take_id)
    if not take.state.playable or take.path is None:
        raise LibraryError(
            f"take {take_id} is {take.state.value}; only a finished take can be analysed"
        )
    question = library.get_question(take.question_id)
    try:
        result = analyze_path(
            take.path,
            options,
            progress,
            target_seconds=question.target_seconds,
            key_points=list(question.key_points),
        )
    except AnalysisError as exc:
        library.save_analysis(take_id, {"version": VERSION}, error=str(exc))
        raise
    if not progress(1.0, "Saving the analysis"):
        raise AnalysisCancelled()  # cancelled as it finished: still nothing stored
    library.save_analysis(take_id, result)
    return result


def takes_to_analyze(library: Library, *, again: bool = False) -> list[Take]:
    """Takes not yet analysed by this version of the analysis (every one with ``again``)."""
    return library.takes_to_analyze(VERSION, again=again)


def analyze_all(
    library: Library,
    options: AnalyzeOptions,
    *,
    again: bool = False,
    on_take: Callable[[int, int, Take], None] = lambda i, n, take: None,
    on_done: Callable[[Take, dict[str, Any] | None, str | None], None] = lambda t, r, e: None,
) -> tuple[list[int], list[dict[str, Any]]]:
    """Every take to analyse, one after another, through :func:`analyze_take`: (ids done,
    [{"take_id", "error"}] failed). A take that fails does not stop the others."""
    done: list[int] = []
    failed: list[dict[str, Any]] = []
    takes = takes_to_analyze(library, again=again)
    for i, take in enumerate(takes, 1):
        assert take.id is not None
        on_take(i, len(takes), take)
        try:
            result = analyze_take(library, take.id, options)
        except (AnalysisError, LibraryError) as exc:
            failed.append({"take_id": take.id, "error": str(exc)})
            on_done(take, None, str(exc))
            continue
        done.append(take.id)
        on_done(take, result, None)
    return done, failed
