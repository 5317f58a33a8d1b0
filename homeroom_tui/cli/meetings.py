"""The commands that open the app: none (the app itself), ``meeting``, ``review`` and ``demo``."""

from __future__ import annotations

import argparse
from pathlib import Path

from homeroom_tui.cli.common import find_group, icebreakers_file, print_problems, raw_streams
from homeroom_tui.i18n import t


def run_app(
    data_dir: Path,
    icebreakers: Path | None = None,
    meeting: tuple[str, int | None] | None = None,
    bell: bool = True,
    review: str | None = None,
) -> int:
    from homeroom_tui.app import make_app

    app = make_app(data_dir=data_dir, icebreakers=icebreakers, meeting=meeting, bell=bell, review=review)
    with raw_streams():
        app.run()
    return int(app.return_code or 0)


def cmd_app(args: argparse.Namespace) -> int:
    """``homeroom`` without a command: the app on the data folder."""
    from homeroom_tui.store import resolve_data_dir

    return run_app(resolve_data_dir(args.data_dir), icebreakers_file(args))


def cmd_meeting(args: argparse.Namespace) -> int:
    from homeroom_tui.program.meetings import open_meeting
    from homeroom_tui.store import DamagedFile

    found = find_group(args)
    if isinstance(found, int):
        return found
    store, group = found
    try:  # refuse before the app starts: a damaged file is reported here, with its reason
        open_meeting(store, group, args.number)
    except DamagedFile as exc:
        print_problems(exc.problems)
        return 1
    return run_app(store.root, icebreakers_file(args), meeting=(args.group, args.number), bell=not args.no_bell)


def cmd_review(args: argparse.Namespace) -> int:
    from homeroom_tui.store import resolve_data_dir

    if args.group:  # the review reads the meetings itself, and lists damaged files in its Problems tab
        found = find_group(args)
        if isinstance(found, int):
            return found
    return run_app(resolve_data_dir(args.data_dir), icebreakers_file(args), review=args.group or "")


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the demo data and open the app on it.

    A temporary folder (no ``--data-dir``) is removed when the app closes: the demo leaves nothing
    behind. ``--no-tui`` keeps the folder it wrote and prints it, for use afterwards.
    """
    import shutil
    import tempfile

    from homeroom_tui.program.demo import write_demo

    temporary = not args.data_dir
    root = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="homeroom-demo-"))
    try:
        write_demo(root)
        if args.no_tui:
            temporary = False
            print(t("cli.demo_written", path=root))
            print(root)
            return 0
        return run_app(root, icebreakers_file(args))
    finally:
        if temporary:
            from homeroom_tui.store.index import forget

            shutil.rmtree(root, ignore_errors=True)
            forget(root)  # and its index in the cache folder: the demo leaves nothing behind
