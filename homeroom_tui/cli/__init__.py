"""The ``homeroom`` command line: :func:`main` parses (:mod:`.parser`) and runs one command.

Each group of commands has its module (``groups``, ``files``, ``icebreakers``, ``meetings``,
``export``), imported only when one of its commands runs: the parser stays light, and ``homeroom``
without a command opens the app with no pydantic or store imported before its first frame.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from homeroom_tui.cli.common import err, visible_streams
from homeroom_tui.cli.parser import parse_arguments, prescan_lang
from homeroom_tui.i18n import detect_language, set_language, t

__all__ = ["dispatch", "main"]


def _tighten_data_dir(args: argparse.Namespace) -> None:
    """An existing data folder open to other users is made private (0700); said once, on stderr."""
    from homeroom_tui.store import resolve_data_dir
    from homeroom_tui.store.atomic import tighten_dir

    root = resolve_data_dir(getattr(args, "data_dir", None))
    old = tighten_dir(root)
    if old is not None:
        print(f"homeroom: {t('store.tightened', path=root, mode=f'{old:04o}')}", file=sys.stderr)


def dispatch(args: argparse.Namespace) -> int:
    """Run the handler the parsed command names (``"module:function"`` in this package)."""
    if not args.opens_app:  # the app says it itself
        _tighten_data_dir(args)
    module, name = args.handler.split(":")
    handler: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit code. Never shows a traceback."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(detect_language(prescan_lang(args_list)))
    with visible_streams():
        return _parse_and_dispatch(args_list)


def _parse_and_dispatch(args_list: list[str]) -> int:
    try:
        args = parse_arguments(args_list)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    try:
        return dispatch(args)
    except KeyboardInterrupt:
        err(t("cli.interrupted"))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback, no note text
        err(t("cli.unexpected", kind=type(exc).__name__))
        return 70
