"""Retention: delete meeting files past their use, as the ethics codes ask. Imports no Textual."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from homeroom_tui.store.atomic import TEMP_SUFFIX, fsync_dir
from homeroom_tui.store.errors import DamagedFile, Problem
from homeroom_tui.store.files import Store
from homeroom_tui.store.index import forget
from homeroom_tui.store.lock import lock_path


@dataclass
class PurgePlan:
    """The meeting files dated before a day, and the files whose date could not be read (kept)."""

    files: list[Path] = field(default_factory=list)
    kept_damaged: list[Problem] = field(default_factory=list)


def plan_purge(store: Store, before: dt.date, group_id: str | None = None) -> PurgePlan:
    """Meeting files with a date before ``before`` (of one group, or all). Damaged files are never deleted."""
    plan = PurgePlan()
    for gid in [group_id] if group_id else store.group_ids():
        try:
            group = store.load_group(gid)
        except DamagedFile as exc:
            plan.kept_damaged.extend(exc.problems)
            continue
        meetings, problems = store.load_meetings(group)
        plan.kept_damaged.extend(problems)
        plan.files.extend(store.meeting_path(gid, m.number) for m in meetings if m.date < before)
    return plan


def remove_temp_copies(path: Path) -> int:
    """Delete what saves of ``path`` left behind (``.meeting-01.toml.abc123.tmp``); returns how many."""
    removed = 0
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def purge(files: list[Path]) -> int:
    """Delete ``files`` (and their lock files); returns how many were deleted."""
    deleted = 0
    if files:
        forget(files[0].parents[2])  # the index cache holds their text too
    for path in files:
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        deleted += 1
        with contextlib.suppress(OSError):
            os.unlink(lock_path(path))
        remove_temp_copies(path)
        fsync_dir(path.parent)
    return deleted
