"""``taketwo search TEXT``: questions, mistakes, interview notes and take notes/transcripts."""

from __future__ import annotations

import argparse
from typing import Any

from taketwo.cli.common import emit, open_library, out, whole_number


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common], help="full-text search of the library")
    p.add_argument("text", nargs="+", help="words to find (all must match; prefixes match)")
    p.add_argument(
        "--limit", type=whole_number(0, 10_000), default=50, help="at most this many results (50)"
    )
    p.add_argument("--trashed", action="store_true", help="include the trash")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        hits = lib.search(
            " ".join(args.text), limit=max(1, args.limit), include_trashed=args.trashed
        )

    def text() -> None:
        if not hits:
            out("nothing found")
        for hit in hits:
            out(f"{hit.kind:<9} {hit.id:>5}  {hit.title}")
            if hit.snippet and hit.snippet != hit.title:
                out(f"{'':16}{hit.snippet}")

    emit(args, hits, text)
    return 0
