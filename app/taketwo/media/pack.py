"""The coach pack: one zip with the clips and an ``index.html`` that plays them offline.

The page is a template under ``resources/coach_pack/`` with the pack's data inlined as JSON, so
a double-click (``file://``) shows everything with nothing fetched. This module writes a planned
pack; :mod:`taketwo.workflow.pack` plans it from the library and remembers it there.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from taketwo.domain.formatting import os_error_text
from taketwo.domain.work import Cancelled, Progress
from taketwo.media.export import (
    ExportError,
    check_output,
    export_take,
    read_facts,
)
from taketwo.media.remux import finalize
from taketwo.paths import resource_path
from taketwo.safe_output import OutputRefused, writing

TEMPLATE = ("coach_pack", "index.html")
DATA_MARK = "/*PACK_DATA*/null"


class PackError(ExportError):
    """A pack that cannot be made; nothing was written."""


@dataclass(frozen=True, slots=True)
class PackTake:
    take_id: int
    number: int
    recorded: str  # ISO 8601, local time
    comfort: int | None
    notes: str
    duration: float
    clip: str  # path inside the zip
    source: str  # the take's file (not put in the page)


@dataclass(frozen=True, slots=True)
class PackPlan:
    pack_id: str
    question: str
    mistake: str
    ask: str
    takes: tuple[PackTake, ...]
    skipped: tuple[str, ...] = ()  # takes of the question left out, each with why

    def page_data(self) -> dict[str, object]:
        takes = [{k: v for k, v in asdict(t).items() if k != "source"} for t in self.takes]
        return {
            "pack_id": self.pack_id,
            "question": self.question,
            "mistake": self.mistake,
            "ask": self.ask,
            "takes": takes,
        }


def render_page(plan: PackPlan) -> str:
    template = resource_path(*TEMPLATE).read_text("utf-8")
    data = json.dumps(plan.page_data(), ensure_ascii=False)
    # Inlined in a <script>: no "</script>" or "<!--" may end it early.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    if DATA_MARK not in template:
        raise PackError("the coach pack template is damaged (no data mark)")
    return template.replace(DATA_MARK, data)


def write_pack(
    plan: PackPlan,
    output: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    work_root: Path | None = None,
) -> Path:
    """Write the zip (0600) through a partial file beside it; all or nothing. The browser-ready
    copies of the takes are made in the empty folder ``work_root`` (in the library's own
    temporary folder), which is removed afterwards."""
    output = Path(output)
    check_output(output, force=force)
    work = work_root or Path(tempfile.mkdtemp(prefix="taketwo-pack-"))  # 0700
    count = len(plan.takes)
    try:
        clips = []
        for i, take in enumerate(plan.takes):

            def step(fraction: float, text: str, i: int = i, n: int = take.number) -> bool:
                return progress is None or progress(
                    (i + fraction) / (count + 0.2), f"Take {n}: {text}"
                )

            clip = work / Path(take.clip).name
            _browser_ready_copy(Path(take.source), clip, step, take.duration or None)
            clips.append((clip, take.clip))
        if progress is not None and not progress(count / (count + 0.2), "Writing the zip"):
            raise Cancelled("pack cancelled")
        with (
            writing(output, force=force) as partial,
            open(partial, "wb") as raw,
            zipfile.ZipFile(raw, "w") as zf,
        ):
            zf.writestr(_entry("index.html"), render_page(plan), zipfile.ZIP_DEFLATED)
            for clip, name in clips:  # video does not deflate: store it
                zf.write(clip, name, zipfile.ZIP_STORED)
    except OutputRefused as exc:
        raise PackError(str(exc)) from None
    except OSError as exc:
        raise PackError(os_error_text(exc, output)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return output


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = 0o600 << 16
    return info


def _browser_ready_copy(
    src: Path, dst: Path, progress: Callable[[float, str], bool], recorded: float | None
) -> None:
    """Takes the recorder wrote are H.264 + AAC already: a faststart copy is enough.
    Anything else (an imported file) is re-encoded. A truncated take is refused."""
    source = read_facts(src, 0.0, 0.0, recorded)
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    if source.facts.copyable and _audio_is_aac(src) and src.suffix.lower() in (".mp4", ".m4v"):
        if not progress(0.0, "copying"):
            raise Cancelled("pack cancelled")
        finalize(src, dst)
        os.chmod(dst, 0o600)
        return
    dst.unlink()
    export_take(src, dst, progress=progress, recorded=recorded)


def _audio_is_aac(path: Path) -> bool:
    import av

    with av.open(str(path)) as inp:
        return not inp.streams.audio or inp.streams.audio[0].codec_context.name == "aac"
