"""``homeroom mirror [GROUP]``: the meeting being run, on a second terminal for the room. Writes nothing."""

from __future__ import annotations

import argparse

from homeroom_tui.cli.common import err, icebreakers_file, raw_streams
from homeroom_tui.i18n import t


def cmd_mirror(args: argparse.Namespace) -> int:
    """Follow the meeting running on the data folder (of GROUP, when given) until q."""
    from homeroom_tui.screens.mirror import make_mirror_app
    from homeroom_tui.store import Store, resolve_data_dir

    root = resolve_data_dir(args.data_dir)
    if args.group and args.group not in Store(root).group_ids():
        err(t("cli.unknown_group", id=args.group))
        return 2
    app = make_mirror_app(root, args.group, show_group=args.show_group, icebreakers=icebreakers_file(args))
    with raw_streams():
        app.run()
    return int(app.return_code or 0)
