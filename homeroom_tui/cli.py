"""The `homeroom` command line. Slow imports (Textual) happen inside the command that needs them."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from homeroom_tui import __version__

if TYPE_CHECKING:
    from homeroom_tui.model import Group
    from homeroom_tui.program.icebreakers import Library
    from homeroom_tui.store import Problem, Store

from homeroom_tui.i18n import LANGUAGES, detect_language, set_language, t
from homeroom_tui.terms import ENERGIES, PURPOSES, STAGE_KEYS

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


def _top_parser(exit_on_error: bool = True) -> argparse.ArgumentParser:
    """``homeroom`` and its options before any command."""
    parser = argparse.ArgumentParser(
        prog="homeroom",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        allow_abbrev=False,
        exit_on_error=exit_on_error,
    )
    parser.add_argument("--version", action="version", version=f"homeroom {__version__}", help=t("cli.help.version"))
    _add_global_options(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help texts in the current language."""
    parser = _top_parser()
    # --data-dir, --lang and --icebreakers also work after a command (the top-level value wins if both are given).
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    _add_global_options(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", title=t("cli.help.commands"), metavar="COMMAND")

    def sub(action: Any, name: str, help_text: str, description: str | None = None) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = action.add_parser(
            name, parents=[common], help=help_text, description=description or help_text, allow_abbrev=False
        )
        return parser

    group = sub(commands, "group", t("cli.help.group"))
    group_commands = group.add_subparsers(dest="group_command", metavar="COMMAND", required=True)
    new = sub(group_commands, "new", t("cli.help.group_new"))
    new.add_argument("name", metavar="NAME", help=t("cli.help.group_name"))
    new.add_argument("--member", metavar="NAME", action="append", default=[], help=t("cli.help.member"))
    new.add_argument("--counselor", metavar="NAME", default="", help=t("cli.help.counselor"))
    new.add_argument("--meetings", metavar="N", type=_whole(1, 100), default=4, help=t("cli.help.meetings"))
    new.add_argument("--start", metavar="YYYY-MM-DD", type=_date, help=t("cli.help.start"))
    new.add_argument("--every", metavar="DAYS", type=_whole(1, 365), default=7, help=t("cli.help.every"))

    sub(commands, "groups", t("cli.help.groups"))

    check = sub(commands, "check", t("cli.help.check"))
    check.add_argument("path", metavar="PATH", nargs="?", help=t("cli.help.check_path"))

    meeting = sub(commands, "meeting", t("cli.help.meeting"))
    meeting.add_argument("group", metavar="GROUP", help=t("cli.help.group_id"))
    meeting.add_argument("number", metavar="NUMBER", nargs="?", type=_whole(1, 100), help=t("cli.help.meeting_number"))
    meeting.add_argument("--no-bell", action="store_true", help=t("cli.help.no_bell"))

    review = sub(commands, "review", t("cli.help.review"))
    review.add_argument("group", metavar="GROUP", nargs="?", help=t("cli.help.group_id"))

    export = sub(commands, "export", t("cli.help.export"))
    export.add_argument("group", metavar="GROUP", help=t("cli.help.group_id"))
    export.add_argument("--format", choices=("markdown", "csv", "html"), default="markdown", help=t("cli.help.format"))
    export.add_argument("--out", metavar="PATH", help=t("cli.help.out"))
    export.add_argument("--names", action="store_true", help=t("cli.help.names"))
    export.add_argument("--private", action="store_true", help=t("cli.help.private"))
    export.add_argument("--faculty", action="store_true", help=t("cli.help.faculty"))
    export.add_argument("--force", action="store_true", help=t("cli.help.force"))

    purge = sub(commands, "purge", t("cli.help.purge"))
    purge.add_argument("--before", metavar="YYYY-MM-DD", type=_date, required=True, help=t("cli.help.before"))
    purge.add_argument("--group", metavar="ID", help=t("cli.help.group_id"))
    purge.add_argument("--yes", action="store_true", help=t("cli.help.yes"))

    demo = sub(commands, "demo", t("cli.help.demo"))
    demo.add_argument("--no-tui", action="store_true", help=t("cli.help.no_tui"))

    ice = sub(commands, "icebreakers", t("cli.help.icebreakers"))
    ice_commands = ice.add_subparsers(dest="ib_command", metavar="COMMAND", required=True)
    ib_list = sub(ice_commands, "list", t("cli.help.ib_list"))
    ib_list.add_argument("--stage", choices=STAGE_KEYS, help=t("cli.help.stage"))
    ib_list.add_argument("--size", type=_positive, metavar="N", help=t("cli.help.size"))
    ib_list.add_argument("--minutes", type=_positive, metavar="M", help=t("cli.help.minutes"))
    ib_list.add_argument("--energy", choices=ENERGIES, help=t("cli.help.energy"))
    ib_list.add_argument("--purpose", choices=PURPOSES, help=t("cli.help.purpose"))
    ib_pick = sub(ice_commands, "pick", t("cli.help.ib_pick"))
    ib_pick.add_argument("--group", metavar="ID", help=t("cli.help.group_id"))
    ib_pick.add_argument("--stage", choices=STAGE_KEYS, default="transition", help=t("cli.help.stage"))
    ib_pick.add_argument("--size", type=_positive, metavar="N", help=t("cli.help.size"))
    ib_pick.add_argument("--minutes", type=_positive, metavar="M", help=t("cli.help.minutes"))
    ib_pick.add_argument("--seed", type=int, metavar="N", help=t("cli.help.seed"))
    ib_check = sub(ice_commands, "check", t("cli.help.ib_check"))
    ib_check.add_argument("path", metavar="PATH", nargs="?", help=t("cli.help.ib_path"))

    return parser


class _VisibleStream:
    """stdout or stderr for a command: nothing from a note or a file drives the terminal.

    Every write has its control characters escaped (:func:`~homeroom_tui.plain.visible_output`);
    tabs, line breaks and ``\\r\\n`` pass. One place, so that no command, message or argparse
    error can print an escape sequence raw.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from homeroom_tui.plain import visible_output

        return self.stream.write(visible_output(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def _visible_streams() -> Iterator[None]:
    """While a command runs, ``sys.stdout`` and ``sys.stderr`` escape control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = _VisibleStream(out)
    sys.stderr = _VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


@contextlib.contextmanager
def _raw_streams() -> Iterator[None]:
    """The app draws the terminal itself (and makes its own text visible): the streams as they were."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = out.stream if isinstance(out, _VisibleStream) else out
    sys.stderr = err.stream if isinstance(err, _VisibleStream) else err
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _err(message: str) -> None:
    print(f"homeroom: {t('cli.error')}: {message}", file=sys.stderr)


def cmd_group_new(args: argparse.Namespace) -> int:
    from homeroom_tui.store import DamagedFile, Store, os_reason, resolve_data_dir

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
            meetings_planned=args.meetings,
            first_meeting=args.start,
            every_days=args.every,
        )
    except DamagedFile as exc:
        for problem in exc.problems:
            _err(str(problem))
        return 1
    except OSError as exc:
        _err(t("cli.cannot_write", path=store.root, reason=os_reason(exc)))
        return 1
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        from pydantic import ValidationError

        from homeroom_tui.store.errors import dotted, reason

        if not isinstance(exc, ValidationError):
            raise
        for item in exc.errors(include_input=False, include_url=False):
            loc = list(item["loc"])
            if loc[:1] == ["members"] and len(loc) > 1 and isinstance(loc[1], int):
                field = t("cli.member_n", number=loc[1] + 1) + (" " + dotted(loc[2:]) if loc[2:] else "")
            else:
                field = dotted(loc) or "-"
            _err(t("cli.invalid_field", field=field, reason=reason(item)))
        return 2
    print(t("cli.group_created", name=group.name, count=len(group.members), path=store.group_path(group.id)))
    print(group.id)
    return 0


def cmd_groups(args: argparse.Namespace) -> int:
    from homeroom_tui.program.progress import progress
    from homeroom_tui.store import Store, resolve_data_dir
    from homeroom_tui.store.errors import printable

    loaded = Store(resolve_data_dir(args.data_dir)).load_all(keep=lambda _: False)
    for problem in loaded.problems:
        print(str(problem), file=sys.stderr)
    if not loaded.groups:
        print(t("cli.no_groups"), file=sys.stderr)
    for group in loaded.groups:
        state = progress(group, loaded.stubs.get(group.id, []))
        next_date = state.next_date.isoformat() if state.next_date else t("cli.next_none")
        row = [group.id, group.name, str(len(group.active_members)), f"{state.done}/{state.planned}", next_date]
        print("\t".join(printable(cell) for cell in row))
    return 1 if loaded.problems else 0


def _check_any(path: Path) -> list[Problem]:
    """One file of any kind homeroom reads: group, meeting, ice-breakers or agenda."""
    from homeroom_tui.program.agenda import AGENDA_FILE, parse_agenda
    from homeroom_tui.program.icebreakers import USER_FILE, parse_library
    from homeroom_tui.store import DamagedFile, check_file

    parsers = {USER_FILE: parse_library, AGENDA_FILE: parse_agenda}
    parser = parsers.get(path.name)
    if parser is None:
        return check_file(path)
    try:
        parser(path)
    except DamagedFile as exc:
        return exc.problems
    return []


def _check_data_dir(root: Path) -> tuple[int, list[Problem]]:
    """Every group and meeting file, and the counselor's own ice-breaker and agenda files."""
    from homeroom_tui.program.agenda import AGENDA_FILE
    from homeroom_tui.program.icebreakers import USER_FILE
    from homeroom_tui.store import Store

    checked, problems = Store(root).check()
    for name in (USER_FILE, AGENDA_FILE):
        path = root / name
        if path.exists() or path.is_symlink():
            checked += 1
            problems.extend(_check_any(path))
    return checked, problems


def _group_files(store: Store, group_ids: Sequence[str]) -> list[Path]:
    """The group and meeting files of these groups."""
    paths = []
    for group_id in group_ids:
        paths.append(store.group_path(group_id))
        paths.extend(store.meeting_files(group_id)[0])
    return paths


def _data_dir_files(root: Path) -> list[Path]:
    """Every file a full check reads: groups, meetings, the counselor's ice-breaker and agenda files."""
    from homeroom_tui.program.agenda import AGENDA_FILE
    from homeroom_tui.program.icebreakers import USER_FILE
    from homeroom_tui.store import Store

    store = Store(root)
    return _group_files(store, store.group_ids()) + [root / name for name in (USER_FILE, AGENDA_FILE)]


def _warn_controls(paths: Sequence[Path], problems: Sequence[Problem]) -> int:
    """A warning line for each text field holding control characters (file and field, never the text)."""
    from homeroom_tui.store.controls import control_fields

    damaged = {problem.path for problem in problems}
    warnings = 0
    for path in paths:
        if path in damaged or not path.is_file():
            continue
        for field in control_fields(path):
            print(t("cli.check_controls", path=path, field=field))
            warnings += 1
    return warnings


def cmd_check(args: argparse.Namespace) -> int:
    from homeroom_tui.store import Store, resolve_data_dir

    root = resolve_data_dir(args.data_dir)
    problems: list[Problem] = []
    checked = 0
    files: list[Path] = []
    if args.path:
        target = Path(os.path.abspath(args.path))
        try:
            target.lstat()
        except OSError:
            _err(t("cli.check_no_path", path=target))
            return 2
        if target.is_dir() and not target.is_symlink() and not target.name.endswith(".toml"):
            if (target / "group.toml").exists():
                store = Store(target.parent.parent)
                checked, problems = store.check(only=target.name)
                files = _group_files(store, [target.name])
            elif (target / "groups").is_dir():
                checked, problems = _check_data_dir(target)
                files = _data_dir_files(target)
            else:
                for path in sorted(target.rglob("*.toml")):
                    checked += 1
                    problems.extend(_check_any(path))
                    files.append(path)
        else:
            checked = 1
            problems = _check_any(target)
            files = [target]
    else:
        checked, problems = _check_data_dir(root)
        files = _data_dir_files(root)
    for problem in problems:
        print(str(problem))
    warnings = _warn_controls(files, problems)  # a warning: the exit code stays that of the damage found
    if problems:
        print(t("cli.check_bad", problems=len(problems), count=checked), file=sys.stderr)
        return 1
    if warnings:
        print(t("cli.check_ok_warnings", count=checked, warnings=warnings), file=sys.stderr)
        return 0
    print(t("cli.check_ok", count=checked), file=sys.stderr)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from homeroom_tui.store import Store, resolve_data_dir
    from homeroom_tui.store.retention import plan_purge, purge

    store = Store(resolve_data_dir(args.data_dir))
    if args.group and args.group not in store.group_ids():
        _err(t("cli.unknown_group", id=args.group))
        return 2
    plan = plan_purge(store, args.before, args.group)
    for problem in plan.kept_damaged:
        _err(t("cli.purge_kept", problem=problem))
    if plan.kept_open:
        from homeroom_tui.plain import visible
        from homeroom_tui.program.locks import where_text

        for path, holder in plan.kept_open:
            _err(t("cli.purge_kept_open", where=visible(where_text(holder)), path=path))
    if not plan.files:
        print(t("cli.purge_none", date=args.before.isoformat()))
        return 0
    for path in plan.files:
        print(path)
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            _err(t("cli.purge_needs_yes"))
            return 2
        answer = input(t("cli.purge_confirm", count=len(plan.files)) + " ")
        if answer.strip().lower() not in (t("cli.yes_word"), "y", "yes"):
            print(t("cli.purge_cancelled"))
            return 1
    deleted = purge(plan.files)
    print(t("cli.purge_done", count=deleted))
    return 0


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
        return run_app(root, _icebreakers_file(args))
    finally:
        if temporary:
            shutil.rmtree(root, ignore_errors=True)


def run_app(
    data_dir: Path,
    icebreakers: Path | None = None,
    meeting: tuple[str, int | None] | None = None,
    bell: bool = True,
    review: str | None = None,
) -> int:
    from homeroom_tui.app import make_app

    app = make_app(data_dir=data_dir, icebreakers=icebreakers, meeting=meeting, bell=bell, review=review)
    with _raw_streams():
        app.run()
    return int(app.return_code or 0)


def _icebreakers_file(args: argparse.Namespace) -> Path | None:
    """The ice-breaker file given with ``--icebreakers``, if any."""
    return Path(args.icebreakers) if args.icebreakers else None


def _library(args: argparse.Namespace) -> Library:
    from homeroom_tui.program.icebreakers import load_library
    from homeroom_tui.store import resolve_data_dir

    library = load_library(resolve_data_dir(args.data_dir), _icebreakers_file(args))
    if library.fell_back:
        _err(t("cli.ib.fell_back", path=library.user_file))
    return library


def _table(rows: list[list[str]]) -> str:
    from homeroom_tui.plain import visible

    rows = [[visible(cell) for cell in row] for row in rows]  # escaped before measuring: the columns line up
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def cmd_icebreakers_list(args: argparse.Namespace) -> int:
    from homeroom_tui.i18n import get_language
    from homeroom_tui.program.icebreakers import Filters, PickRequest, candidates

    library = _library(args)
    request = PickRequest(
        stage=args.stage,
        size=args.size,
        minutes=args.minutes,
        filters=Filters(energy=args.energy, purpose=args.purpose),
    )
    found = candidates(library.items.values(), request)
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
    print(t("cli.ib.count", count=len(rows) - 1), file=sys.stderr)
    return 0


def cmd_icebreakers_pick(args: argparse.Namespace) -> int:
    from homeroom_tui.i18n import get_language
    from homeroom_tui.program.icebreakers import Picker, PickRequest, candidates, describe_text, request_for
    from homeroom_tui.program.meetings import open_meeting
    from homeroom_tui.store import DamagedFile, Store, resolve_data_dir

    library = _library(args)
    if args.group:
        store = Store(resolve_data_dir(args.data_dir))
        if not store.group_path(args.group).exists():
            _err(t("cli.unknown_group", id=args.group))
            return 2
        try:
            group = store.load_group(args.group)
            meeting, meetings = open_meeting(store, group)
        except DamagedFile as exc:
            for problem in exc.problems:
                _err(str(problem))
            return 1
        request = request_for(group, meeting, meetings, stage=args.stage, minutes=args.minutes, size=args.size)
        print(t("cli.ib.for_meeting", number=meeting.number, group=group.name), file=sys.stderr)
    else:
        request = PickRequest(stage=args.stage, size=args.size, minutes=args.minutes)
    found = candidates(library.items.values(), request)
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


def cmd_icebreakers_check(args: argparse.Namespace) -> int:
    from homeroom_tui.program.icebreakers import USER_FILE, builtin_path, parse_library
    from homeroom_tui.store import DamagedFile, resolve_data_dir

    if args.path:
        path = Path(args.path)
        if not path.exists() and not path.is_symlink():
            _err(t("cli.check_no_path", path=path))
            return 2
    else:
        user = _icebreakers_file(args) or resolve_data_dir(args.data_dir) / USER_FILE
        path = user if (user.exists() or user.is_symlink()) else builtin_path()
    try:
        items = parse_library(path)
    except DamagedFile as exc:
        for problem in exc.problems:
            print(str(problem))
        print(t("cli.check_bad", problems=len(exc.problems), count=1), file=sys.stderr)
        return 1
    if path != builtin_path():
        _warn_controls([path], [])
    print(t("cli.ib.check_ok", path=path, count=len(items)), file=sys.stderr)
    return 0


def cmd_meeting(args: argparse.Namespace) -> int:
    from homeroom_tui.program.meetings import open_meeting
    from homeroom_tui.store import DamagedFile

    found = _find_group(args)
    if isinstance(found, int):
        return found
    store, group = found
    try:  # refuse before the app starts: a damaged file is reported here, with its reason
        open_meeting(store, group, args.number)
    except DamagedFile as exc:
        for problem in exc.problems:
            _err(str(problem))
        return 1
    return run_app(store.root, _icebreakers_file(args), meeting=(args.group, args.number), bell=not args.no_bell)


def _find_group(args: argparse.Namespace) -> tuple[Store, Group] | int:
    """The group named on the command line, or an exit code after a message."""
    from homeroom_tui.store import DamagedFile, Store, resolve_data_dir

    store = Store(resolve_data_dir(args.data_dir))
    if args.group not in store.group_ids():
        _err(t("cli.unknown_group", id=args.group))
        return 2
    try:
        return store, store.load_group(args.group)
    except DamagedFile as exc:
        for problem in exc.problems:
            _err(str(problem))
        return 1


def cmd_review(args: argparse.Namespace) -> int:
    from homeroom_tui.store import resolve_data_dir

    if args.group:  # the review reads the meetings itself, and lists damaged files in its Problems tab
        found = _find_group(args)
        if isinstance(found, int):
            return found
    return run_app(resolve_data_dir(args.data_dir), _icebreakers_file(args), review=args.group or "")


def cmd_export(args: argparse.Namespace) -> int:
    from homeroom_tui.i18n import get_language
    from homeroom_tui.program.aliases import Aliaser, summary_lines
    from homeroom_tui.program.report import csv_report, markdown_report
    from homeroom_tui.store import atomic_write, os_reason
    from homeroom_tui.store.exports import inside_groups, write_new

    found = _find_group(args)
    if isinstance(found, int):
        return found
    store, group = found
    meetings, problems = store.load_meetings(group)
    for problem in problems:
        _err(str(problem))
    aliases = Aliaser(group)
    if args.format == "csv":
        text = csv_report(group, meetings, names=args.names, aliases=aliases)
    else:
        from homeroom_tui.program.agenda import load_agenda

        library = _library(args)  # a damaged file of the counselor's is said, as every command says it
        agenda = load_agenda(store.root)  # the checklists of the fidelity table: the counselor's own, if any
        for problem in agenda.problems:
            _err(str(problem))
        report = markdown_report
        if args.format == "html":
            from homeroom_tui.program.html_report import html_report as report
        text = report(
            group,
            meetings,
            lang=get_language(),
            names=args.names,
            private=args.private,
            library=library,
            agenda=agenda,
            faculty=args.faculty,
            aliases=aliases,
        )

    def say_aliases() -> None:  # what aliasing did, for the counselor to check: never into the export itself
        if not args.names:
            for line in summary_lines(aliases.stats, get_language()):
                print(f"homeroom: {line}", file=sys.stderr)

    if not args.out:
        sys.stdout.write(text)
        sys.stdout.flush()
        say_aliases()
        return 0
    out = Path(args.out)
    if out.exists() and out.is_dir():
        _err(t("cli.out_is_dir", path=out))
        return 2
    if inside_groups(out, store.root):  # a report must never take the place of a meeting or group file
        _err(t("cli.out_in_groups", path=out, groups=store.groups_dir))
        return 2
    if os.path.lexists(out) and not args.force:
        _err(t("cli.out_exists", path=out))
        return 2
    try:
        if args.force:
            atomic_write(out, text.encode("utf-8"))
        else:
            write_new(out, text.encode("utf-8"))  # also when another program creates it meanwhile
    except FileExistsError:
        _err(t("cli.out_exists", path=out))
        return 2
    except OSError as exc:
        _err(t("cli.cannot_write", path=out, reason=os_reason(exc)))
        return 1
    print(t("cli.exported", path=out), file=sys.stderr)
    say_aliases()
    return 0


def _tighten_data_dir(args: argparse.Namespace) -> None:
    """An existing data folder open to other users is made private (0700); said once, on stderr."""
    from homeroom_tui.store import resolve_data_dir
    from homeroom_tui.store.atomic import tighten_dir

    root = resolve_data_dir(getattr(args, "data_dir", None))
    old = tighten_dir(root)
    if old is not None:
        print(f"homeroom: {t('store.tightened', path=root, mode=f'{old:04o}')}", file=sys.stderr)


def dispatch(args: argparse.Namespace) -> int:
    """Run the command ``args`` names; without one, open the app."""
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        "groups": cmd_groups,
        "check": cmd_check,
        "demo": cmd_demo,
        "meeting": cmd_meeting,
        "review": cmd_review,
        "export": cmd_export,
        "purge": cmd_purge,
    }
    if args.command not in (None, "demo", "meeting", "review"):  # the app says it itself
        _tighten_data_dir(args)
    if args.command == "group":
        return cmd_group_new(args)
    if args.command == "icebreakers":
        return {"list": cmd_icebreakers_list, "pick": cmd_icebreakers_pick, "check": cmd_icebreakers_check}[
            args.ib_command
        ](args)
    if args.command is None:
        from homeroom_tui.store import resolve_data_dir

        return run_app(resolve_data_dir(args.data_dir), _icebreakers_file(args))
    return handlers[args.command](args)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit code. Never shows a traceback."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(detect_language(_prescan_lang(args_list)))
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    with _visible_streams():
        return _parse_and_dispatch(args_list)


def _parse_and_dispatch(args_list: list[str]) -> int:
    try:
        args = parse_arguments(args_list)
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
