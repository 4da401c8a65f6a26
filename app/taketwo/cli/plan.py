"""``taketwo plan INTERVIEW_ID``: the whole recovery plan for an interview on one page."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from taketwo.cli.common import emit, open_library, out, positive_id
from taketwo.domain.plan import plan_markdown


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plan", parents=[common], help="an interview's recovery plan on one page")
    p.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    p.add_argument("--format", choices=["md", "json"], default="md")
    p.set_defaults(handler=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        plan = lib.debrief_plan(args.id, datetime.now())
    if args.format == "json":
        args.json = True

    def show() -> None:
        out(plan_markdown(plan), end="")

    emit(args, plan, show)
    return 0
