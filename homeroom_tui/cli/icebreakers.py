"""``homeroom icebreakers list``, ``pick`` and ``check``: the ice-breaker library on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from homeroom_tui.cli.common import checked_text, err, icebreakers_file, library, print_problems
from homeroom_tui.cli.files import warn_controls
from homeroom_tui.i18n import get_language, t, t_count
from homeroom_tui.plain import visible
from homeroom_tui.program.icebreakers import (
    USER_FILE,
    Filters,
    Picker,
    PickRequest,
    builtin_path,
    candidates,
    describe_text,
    parse_library,
    request_for,
)
from homeroom_tui.program.meetings import open_meeting
from homeroom_tui.store import DamagedFile, Store, resolve_data_dir


def _table(rows: list[list[str]]) -> str:

    rows = [[visible(cell) for cell in row] for row in rows]  # escaped before measuring: the columns line up
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def cmd_list(args: argparse.Namespace) -> int:

    found_library = library(args)
    request = PickRequest(
        stage=args.stage,
        size=args.size,
        minutes=args.minutes,
        filters=Filters(energy=args.energy, purpose=args.purpose),
    )
    found = candidates(found_library.items.values(), request)
    rows = [[t(f"cli.ib.col.{c}") for c in ("id", "name", "minutes", "size", "energy", "purpose")]]
    lang = get_language()
    for item in sorted(found.items, key=lambda i: (i.purpose, i.id)):
        rows.append(
            [
                item.id,
                item.name.text(lang),
                f"{item.duration_min}-{item.duration_max}",
                f"{item.group_min}-{item.group_max}",
                t(f"energy_level.{item.energy}"),
                t(f"purpose.{item.purpose}"),
            ]
        )
    if len(rows) == 1:
        print(t("cli.ib.none"))
        return 0
    print(_table(rows))
    print(t_count("cli.ib.count", len(rows) - 1), file=sys.stderr)
    return 0


def cmd_pick(args: argparse.Namespace) -> int:

    found_library = library(args)
    if args.group:
        store = Store(resolve_data_dir(args.data_dir))
        if not store.group_path(args.group).exists():
            err(t("cli.unknown_group", id=args.group))
            return 2
        try:
            group = store.load_group(args.group)
            meeting, meetings = open_meeting(store, group)
        except DamagedFile as exc:
            print_problems(exc.problems)
            return 1
        request = request_for(group, meeting, meetings, stage=args.stage, minutes=args.minutes, size=args.size)
        print(t("cli.ib.for_meeting", number=meeting.number, group=group.name), file=sys.stderr)
    else:
        request = PickRequest(stage=args.stage, size=args.size, minutes=args.minutes)
    found = candidates(found_library.items.values(), request)
    picker = Picker(found, request, seed=args.seed)
    item = picker.roll()
    if item is None:
        print(t("cli.ib.none"))
        return 1
    if found.refilled:
        print(t("ib.refilled"), file=sys.stderr)
    print(f"[{item.id}]")
    print(describe_text(item, get_language()))
    return 0


def cmd_check(args: argparse.Namespace) -> int:

    if args.path:
        path = Path(args.path)
        if not path.exists() and not path.is_symlink():
            err(t("cli.check_no_path", path=path))
            return 2
    else:
        user = icebreakers_file(args) or resolve_data_dir(args.data_dir) / USER_FILE
        path = user if (user.exists() or user.is_symlink()) else builtin_path()
    try:
        items = parse_library(path)
    except DamagedFile as exc:
        print_problems(exc.problems, to="stdout")
        print(checked_text("cli.check_bad", len(exc.problems), 1), file=sys.stderr)
        return 1
    if path != builtin_path():
        warn_controls([path], [])
    print(t_count("cli.ib.check_ok", len(items), path=path), file=sys.stderr)
    return 0
