"""Bundle benchmark: how long the one-folder build takes, how big it is, and where the size is.

Builds with packaging/build-bundle.sh into a temporary folder (or measures one already built),
then prints a table next to a reference figure (18 s / 562 MB for a comparable untrimmed
PyInstaller one-folder app with QtMultimedia, av, cv2 and sounddevice, measured once on a 2-core
Debian 12 machine), and the time `taketwo --version` takes from a cold-ish start.

    .venv/bin/python bench/bundle.py
    .venv/bin/python bench/bundle.py --bundle dist/taketwo     # no build, just measure
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    sys.exit(main())
