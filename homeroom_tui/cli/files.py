"""``homeroom check`` (every file homeroom reads, or one file or folder) and ``homeroom purge``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from homeroom_tui.cli.common import checked_text, err, print_problems
from homeroom_tui.i18n import t, t_count
from homeroom_tui.plain import visible
from homeroom_tui.program.agenda import AGENDA_FILE, parse_agenda
from homeroom_tui.program.icebreakers import USER_FILE, parse_library
from homeroom_tui.program.locks import where_text
from homeroom_tui.program.scales import SCALES_FOLDER, parse_texts, texts_files
from homeroom_tui.store import DamagedFile, Store, check_file, resolve_data_dir
from homeroom_tui.store.controls import control_fields
from homeroom_tui.store.paths import ATTACHMENTS_DIR, data_dir_of_group
from homeroom_tui.store.retention import plan_purge, purge

if TYPE_CHECKING:
    from homeroom_tui.store import Problem, Store


def _check_any(path: Path) -> list[Problem]:
    """One file of any kind homeroom reads: group, meeting, ice-breakers, agenda or a scale's item texts."""

    parsers = {USER_FILE: parse_library, AGENDA_FILE: parse_agenda}
    parser = parsers.get(path.name)
    if parser is None and path.parent.name == SCALES_FOLDER and path.suffix == ".toml":
        parser = parse_texts
    if parser is None:
        return check_file(path)
    try:
        parser(path)
    except DamagedFile as exc:
        return exc.problems
    return []


def _check_data_dir(root: Path) -> tuple[int, list[Problem]]:
    """Every group and meeting file, and the counselor's own ice-breaker, agenda and item-text files."""

    checked, problems = Store(root).check()
    for name in (USER_FILE, AGENDA_FILE):
        path = root / name
        if path.exists() or path.is_symlink():
            checked += 1
            problems.extend(_check_any(path))
    for path in texts_files(root):
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
    """Every file a full check reads: groups, meetings, the counselor's ice-breaker, agenda and item-text files."""

    store = Store(root)
    own = [root / name for name in (USER_FILE, AGENDA_FILE)]
    return _group_files(store, store.group_ids()) + own + texts_files(root)


def warn_controls(paths: Sequence[Path], problems: Sequence[Problem]) -> int:
    """A warning line for each text field holding control characters (file and field, never the text)."""

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

    root = resolve_data_dir(args.data_dir)
    problems: list[Problem] = []
    checked = 0
    files: list[Path] = []
    if args.path:
        target = Path(os.path.abspath(args.path))
        try:
            target.lstat()
        except OSError:
            err(t("cli.check_no_path", path=target))
            return 2
        if target.is_dir() and not target.is_symlink() and not target.name.endswith(".toml"):
            if (target / "group.toml").exists():
                store = Store(data_dir_of_group(target))
                checked, problems = store.check(only=target.name)
                files = _group_files(store, [target.name])
            elif (target / "groups").is_dir():
                checked, problems = _check_data_dir(target)
                files = _data_dir_files(target)
            else:
                for path in sorted(target.rglob("*.toml")):
                    if ATTACHMENTS_DIR in path.relative_to(target).parts[:-1]:
                        continue  # an attached file named .toml is not homeroom's to read
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
    print_problems(problems, to="stdout")
    warnings = warn_controls(files, problems)  # a warning: the exit code stays that of the damage found
    if problems:
        print(checked_text("cli.check_bad", len(problems), checked), file=sys.stderr)
        return 1
    if warnings:
        print(t_count("cli.check_ok_warnings", warnings, files=t_count("cli.files", checked)), file=sys.stderr)
        return 0
    print(t_count("cli.check_ok", checked), file=sys.stderr)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:

    store = Store(resolve_data_dir(args.data_dir))
    if args.group and args.group not in store.group_ids():
        err(t("cli.unknown_group", id=args.group))
        return 2
    plan = plan_purge(store, args.before, args.group)
    print_problems(plan.kept_damaged, say=lambda problem: t("cli.purge_kept", problem=problem))
    if plan.kept_open:
        for path, holder in plan.kept_open:
            err(t("cli.purge_kept_open", where=visible(where_text(holder)), path=path))
    if not plan.files:
        print(t("cli.purge_none", date=args.before.isoformat()))
        return 0
    for path in plan.files:
        print(path)
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            err(t("cli.purge_needs_yes"))
            return 2
        answer = input(t_count("cli.purge_confirm", len(plan.files)) + " ")
        if answer.strip().lower() not in (t("cli.yes_word"), "y", "yes"):
            print(t("cli.purge_cancelled"))
            return 1
    deleted = purge(plan.files)
    print(t_count("cli.purge_done", deleted))
    return 0
