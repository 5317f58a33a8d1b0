"""The argument parser of ``homeroom``, with its texts in the current language.

Light on purpose: building and running it imports no pydantic, no Textual and no store, so that
``homeroom`` (which opens the app) starts fast. Each command names its handler as
``"module:function"`` (``set_defaults(handler=...)``), imported only when the command runs.

argparse's own words (``usage:``, the section titles, ``-h``, its error messages) come from the
catalogs through :class:`Parser`; nothing in argparse itself is changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from homeroom_tui import __version__
from homeroom_tui.i18n import LANGUAGES, t
from homeroom_tui.terms import ENERGIES, PURPOSES, STAGE_KEYS


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with ``usage:`` in the current language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, t("argparse.usage") if prefix is None else prefix)


_PLACEHOLDER = re.compile(r"%\((\w+)\)[rs]|%s")


def _argparse_messages() -> dict[str, str]:
    """The messages of argparse (always English) a counselor meets, and the same in the current language."""
    return {
        "argument %(argument_name)s: %(message)s": t("argparse.argument"),
        "the following arguments are required: %s": t("argparse.required"),
        "unrecognized arguments: %s": t("argparse.unrecognized"),
        "invalid choice: %(value)r (choose from %(choices)s)": t("argparse.invalid_choice"),
        "expected one argument": t("argparse.expected_one"),
    }


def _fields(template: str, message: str) -> dict[str, str] | None:
    """The values of ``template``'s placeholders in ``message``, if ``message`` was made from it."""
    parts, end = [], 0
    for placeholder in _PLACEHOLDER.finditer(template):
        parts += [re.escape(template[end : placeholder.start()]), f"(?P<{placeholder.group(1) or 's'}>.*?)"]
        end = placeholder.end()
    found = re.fullmatch("".join(parts) + re.escape(template[end:]), message, re.DOTALL)
    return found.groupdict() if found else None


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its placeholders replaced by ``values`` (already written out)."""
    return _PLACEHOLDER.sub(lambda placeholder: values[placeholder.group(1) or "s"], template)


def _in_our_words(message: str) -> str:
    """An error message of argparse in the current language (one it has no translation of stays as it is)."""
    for english, ours in _argparse_messages().items():
        values = _fields(english, message)
        if values is not None:
            if "message" in values:  # "argument --lang: invalid choice: ..."
                values["message"] = _in_our_words(values["message"])
            return _fill(ours, values)
    return message


class Parser(argparse.ArgumentParser):
    """argparse's parser, saying its own words (usage, section titles, ``-h``, errors) in the current language."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = t("argparse.positional")
        self._optionals.title = t("argparse.options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("argparse.help"))

    def error(self, message: str) -> NoReturn:
        """The usage and ``homeroom: error: ...`` on stderr, then exit 2."""
        self.print_usage(sys.stderr)
        self.exit(2, t("argparse.error") % {"prog": self.prog, "message": _in_our_words(message)})


def prescan_lang(argv: Sequence[str]) -> str | None:
    """``--lang`` must take effect before the parser (and its help texts) is built; the last one wins."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def _date(value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", value=value)) from None


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(t("cli.bad_range", value=value, low=low, high=high))
        return number

    return parse


_positive = _whole(1, 10_000)


def _add_global_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=default, help=t("cli.help.data_dir"))
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=t("cli.help.lang"))
    parser.add_argument("--icebreakers", metavar="PATH", default=default, help=t("cli.help.icebreakers_file"))


def _top_parser(exit_on_error: bool = True) -> Parser:
    """``homeroom`` and its options before any command; without a command, the app opens."""
    parser = Parser(
        prog="homeroom",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        allow_abbrev=False,
        exit_on_error=exit_on_error,
    )
    parser.add_argument("--version", action="version", version=f"homeroom {__version__}", help=t("cli.help.version"))
    _add_global_options(parser)
    parser.set_defaults(handler="meetings:cmd_app", opens_app=True)
    return parser


def build_parser() -> Parser:
    """The argument parser, with help texts in the current language."""
    parser = _top_parser()
    commands = parser.add_subparsers(dest="command", title=t("cli.help.commands"), metavar="COMMAND")

    def sub(
        action: Any, name: str, help_text: str, handler: str | None = None, opens_app: bool = False
    ) -> argparse.ArgumentParser:
        """A command's parser; ``handler`` is ``"module:function"`` in this package, run with the parsed arguments.

        A command that opens the app (``opens_app``) leaves making the data folder private to the app.
        """
        parser: argparse.ArgumentParser = action.add_parser(
            name, help=help_text, description=help_text, allow_abbrev=False
        )
        # --data-dir, --lang and --icebreakers also work after a command (the top-level value wins if both are given)
        _add_global_options(parser, default=argparse.SUPPRESS)
        if handler:
            parser.set_defaults(handler=handler, opens_app=opens_app)
        return parser

    group = sub(commands, "group", t("cli.help.group"))
    group_commands = group.add_subparsers(dest="group_command", metavar="COMMAND", required=True)
    new = sub(group_commands, "new", t("cli.help.group_new"), "groups:cmd_group_new")
    new.add_argument("name", metavar="NAME", help=t("cli.help.group_name"))
    new.add_argument("--member", metavar="NAME", action="append", default=[], help=t("cli.help.member"))
    new.add_argument("--counselor", metavar="NAME", default="", help=t("cli.help.counselor"))
    new.add_argument("--meetings", metavar="N", type=_whole(1, 100), default=4, help=t("cli.help.meetings"))
    new.add_argument("--start", metavar="YYYY-MM-DD", type=_date, help=t("cli.help.start"))
    new.add_argument("--every", metavar="DAYS", type=_whole(1, 365), default=7, help=t("cli.help.every"))

    sub(commands, "groups", t("cli.help.groups"), "groups:cmd_groups")

    check = sub(commands, "check", t("cli.help.check"), "files:cmd_check")
    check.add_argument("path", metavar="PATH", nargs="?", help=t("cli.help.check_path"))

    meeting = sub(commands, "meeting", t("cli.help.meeting"), "meetings:cmd_meeting", opens_app=True)
    meeting.add_argument("group", metavar="GROUP", help=t("cli.help.group_id"))
    meeting.add_argument("number", metavar="NUMBER", nargs="?", type=_whole(1, 100), help=t("cli.help.meeting_number"))
    meeting.add_argument("--no-bell", action="store_true", help=t("cli.help.no_bell"))

    review = sub(commands, "review", t("cli.help.review"), "meetings:cmd_review", opens_app=True)
    review.add_argument("group", metavar="GROUP", nargs="?", help=t("cli.help.group_id"))

    mirror = sub(commands, "mirror", t("cli.help.mirror"), "mirror:cmd_mirror", opens_app=True)  # writes nothing
    mirror.add_argument("group", metavar="GROUP", nargs="?", help=t("cli.help.mirror_group"))
    mirror.add_argument("--show-group", action="store_true", help=t("cli.help.show_group"))

    export = sub(commands, "export", t("cli.help.export"), "export:cmd_export")
    export.add_argument("group", metavar="GROUP", help=t("cli.help.group_id"))
    export.add_argument(
        "--format",
        choices=(
            "markdown",
            "csv",
            "html",
            "qdpx",
            "network",
            "displays",
            "displays-csv",
        ),
        default="markdown",
        help=t("cli.help.format"),
    )
    export.add_argument("--out", metavar="PATH", help=t("cli.help.out"))
    export.add_argument("--names", action="store_true", help=t("cli.help.names"))
    export.add_argument("--private", action="store_true", help=t("cli.help.private"))
    export.add_argument("--faculty", action="store_true", help=t("cli.help.faculty"))
    export.add_argument("--force", action="store_true", help=t("cli.help.force"))
    export.add_argument("--member", metavar="ID", help=t("cli.help.member"))
    export.add_argument("--alias", action="store_true", help=t("cli.help.alias"))

    attach = sub(commands, "attach", t("cli.help.attach"), "attach:cmd_attach")
    attach.add_argument("group", metavar="GROUP", help=t("cli.help.group_id"))
    attach.add_argument("number", metavar="MEETING", type=_whole(1, 100), help=t("cli.help.meeting_number"))
    attach.add_argument("paths", metavar="PATH", nargs="*", help=t("cli.help.attach_path"))
    attach.add_argument("--note", metavar="TEXT", default="", help=t("cli.help.attach_note"))
    attach.add_argument("--member", metavar="K1", action="append", default=[], help=t("cli.help.attach_member"))
    attach.add_argument("--remove", metavar="FILE", help=t("cli.help.attach_remove"))
    attach.add_argument("--list", action="store_true", help=t("cli.help.attach_list"))
    purge = sub(commands, "purge", t("cli.help.purge"), "files:cmd_purge")
    purge.add_argument("--before", metavar="YYYY-MM-DD", type=_date, required=True, help=t("cli.help.before"))
    purge.add_argument("--group", metavar="ID", help=t("cli.help.group_id"))
    purge.add_argument("--yes", action="store_true", help=t("cli.help.yes"))

    demo = sub(commands, "demo", t("cli.help.demo"), "meetings:cmd_demo", opens_app=True)
    demo.add_argument("--no-tui", action="store_true", help=t("cli.help.no_tui"))

    ice = sub(commands, "icebreakers", t("cli.help.icebreakers"))
    ice_commands = ice.add_subparsers(dest="ib_command", metavar="COMMAND", required=True)
    ib_list = sub(ice_commands, "list", t("cli.help.ib_list"), "icebreakers:cmd_list")
    ib_list.add_argument("--stage", choices=STAGE_KEYS, help=t("cli.help.stage"))
    ib_list.add_argument("--size", type=_positive, metavar="N", help=t("cli.help.size"))
    ib_list.add_argument("--minutes", type=_positive, metavar="M", help=t("cli.help.minutes"))
    ib_list.add_argument("--energy", choices=ENERGIES, help=t("cli.help.energy"))
    ib_list.add_argument("--purpose", choices=PURPOSES, help=t("cli.help.purpose"))
    ib_pick = sub(ice_commands, "pick", t("cli.help.ib_pick"), "icebreakers:cmd_pick")
    ib_pick.add_argument("--group", metavar="ID", help=t("cli.help.group_id"))
    ib_pick.add_argument("--stage", choices=STAGE_KEYS, default="transition", help=t("cli.help.stage"))
    ib_pick.add_argument("--size", type=_positive, metavar="N", help=t("cli.help.size"))
    ib_pick.add_argument("--minutes", type=_positive, metavar="M", help=t("cli.help.minutes"))
    ib_pick.add_argument("--seed", type=int, metavar="N", help=t("cli.help.seed"))
    ib_check = sub(ice_commands, "check", t("cli.help.ib_check"), "icebreakers:cmd_check")
    ib_check.add_argument("path", metavar="PATH", nargs="?", help=t("cli.help.ib_path"))

    return parser


def parse_arguments(args_list: Sequence[str]) -> argparse.Namespace:
    """The command line, parsed. Exits (SystemExit) on a mistake, ``--help`` and ``--version``.

    Without a command the app starts, and every command's parser would cost about 4 ms before the
    first frame: the options before a command are parsed alone first, the rest only if needed.
    """
    # the help lists the commands, and --version after a command is a mistake only the whole parser sees
    if not any(arg in ("-h", "--help", "--version") for arg in args_list):
        try:
            args, rest = _top_parser(exit_on_error=False).parse_known_args(args_list)
        except argparse.ArgumentError:  # the whole parser says what is wrong, with the whole usage
            rest = ["?"]
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(args_list)
