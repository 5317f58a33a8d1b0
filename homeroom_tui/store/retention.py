"""Retention: delete meeting files past their use, as the ethics codes ask. Imports no Textual."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from homeroom_tui.store.atomic import TEMP_SUFFIX, fsync_dir
from homeroom_tui.store.attachments import delete_folder
from homeroom_tui.store.errors import DamagedFile, Problem
from homeroom_tui.store.index import forget
from homeroom_tui.store.lock import Holder, LockHeld, MeetingLock, alive, lock_path, read_holder
from homeroom_tui.store.paths import data_dir_of_group, meeting_number
from homeroom_tui.store.repository import Store


@dataclass
class PurgePlan:
    """The meeting files dated before a day, and the files whose date could not be read (kept)."""

    files: list[Path] = field(default_factory=list)
    kept_damaged: list[Problem] = field(default_factory=list)
    kept_open: list[tuple[Path, Holder]] = field(default_factory=list)
    """Meetings open in a homeroom running on this computer now: never deleted under it."""


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
        for meeting in meetings:
            if meeting.date >= before:
                continue
            path = store.meeting_path(gid, meeting.number)
            holder = _held_here(path)
            if holder is not None:
                plan.kept_open.append((path, holder))
            else:
                plan.files.append(path)
    return plan


def _held_here(path: Path) -> Holder | None:
    """The homeroom on this computer that has the meeting open now, if any.

    Another computer's lock on a meeting old enough to purge is a leftover of a shared folder:
    the counselor confirms the purge, and it goes with its meeting.
    """
    holder = read_holder(lock_path(path))
    if holder is None or holder.foreign or not alive(holder):
        return None
    return holder


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


def _foreign_holder(path: Path) -> Holder | None:
    holder = read_holder(lock_path(path))
    return holder if holder is not None and holder.foreign else None


def purge(files: list[Path]) -> int:
    """Delete ``files`` (and their lock files); returns how many were deleted."""
    deleted = 0
    if files:
        forget(data_dir_of_group(files[0].parent), files)  # the index holds their text too: no trace left
    for path in files:
        lock = MeetingLock(path)  # held while deleting: a homeroom opening the meeting now finds it held
        try:
            lock.acquire(take_over=_foreign_holder(path))
        except LockHeld:
            continue  # opened on this computer since the plan was made: kept
        except OSError:
            pass  # no lock can be written here: the delete below says whether anything can be
        try:
            os.unlink(path)
        except FileNotFoundError:
            lock.release()
            continue
        except BaseException:
            lock.release()
            raise
        deleted += 1
        number = meeting_number(path.name)
        if number is not None:  # its photos, recordings and forms go with it
            delete_folder(path.parent, number)
        remove_temp_copies(path)
        if lock.held:
            lock.release()  # removes the lock file: the meeting is gone
        else:
            with contextlib.suppress(OSError):
                os.unlink(lock_path(path))
        fsync_dir(path.parent)
    return deleted
