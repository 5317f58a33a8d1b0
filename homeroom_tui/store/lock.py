"""One homeroom at a time per meeting: a lock file that survives a crash and is recognised as stale.

The lock file ``.meeting-01.toml.lock`` holds, one per line::

    12345 laptop-sari                      process id and computer (host) name
    boot_id=51aea23f-5ae3-45ac-...         this boot of that computer (Linux; else absent)
    start=33815                            the process's start time, in clock ticks since boot (Linux)
    since=2024-01-15T08:00:00+00:00        when the lock was taken (UTC)
    token=9f1c...                          which lock of that process (one per open meeting)

A new lock appears whole (written to a temp file, then hard-linked to its name: the link fails
when the name exists). A lock whose holder is gone is taken over under ``flock`` on the lock file
itself, re-checked after the ``flock`` is granted, so that of many copies racing for a stale lock
exactly one wins. A holder on this computer is judged by its process id, start time and boot id
(so a process id reused after a reboot or by another program is not mistaken for homeroom); one
on another computer (a synced or shared folder) is never judged by local process ids: the caller
names that computer and the lock's age and may take it over after the counselor confirms.
Where ``/proc`` is missing (macOS, Windows), the process id alone decides, as it always did.

Imports no Textual.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import secrets
import socket
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from homeroom_tui.store.atomic import FILE_MODE, TEMP_SUFFIX, ensure_private_dir

try:  # POSIX; on Windows the lock is taken without flock (one user, one laptop)
    import fcntl
except ImportError:  # pragma: no cover - not on the machines the tests run on
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX: Final = ".lock"
ATTEMPTS: Final = 50
"""How often acquire starts again when the lock file changes under it (a release, a takeover)."""

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_held_tokens: set[str] = set()
"""Tokens of the locks this process holds now (a lock of ours whose token is not here was left behind)."""
_held_guard = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: process id and host name, and what tells that process apart from a later one."""

    pid: int
    host: str
    boot_id: str = ""
    """The holder's computer's boot id (``/proc/sys/kernel/random/boot_id``); empty where unknown."""
    start: int | None = None
    """The holder's start time in clock ticks since boot (``/proc/PID/stat``); None where unknown."""
    since: dt.datetime | None = None
    """When the lock was taken (UTC); the lock file's modification time for older lock files."""
    token: str = ""
    """Which lock of that process this is."""

    @property
    def foreign(self) -> bool:
        """Written on another computer (a synced or shared folder): its process id means nothing here."""
        return self.host != this_host()

    def age_minutes(self, now: dt.datetime | None = None) -> int | None:
        """Whole minutes since the lock was taken, or None when unknown."""
        if self.since is None:
            return None
        now = now or dt.datetime.now(dt.UTC)
        return max(0, int((now - self.since).total_seconds() // 60))


class LockHeld(Exception):
    """Another homeroom that is still running (or one on another computer) has the meeting open."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(f"{path}: held by process {holder.pid} on {holder.host}")
        self.path = path
        self.holder = holder


def lock_path(meeting_file: Path) -> Path:
    """``.meeting-01.toml.lock`` beside the meeting file (a dot-file: never read as data)."""
    return meeting_file.with_name(f".{meeting_file.name}{LOCK_SUFFIX}")


def this_host() -> str:
    """This computer's name, as written into lock files."""
    return socket.gethostname()


def boot_id() -> str:
    """This boot of this computer (Linux), or "" where the system does not say."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip()
    except (OSError, UnicodeDecodeError):
        return ""


def process_start(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot (Linux), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read()
        # field 2 (the command name) may hold spaces and parentheses: count from the last ")"
        return int(raw[raw.rindex(b")") + 2 :].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def parse_holder(text: str, mtime: float | None = None) -> Holder | None:
    """The holder a lock file names; None when it is empty or not a lock file."""
    lines = text.strip().splitlines()
    if not lines:
        return None
    try:
        pid_text, host = lines[0].split(" ", 1)
        pid = int(pid_text)
    except ValueError:
        return None
    fields = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    start: int | None = None
    since: dt.datetime | None = None
    with contextlib.suppress(ValueError):
        start = int(fields["start"]) if "start" in fields else None
    with contextlib.suppress(ValueError):
        since = dt.datetime.fromisoformat(fields["since"]) if "since" in fields else None
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    if since is None and mtime is not None:
        since = dt.datetime.fromtimestamp(mtime, dt.UTC)
    return Holder(pid, host.strip(), fields.get("boot_id", ""), start, since, fields.get("token", ""))


def format_holder(holder: Holder) -> bytes:
    """The lock file's bytes for ``holder``."""
    lines = [f"{holder.pid} {holder.host}"]
    if holder.boot_id:
        lines.append(f"boot_id={holder.boot_id}")
    if holder.start is not None:
        lines.append(f"start={holder.start}")
    if holder.since is not None:
        lines.append(f"since={holder.since.isoformat(timespec='seconds')}")
    if holder.token:
        lines.append(f"token={holder.token}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def alive(holder: Holder) -> bool:
    """Whether the homeroom that wrote the lock may still be running (always True for another computer's)."""
    if holder.foreign:
        return True  # never judged by local process ids: the caller asks the counselor
    here = boot_id()
    if holder.boot_id and here and holder.boot_id != here:
        return False  # written before this computer last started
    if holder.pid <= 0:
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    except OSError:
        return True
    if holder.start is not None:
        actual = process_start(holder.pid)
        if actual is not None and actual != holder.start:
            return False  # the process id was reused by a process that started later
    if holder.pid == os.getpid():
        with _held_guard:  # one of this process's own locks, or one it left behind
            return bool(holder.token) and holder.token in _held_tokens
    return True


def _read_fd(fd: int) -> Holder | None:
    chunks = []
    offset = 0
    while chunk := os.pread(fd, 4096, offset):
        chunks.append(chunk)
        offset += len(chunk)
        if offset > 65536:
            break
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return parse_holder(text, os.fstat(fd).st_mtime)


def read_holder(path: Path) -> Holder | None:
    """Who a lock file names (a snapshot, without waiting for a takeover in progress)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        return _read_fd(fd)
    finally:
        os.close(fd)


def live_holder(meeting_file: Path) -> Holder | None:
    """Who has ``meeting_file`` open in a homeroom that is still running, or None: read-only.

    Reads the lock file without taking it, waiting for it or writing anything (the mirror asks
    twice a second). A lock whose holder is gone (a crash) names nobody; another computer's lock
    (a synced folder) is taken as live, as :func:`alive` says.
    """
    holder = read_holder(lock_path(meeting_file))
    if holder is None or not alive(holder):
        return None
    return holder


def _flock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``fd`` is still the file at ``path`` (not released or replaced while we waited)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) == (mine.st_dev, mine.st_ino)


class MeetingLock:
    """Held while the runner has a meeting open for writing."""

    def __init__(self, meeting_file: Path) -> None:
        self.path = lock_path(meeting_file)
        self.held = False
        self.took_over: Holder | None = None
        """The holder of the stale (or confirmed foreign) lock this one replaced."""
        self.token = secrets.token_hex(8)

    def me(self) -> Holder:
        """What this lock writes into the lock file."""
        pid = os.getpid()
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        return Holder(pid, this_host(), boot_id(), process_start(pid), now, self.token)

    def acquire(self, take_over: Holder | None = None) -> None:
        """Take the lock, replacing a stale one; raises :class:`LockHeld` if a live homeroom has it.

        ``take_over`` is a holder the counselor agreed to replace (another computer's lock): it
        is replaced only if the lock file still names exactly that holder.
        """
        if self.held:
            return
        ensure_private_dir(self.path.parent)
        content = format_holder(self.me())
        with _held_guard:
            _held_tokens.add(self.token)  # before the file names us: a racer reading it must see us alive
        try:
            for _ in range(ATTEMPTS):
                if self._create(content) or self._replace_stale(content, take_over):
                    self.held = True
                    return
        finally:
            if not self.held:
                with _held_guard:
                    _held_tokens.discard(self.token)
        raise LockHeld(self.path, read_holder(self.path) or Holder(0, "?"))

    def _create(self, content: bytes) -> bool:
        """Make the lock file whole in one step; False when one exists already."""
        temp = self.path.with_name(f"{self.path.name}.{self.token}{TEMP_SUFFIX}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            try:
                os.link(temp, self.path)
            except FileExistsError:
                return False
            except OSError as exc:  # no hard links here (some shared folders): exclusive create
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS):
                    raise
                return self._create_without_link(content)
            return True
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def _create_without_link(self, content: bytes) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW, FILE_MODE)
        except FileExistsError:
            return False
        try:
            _flock(fd)  # a racer that reads it meanwhile waits for the flock, then sees it whole
            os.write(fd, content)
        finally:
            os.close(fd)
        return True

    def _replace_stale(self, content: bytes, take_over: Holder | None) -> bool:
        """Under flock, replace the lock file's content if its holder is gone; False to start again."""
        try:
            fd = os.open(self.path, os.O_RDWR | _NOFOLLOW)
        except FileNotFoundError:
            return False  # released meanwhile: create it
        try:
            _flock(fd)
            if not _same_file(fd, self.path):
                return False  # released or replaced while we waited
            holder = _read_fd(fd)
            if holder is not None and holder.token == self.token:
                return True  # pragma: no cover - ours already
            agreed = take_over is not None and holder == take_over
            if holder is not None and alive(holder) and not agreed:
                raise LockHeld(self.path, holder)
            os.ftruncate(fd, 0)
            os.pwrite(fd, content, 0)
            self.took_over = holder or Holder(0, "?")
            return True
        finally:
            os.close(fd)  # lets the next racer in: it reads our content and finds us alive

    def release(self) -> None:
        """Give the lock back (only if it is still ours)."""
        if not self.held:
            return
        self.held = False
        try:
            fd = os.open(self.path, os.O_RDWR | _NOFOLLOW)
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                _flock(fd)
                holder = _read_fd(fd)
                if _same_file(fd, self.path) and holder is not None and holder.token == self.token:
                    with contextlib.suppress(OSError):
                        os.unlink(self.path)
            finally:
                os.close(fd)
        with _held_guard:
            _held_tokens.discard(self.token)
