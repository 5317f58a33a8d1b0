"""The `homeroom` command line. Slow imports (Textual) happen inside the command that needs them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from homeroom_tui import __version__
from homeroom_tui.i18n import LANGUAGES, detect_language, set_language, t

RESERVED = ("meeting", "review", "export", "icebreakers")

_ARGPARSE_KEYS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "expected one argument": "argparse.expected_one",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "%(prog)s: error: %(message)s\n": "argparse.error",
}


def _argparse_text(message: str) -> str:
    key = _ARGPARSE_KEYS.get(message)
    return t(key) if key else message


def _prescan_lang(argv: Sequence[str]) -> str | None:
    """``--lang`` must take effect before the parser (and its help texts) is built."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", value=value)) from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(t("cli.bad_positive", value=value))
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help texts in the current language."""
    parser = argparse.ArgumentParser(prog="homeroom", description=t("cli.description"), epilog=t("cli.epilog"))
    parser.add_argument("--version", action="version", version=f"homeroom {__version__}", help=t("cli.help.version"))
    parser.add_argument("--data-dir", metavar="DIR", help=t("cli.help.data_dir"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.help.lang"))
    commands = parser.add_subparsers(dest="command", title=t("cli.help.commands"), metavar="COMMAND")

    group = commands.add_parser("group", help=t("cli.help.group"), description=t("cli.help.group"))
    group_commands = group.add_subparsers(dest="group_command", metavar="COMMAND", required=True)
    new = group_commands.add_parser("new", help=t("cli.help.group_new"), description=t("cli.help.group_new"))
    new.add_argument("name", metavar="NAME", help=t("cli.help.group_name"))
    new.add_argument("--member", metavar="NAME", action="append", default=[], help=t("cli.help.member"))
    new.add_argument("--counselor", metavar="NAME", default="", help=t("cli.help.counselor"))
    new.add_argument("--meetings", metavar="N", type=_positive, default=4, help=t("cli.help.meetings"))
    new.add_argument("--start", metavar="YYYY-MM-DD", type=_date, help=t("cli.help.start"))
    new.add_argument("--every", metavar="DAYS", type=_positive, default=7, help=t("cli.help.every"))

    commands.add_parser("groups", help=t("cli.help.groups"), description=t("cli.help.groups"))

    check = commands.add_parser("check", help=t("cli.help.check"), description=t("cli.help.check"))
    check.add_argument("path", metavar="PATH", nargs="?", help=t("cli.help.check_path"))

    demo = commands.add_parser("demo", help=t("cli.help.demo"), description=t("cli.help.demo"))
    demo.add_argument("--no-tui", action="store_true", help=t("cli.help.no_tui"))

    for name in RESERVED:
        reserved = commands.add_parser(name, help=t(f"cli.help.{name}"), description=t("cli.help.reserved"))
        reserved.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def _err(message: str) -> None:
    print(f"homeroom: {t('cli.error')}: {message}", file=sys.stderr)


def cmd_group_new(args: argparse.Namespace) -> int:
    from homeroom_tui.store import DamagedFile, Store, resolve_data_dir

    members = [m for m in args.member if m.strip()]
    if not members:
        _err(t("cli.no_members"))
        return 2
    store = Store(resolve_data_dir(args.data_dir))
    try:
        group = store.create_group(
            args.name,
            members,
            counselor=args.counselor,
            meetings_planned=min(args.meetings, 100),
            first_meeting=args.start,
            every_days=min(args.every, 365),
        )
    except DamagedFile as exc:
        for problem in exc.problems:
            _err(str(problem))
        return 1
    except OSError as exc:
        _err(t("cli.cannot_write", path=store.root, reason=exc.strerror or type(exc).__name__))
        return 1
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            for item in exc.errors(include_input=False, include_url=False):
                _err(".".join(str(p) for p in item["loc"]) + ": " + t("err.invalid"))
            return 2
        raise
    print(t("cli.group_created", name=group.name, count=len(group.members), path=store.group_path(group.id)))
    print(group.id)
    return 0


def cmd_groups(args: argparse.Namespace) -> int:
    from homeroom_tui.program.progress import progress
    from homeroom_tui.store import Store, resolve_data_dir

    loaded = Store(resolve_data_dir(args.data_dir)).load_all()
    for problem in loaded.problems:
        print(str(problem), file=sys.stderr)
    if not loaded.groups:
        print(t("cli.no_groups"), file=sys.stderr)
    for group in loaded.groups:
        state = progress(group, loaded.meetings.get(group.id, []))
        next_date = state.next_date.isoformat() if state.next_date else t("cli.next_none")
        row = [group.id, group.name, str(len(group.active_members)), f"{state.done}/{state.planned}", next_date]
        print("\t".join(cell.replace("\t", " ") for cell in row))
    return 1 if loaded.problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    from homeroom_tui.store import Problem, Store, check_file, resolve_data_dir

    root = resolve_data_dir(args.data_dir)
    problems: list[Problem] = []
    checked = 0
    if args.path:
        target = Path(args.path)
        if not target.exists() and not target.is_symlink():
            _err(t("cli.check_no_path", path=target))
            return 2
        if target.is_dir() and not target.is_symlink() and not target.name.endswith(".toml"):
            if (target / "group.toml").exists():
                store = Store(target.parent.parent)
                checked, problems = store.check(only=target.name)
            elif (target / "groups").is_dir():
                checked, problems = Store(target).check()
            else:
                for path in sorted(target.rglob("*.toml")):
                    checked += 1
                    problems.extend(check_file(path))
        else:
            checked = 1
            problems = check_file(target)
    else:
        checked, problems = Store(root).check()
    for problem in problems:
        print(str(problem))
    if problems:
        print(t("cli.check_bad", problems=len(problems), count=checked), file=sys.stderr)
        return 1
    print(t("cli.check_ok", count=checked), file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import tempfile

    from homeroom_tui.program.demo import write_demo

    root = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="homeroom-demo-"))
    write_demo(root)
    if args.no_tui:
        print(t("cli.demo_written", path=root))
        print(root)
        return 0
    return run_app(root)


def run_app(data_dir: Path) -> int:
    from homeroom_tui.app import make_app

    app = make_app(data_dir=data_dir)
    app.run()
    return int(app.return_code or 0)


def cmd_reserved(args: argparse.Namespace) -> int:
    _err(t("cli.not_yet", command=args.command))
    return 2


def dispatch(args: argparse.Namespace) -> int:
    """Run the command ``args`` names; without one, open the app."""
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        "groups": cmd_groups,
        "check": cmd_check,
        "demo": cmd_demo,
    }
    if args.command == "group":
        return cmd_group_new(args)
    if args.command in RESERVED:
        return cmd_reserved(args)
    if args.command is None:
        from homeroom_tui.store import resolve_data_dir

        return run_app(resolve_data_dir(args.data_dir))
    return handlers[args.command](args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit code. Never shows a traceback."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(detect_language(_prescan_lang(args_list)))
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    try:
        return dispatch(args)
    except KeyboardInterrupt:
        _err(t("cli.interrupted"))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback, no note text
        _err(t("cli.unexpected", kind=type(exc).__name__))
        return 70
