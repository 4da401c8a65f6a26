"""Writing a file where the user said, and nowhere else: the one path every command that saves
a file takes (take export, pack, library export, note save, record --output).

- A name inside the library folder is refused: the library's own files are never the target.
- The work goes to a private partial file made by ``mkstemp`` beside the target, named
  ``.NAME.taketwo-PID-XXXXXXXX.partial`` so a later run can tell ours from the user's; it is
  removed by the process that made it, or by the next write to that name once its maker is
  gone. A user's own ``.NAME.partial`` is never touched.
- The finished file replaces the *name* the user gave (``os.replace``/``os.link``): an
  existing symlink there is replaced, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from taketwo.files import fsync_dir, process_alive

_PARTIAL = re.compile(r"^\.(?P<name>.+)\.taketwo-(?P<pid>\d+)-[A-Za-z0-9_]+\.partial$")


class OutputRefused(ValueError):
    """An output path that must not be written; the message is one line for the user."""


def inside(path: Path, folder: Path) -> bool:
    """``path`` (which need not exist) lies in ``folder``, links in its parents followed."""
    try:
        real_folder = folder.resolve()
        real = path.parent.resolve() / path.name
    except (OSError, RuntimeError):
        return False
    return real == real_folder or real_folder in real.parents


def check_output(
    output: Path, *, force: bool = False, library: Path | None = None, what: str = "the file"
) -> Path:
    """``output`` made absolute, once it is known to be a place the user may write to."""
    output = Path(output).expanduser().absolute()
    if library is not None and inside(output, library):
        raise OutputRefused(f"write {what} outside the library folder; its files are its own")
    folder = output.parent
    if not folder.is_dir():
        raise OutputRefused(f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(f"the folder {folder} is not writable")
    if output.is_dir() and not output.is_symlink():
        raise OutputRefused(f"{output} is a folder")
    if (output.exists() or output.is_symlink()) and not force:
        raise OutputRefused(f"{output} already exists (use --force to replace it)")
    return output


def clean_stale_partials(folder: Path, name: str | None = None) -> list[Path]:
    """Remove partial files of ours in ``folder`` (for ``name``, or any) whose maker is gone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PARTIAL.match(entry.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        if process_alive(int(match["pid"])) or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def new_partial(output: Path) -> Path:
    """A new, empty, private (0600) partial file beside ``output``, unique to this call."""
    clean_stale_partials(output.parent, output.name)
    fd, name = tempfile.mkstemp(
        prefix=f".{output.name[:120]}.taketwo-{os.getpid()}-", suffix=".partial", dir=output.parent
    )
    os.close(fd)
    return Path(name)


def publish(partial: Path, output: Path, *, force: bool) -> None:
    """Put the finished ``partial`` in place under the name ``output`` (durably)."""
    with open(partial, "rb") as f:
        os.fsync(f.fileno())
    if force:
        os.replace(partial, output)  # replaces a link named output, never writes through it
    else:
        try:
            os.link(partial, output)  # fails rather than replace a file made meanwhile
        except FileExistsError:
            raise OutputRefused(f"{output} already exists (use --force to replace it)") from None
        partial.unlink()
    fsync_dir(output.parent)


@contextlib.contextmanager
def writing(output: Path, *, force: bool = False) -> Iterator[Path]:
    """A partial file to write into; it becomes ``output`` if the block ends normally and is
    removed otherwise."""
    partial = new_partial(output)
    try:
        yield partial
        publish(partial, output, force=force)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def write_bytes(output: Path, data: bytes, *, force: bool = False) -> Path:
    with writing(output, force=force) as partial:
        partial.write_bytes(data)
    return output


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)
