"""Durable file writes: temp file in the same folder, fsync, rename, fsync the folder.

Imports no Textual.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Final

DIR_MODE: Final = 0o700
FILE_MODE: Final = 0o600
TEMP_SUFFIX: Final = ".tmp"


class UnsafePath(OSError):
    """A path homeroom will not write through (a symbolic link, or a file where a folder should be)."""


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and its missing parents as 0700 folders, whatever the umask."""
    missing: list[Path] = []
    current = path
    while not current.exists() and not current.is_symlink():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(f"{path}: symlink")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(f"{path}: not a folder")


def tighten_dir(path: Path) -> int | None:
    """Take group and other permissions off an existing folder of ours (0755 -> 0700).

    Leaves links, others' folders and missing ones alone, and never adds a permission: a folder
    the counselor made read-only (0500) stays read-only. Returns the old mode when it changed it.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return None
    mode = stat.S_IMODE(info.st_mode)
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and mode & 0o077:
        try:
            os.chmod(path, mode & DIR_MODE)
        except OSError:
            return None
        return mode
    return None


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_private(fd: int, data: bytes, durable: bool = True) -> None:
    """Write ``data`` into the new file open on ``fd``, then close it: private (0600), flushed, synced if durable."""
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)
        handle.write(data)
        handle.flush()
        if durable:
            os.fsync(handle.fileno())


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The file is created 0600 and its folder 0700. A symbolic link at ``path`` is refused.
    ``durable=False`` skips the fsyncs: for caches, which can always be rebuilt.
    """
    folder = path.parent
    ensure_private_dir(folder)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(info.st_mode):
            raise UnsafePath(f"{path}: symlink")
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePath(f"{path}: not a regular file")
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        write_private(fd, data, durable)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        fsync_dir(folder)
