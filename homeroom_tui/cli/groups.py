"""``homeroom group new`` and ``homeroom groups``."""

from __future__ import annotations

import argparse
import sys

from pydantic import ValidationError

from homeroom_tui.cli.common import err, print_problems
from homeroom_tui.i18n import t, t_count
from homeroom_tui.program.progress import progress
from homeroom_tui.store import DamagedFile, Store, os_reason, resolve_data_dir
from homeroom_tui.store.errors import dotted, printable, reason


def cmd_group_new(args: argparse.Namespace) -> int:

    members = [m for m in args.member if m.strip()]
    if not members:
        err(t("cli.no_members"))
        return 2
    store = Store(resolve_data_dir(args.data_dir))
    try:
        group = store.create_group(
            args.name,
            members,
            counselor=args.counselor,
            meetings_planned=args.meetings,
            first_meeting=args.start,
            every_days=args.every,
        )
    except DamagedFile as exc:
        print_problems(exc.problems)
        return 1
    except OSError as exc:
        err(t("cli.cannot_write", path=store.root, reason=os_reason(exc)))
        return 1
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        if not isinstance(exc, ValidationError):
            raise
        for item in exc.errors(include_input=False, include_url=False):
            loc = list(item["loc"])
            if loc[:1] == ["members"] and len(loc) > 1 and isinstance(loc[1], int):
                field = t("cli.member_n", number=loc[1] + 1) + (" " + dotted(loc[2:]) if loc[2:] else "")
            else:
                field = dotted(loc) or "-"
            err(t("cli.invalid_field", field=field, reason=reason(item)))
        return 2
    print(t_count("cli.group_created", len(group.members), name=group.name, path=store.group_path(group.id)))
    print(group.id)
    return 0


def cmd_groups(args: argparse.Namespace) -> int:

    loaded = Store(resolve_data_dir(args.data_dir)).load_all(keep=lambda _: False)
    print_problems(loaded.problems, to="stderr")
    if not loaded.groups:
        print(t("cli.no_groups"), file=sys.stderr)
    for group in loaded.groups:
        state = progress(group, loaded.stubs.get(group.id, []))
        next_date = state.next_date.isoformat() if state.next_date else t("cli.next_none")
        row = [group.id, group.name, str(len(group.active_members)), f"{state.done}/{state.planned}", next_date]
        print("\t".join(printable(cell) for cell in row))
    return 1 if loaded.problems else 0
