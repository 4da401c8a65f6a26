"""Bundle benchmark: how long the one-folder build takes, how big it is, and where the size is.

Builds with packaging/build-bundle.sh into a temporary folder (or measures one already built),
then prints a table next to a reference figure (18 s / 562 MB for a comparable untrimmed
PyInstaller one-folder app with QtMultimedia, av, cv2 and sounddevice, measured once on a 2-core
Debian 12 machine), and the time `taketwo --version` takes from a cold-ish start.

    .venv/bin/python bench/bundle.py
    .venv/bin/python bench/bundle.py --bundle dist/taketwo     # no build, just measure
    .venv/bin/python bench/bundle.py --words    # builds with and without words: both sizes
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def size(path: Path) -> int:
    """Bytes on disk, not counting the symbolic links PyInstaller makes between library folders."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="an already built bundle folder")
    parser.add_argument(
        "--words", action="store_true", help="build with and without words; report both sizes"
    )
    args = parser.parse_args()
    if args.words:
        return words_sizes()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        bundle = args.bundle
        if bundle is None:
            started = time.monotonic()
            subprocess.run(
                ["bash", str(ROOT / "packaging" / "build-bundle.sh"), tmp],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            rows.append(("build (wall)", f"{time.monotonic() - started:.0f} s"))
            bundle = Path(tmp) / "taketwo"
        started = time.monotonic()
        subprocess.run(
            [str(bundle / "taketwo"), "--version"], check=True, stdout=subprocess.DEVNULL
        )
        rows.append(("taketwo --version", f"{time.monotonic() - started:.2f} s"))
        rows.append(("bundle size", f"{size(bundle) / 1e6:.0f} MB"))
        internal = bundle / "_internal"
        parts = sorted(internal.iterdir(), key=size, reverse=True)[:8]
        rows += [(f"  {p.name}", f"{size(p) / 1e6:.0f} MB") for p in parts]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>8}")
    return 0


def words_sizes() -> int:
    """The size the words add: build-bundle.sh without, then with --with-words."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sizes = []
        for flag in ([], ["--with-words"]):
            dist = Path(tmp) / ("words" if flag else "plain")
            started = time.monotonic()
            subprocess.run(
                ["bash", str(ROOT / "packaging" / "build-bundle.sh"), *flag, str(dist)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            took = time.monotonic() - started
            sizes.append(size(dist / "taketwo"))
            label = "with words" if flag else "without words"
            rows.append((f"bundle {label}", f"{sizes[-1] / 1e6:.0f} MB", f"built in {took:.0f} s"))
    rows.append(("words add", f"{(sizes[1] - sizes[0]) / 1e6:.0f} MB", ""))
    for name, value, note in rows:
        print(f"{name:<22}  {value:>8}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
