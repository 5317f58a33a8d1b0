"""Copies of a meeting that could not be saved in the data folder. Imports no Textual.

When the data folder refuses a save (full disk, read-only, removed) and nobody can be asked (a
signal: the terminal was closed, the system shuts down), the meeting is written as a private
recovery copy in the counselor's own state folder, never in the failing data folder. The next
start says where. The counselor can also name a folder for a copy (:func:`write_copy`).

A copy is the meeting file exactly as homeroom would have saved it: put it back as
``groups/<group>/meeting-NN.toml`` to restore it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

from homeroom_tui.store.atomic import atomic_write

if TYPE_CHECKING:
    from homeroom_tui.model import Meeting

RECOVERY_ENV: Final = "HOMEROOM_RECOVERY_DIR"


def recovery_dir() -> Path:
    """``$HOMEROOM_RECOVERY_DIR``, else the platform's user state folder + ``recovery``
    (Linux: ``~/.local/state/homeroom/recovery``)."""
    if os.environ.get(RECOVERY_ENV):
        return Path(os.environ[RECOVERY_ENV]).expanduser()
    from platformdirs import user_state_dir

    return Path(user_state_dir("homeroom", appauthor=False)) / "recovery"


def copy_name(meeting: Meeting, when: dt.datetime) -> str:
    """``home-room-a-meeting-01-20240115-101500.toml``."""
    return f"{meeting.group_id}-meeting-{meeting.number:02d}-{when.strftime('%Y%m%d-%H%M%S')}.toml"


def write_copy(meeting: Meeting, folder: Path, when: dt.datetime | None = None) -> Path:
    """Write the meeting as a private file (0600, folder 0700) in ``folder``; never replaces a file.

    Raises ``OSError`` when the folder cannot take it.
    """
    from homeroom_tui.store.writing import HEADERS, dump_model

    when = when or dt.datetime.now()
    name = copy_name(meeting, when)
    path = folder / name
    n = 1
    while path.exists() or path.is_symlink():
        n += 1
        path = folder / name.replace(".toml", f"-{n}.toml")
    atomic_write(path, dump_model(meeting, HEADERS.get("meeting", "")))
    return path


def write_recovery_copy(meeting: Meeting, when: dt.datetime | None = None) -> Path | None:
    """A private recovery copy in :func:`recovery_dir`; None when even that cannot be written."""
    try:
        return write_copy(meeting, recovery_dir(), when)
    except OSError:
        return None


def pending_copies() -> list[Path]:
    """The recovery copies waiting for the counselor (read at start-up, to say where they are)."""
    folder = recovery_dir()
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith("."))
    except OSError:
        return []
