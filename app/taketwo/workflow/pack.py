"""Make a coach pack of a question's takes: plan it from the library, write it
(:mod:`taketwo.media.pack`), remember it. The pack's random id goes into the page and into the
library; the feedback file the page saves carries it back. The app and ``taketwo pack`` share it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from taketwo.domain import Take
from taketwo.domain.work import Progress
from taketwo.media.export import check_output
from taketwo.media.pack import PackError, PackPlan, PackTake, write_pack
from taketwo.storage import Library, LibraryError
from taketwo.storage.layout import slugify

__all__ = ["PackError", "PackPlan", "clip_name", "make_pack", "plan_pack"]


def clip_name(prompt: str, number: int, suffix: str = ".mp4") -> str:
    """``why-do-you-want-this-job-take-03.mp4``: ASCII, no reserved characters, short."""
    return f"{slugify(prompt, 40)}-take-{number:02d}{suffix}"


def plan_pack(
    library: Library,
    *,
    take_ids: list[int] | None = None,
    question_id: int | None = None,
    ask: str = "",
) -> PackPlan:
    """What goes in the pack: the question's playable takes, or the chosen ones."""
    skipped: list[str] = []
    try:
        if take_ids:
            takes = [library.get_take(i) for i in take_ids]
        elif question_id is not None:
            takes = [t for t in library.list_takes(question_id) if t.state.playable]
            skipped = [f"take {t.id}: {why}" for t in takes if (why := _unpackable(t))]
            takes = [t for t in takes if not _unpackable(t)]
        else:
            raise PackError("choose a question or some takes for the pack")
        if not takes:
            why = f" ({'; '.join(skipped)})" if skipped else ""
            raise PackError(f"question {question_id} has no finished takes to send{why}")
        question_ids = {t.question_id for t in takes}
        if len(question_ids) > 1:
            raise PackError(
                f"a pack is about one question; these takes answer {len(question_ids)} questions"
            )
        question = library.get_question(takes[0].question_id)
        mistake = ""
        if question.mistake_id is not None:
            m = library.get_mistake(question.mistake_id)
            mistake = " — ".join(x for x in (m.asked, m.what_went_wrong) if x)
    except LibraryError as exc:
        raise PackError(str(exc)) from None
    entries = []
    for take in takes:
        entries.append(_pack_take(take, question.prompt))
    return PackPlan(
        uuid.uuid4().hex, question.prompt, mistake, ask.strip(), tuple(entries), tuple(skipped)
    )


def _unpackable(take: Take) -> str:
    """Why a finished take cannot go in a pack ('' when it can): one bad take of a question
    is left out and named, rather than failing the whole pack."""
    if take.path is None or not take.path.is_file():
        return "its file is missing"
    if take.path.stat().st_size == 0 or not (take.duration or 0) > 0:
        return "its file holds no recording"
    return ""


def _pack_take(take: Take, prompt: str) -> PackTake:
    assert take.id is not None
    if not take.state.playable:
        raise PackError(f"take {take.id} is {take.state.value}; only finished takes can be sent")
    if take.path is None or not take.path.is_file():
        raise PackError(f"take {take.id}'s file is missing: {take.path}")
    return PackTake(
        take.id,
        take.number,
        take.created.astimezone().isoformat(timespec="minutes"),
        take.comfort,
        take.notes,
        float(take.duration or 0.0),
        f"clips/{clip_name(prompt, take.number)}",
        str(take.path),
    )


def make_pack(
    library: Library,
    output: Path,
    *,
    take_ids: list[int] | None = None,
    question_id: int | None = None,
    ask: str = "",
    force: bool = False,
    progress: Progress | None = None,
) -> PackPlan:
    """Plan, write and remember one pack: the path the app and ``taketwo pack`` share."""
    check_output(Path(output), force=force, library=library.folder, what="the pack")
    plan = plan_pack(library, take_ids=take_ids, question_id=question_id, ask=ask)
    write_pack(
        plan, Path(output), force=force, progress=progress, work_root=library.temp_folder("pack")
    )
    try:
        library.record_pack(plan.pack_id, [t.take_id for t in plan.takes], plan.ask)
    except LibraryError as exc:
        Path(output).unlink(missing_ok=True)  # feedback on it could never come back
        raise PackError(f"the pack was not kept: {exc}") from None
    return plan
