"""``homeroom attach GROUP MEETING PATH...``: copy photos, recordings, scanned forms into a meeting's documentation."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from homeroom_tui.cli.common import err, find_group, print_problems
from homeroom_tui.i18n import t, t_count
from homeroom_tui.plain import visible
from homeroom_tui.program.attachments import review_lines, size_text
from homeroom_tui.program.locks import where_text
from homeroom_tui.store import DamagedFile, SaveRefused, Store, os_reason
from homeroom_tui.store.attachments import AttachError, attach, folder_of, remove
from homeroom_tui.store.errors import printable
from homeroom_tui.store.lock import LockHeld


def cmd_attach(args: argparse.Namespace) -> int:

    found = find_group(args)
    if isinstance(found, int):
        return found
    store, group = found
    number: int = args.number
    if not store.meeting_path(group.id, number).exists():
        err(t("cli.attach_no_meeting", group=group.id, number=number))
        return 2
    if args.list or (not args.paths and args.remove is None):
        return _list(store, group.id, number)
    if args.paths and args.remove is not None:
        err(t("cli.attach_both"))
        return 2
    try:
        if args.remove is not None:
            gone = remove(store, group.id, number, args.remove)
            print(t("cli.attach_removed", file=printable(gone.file)))
            return 0
        _, added = attach(store, group.id, number, [Path(p) for p in args.paths], args.note, args.member)
    except AttachError as exc:
        print_problems([exc.problem])
        print(t("cli.attach_nothing"), file=sys.stderr)
        return 1
    except DamagedFile as exc:
        print_problems(exc.problems)
        print(t("cli.attach_nothing"), file=sys.stderr)
        return 1
    except LockHeld as exc:
        err(t("cli.attach_open", where=visible(where_text(exc.holder))))
        return 1
    except SaveRefused as exc:
        print_problems(exc.problems)
        print(t("cli.attach_nothing"), file=sys.stderr)
        return 1
    except ValidationError as exc:
        for item in exc.errors(include_input=False, include_url=False):
            err(t("cli.invalid_field", field=".".join(str(p) for p in item["loc"]), reason=item["msg"]))
        return 2
    except OSError as exc:
        err(t("cli.cannot_write", path=store.group_dir(group.id), reason=os_reason(exc)))
        return 1
    folder = folder_of(store, group.id, number)
    for attachment in added:
        print(printable(os.path.abspath(folder / attachment.file)))
    print(t_count("cli.attach_done", len(added), size=size_text(sum(a.size for a in added))), file=sys.stderr)
    return 0


def _list(store: Store, group_id: str, number: int) -> int:
    try:
        meeting = store.load_meeting(store.load_group(group_id), number)
    except DamagedFile as exc:
        print_problems(exc.problems)
        return 1
    lines = review_lines(meeting, folder_of(store, group_id, number))
    if not lines:
        print(t("cli.attach_none"), file=sys.stderr)
    for line in lines:
        print("\t".join(printable(cell) for cell in (line.file, line.kind, line.size, line.who, line.where)))
    return 0
