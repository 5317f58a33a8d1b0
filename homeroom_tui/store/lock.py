"""One homeroom at a time per meeting: a lock file that survives a crash and is recognised as stale.

Imports no Textual.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from homeroom_tui.store.atomic import FILE_MODE, ensure_private_dir

LOCK_SUFFIX: Final = ".lock"


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: process id and host name."""

    pid: int
    host: str


class LockHeld(Exception):
    """Another homeroom that is still running has the meeting open."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(f"{path}: held by process {holder.pid} on {holder.host}")
        self.path = path
        self.holder = holder


def lock_path(meeting_file: Path) -> Path:
    """``.meeting-01.toml.lock`` beside the meeting file (a dot-file: never read as data)."""
    return meeting_file.with_name(f".{meeting_file.name}{LOCK_SUFFIX}")


def _read_holder(path: Path) -> Holder | None:
    try:
        pid_text, host = path.read_text(encoding="utf-8").strip().split(" ", 1)
        return Holder(int(pid_text), host)
    except (OSError, ValueError):
        return None


def _alive(holder: Holder) -> bool:
    if holder.host != socket.gethostname():
        return True  # another machine (a shared folder): assume it is alive
    if holder.pid == os.getpid():
        return False  # our own leftover: this process is the one asking
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class MeetingLock:
    """Held while the runner has a meeting open for writing."""

    def __init__(self, meeting_file: Path) -> None:
        self.path = lock_path(meeting_file)
        self.held = False
        self.took_over: Holder | None = None

    def acquire(self) -> None:
        """Take the lock, replacing a stale one; raises :class:`LockHeld` if a live homeroom has it."""
        ensure_private_dir(self.path.parent)
        me = f"{os.getpid()} {socket.gethostname()}\n".encode()
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
            except FileExistsError:
                holder = _read_holder(self.path)
                if holder is not None and _alive(holder):
                    raise LockHeld(self.path, holder) from None
                self.took_over = holder  # stale: its homeroom died without cleaning up
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(me)
            self.held = True
            return
        raise LockHeld(self.path, _read_holder(self.path) or Holder(0, "?"))

    def release(self) -> None:
        """Give the lock back (only if it is still ours)."""
        if not self.held:
            return
        holder = _read_holder(self.path)
        if holder is not None and holder.pid == os.getpid():
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        self.held = False
