"""``taketwo note draft|name|save|mailto|edit|reset|sent``: the thank-you note after an
interview."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, open_library, out, positive_id, read_text_arg
from taketwo.cli.interview import parse_date
from taketwo.workflow.note import note_view, note_view_text, save_note_file


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("note", parents=[common], help="the thank-you note after an interview")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("draft", parents=[common], help="print the note as it stands")
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.add_argument("--format", choices=["txt", "json"], default="txt")
    a.set_defaults(handler=run_draft)
    a = actions.add_parser(
        "name", parents=[common], help="the name notes are signed with (Settings → Your name)"
    )
    a.add_argument("name", nargs="?", help="your name (leave out to show it)")
    a.set_defaults(handler=run_name)
    a = actions.add_parser("save", parents=[common], help="save the note as a new .txt file")
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.add_argument("path", help="the file to write (an existing file is never overwritten)")
    a.set_defaults(handler=run_save)
    a = actions.add_parser(
        "mailto", parents=[common], help="a mailto: link that opens the note in a mail client"
    )
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.set_defaults(handler=run_mailto)
    a = actions.add_parser(
        "edit",
        parents=[common],
        help="replace the note's text; the draft stops following the debrief",
    )
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.add_argument("text", help="the note (- reads it from standard input)")
    a.set_defaults(handler=run_edit)
    a = actions.add_parser("reset", parents=[common], help="go back to the composed draft")
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.set_defaults(handler=run_reset)
    a = actions.add_parser("sent", parents=[common], help="mark the note sent")
    a.add_argument("id", type=positive_id, metavar="INTERVIEW_ID")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    a.add_argument("--undo", action="store_true", help="mark it not sent")
    a.set_defaults(handler=run_sent)


def run_draft(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        view = note_view(lib, args.id, datetime.now())
    if args.format == "json":
        args.json = True
    data = {
        "interview_id": args.id,
        "to": list(view.addresses),
        "to_line": view.to,
        "subject": view.subject,
        "text": view.text,
        "sources": view.sources,
        "state": view.state,
        "edited": view.edited,
        "sent_on": view.sent_on,
        "status": view.status.value,
        "due": view.due_at,
        "due_text": view.due,
    }

    def show() -> None:
        out(note_view_text(view), end="")

    emit(args, data, show)
    return 0


def run_name(args: argparse.Namespace) -> int:
    with open_library(args, readonly=args.name is None) as lib:
        name = lib.your_name() if args.name is None else lib.set_your_name(args.name)
    emit(
        args,
        {"name": name},
        f"notes are signed {name}" if name else "no name set: notes are not signed",
    )
    return 0


def run_save(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        path = save_note_file(lib, args.id, Path(args.path))
    emit(args, {"interview_id": args.id, "path": path}, f"saved the note to {path}")
    return 0


def run_mailto(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        link = lib.note_mail_link(args.id)

    def show() -> None:
        out(link.url)
        if not link.body_included:
            out(
                "taketwo: the note is too long for a mailto: link, so the link holds only the "
                "subject; paste the text from `taketwo note draft`",
                file=sys.stderr,
            )

    emit(args, {"url": link.url, "body_included": link.body_included}, show)
    return 0


def run_edit(args: argparse.Namespace) -> int:
    text = read_text_arg(args.text)
    if not text.strip():
        raise CommandError("the note cannot be empty; `taketwo note reset` goes back to the draft")
    with open_library(args) as lib:
        state = lib.save_note_text(args.id, text)
    emit(args, state, f"saved your text for interview {args.id}'s note")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        state = lib.reset_note(args.id)
    emit(args, state, f"interview {args.id}'s note follows the debrief again")
    return 0


def run_sent(args: argparse.Namespace) -> int:
    on = None if args.undo else (parse_date(args.date) or date.today())
    with open_library(args) as lib:
        state = lib.mark_note_sent(args.id, on)
    emit(
        args,
        state,
        f"interview {args.id}'s note: " + (f"sent on {on.isoformat()}" if on else "not sent"),
    )
    return 0
