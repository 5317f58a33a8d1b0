"""Writing reports: never over an earlier export, never into the notes, always 0600. Imports no Textual.

A report holds counseling notes too, so it is written like a meeting file (private, whole or not at
all), with two more rules: an export started in the app never replaces an earlier one (it takes the
next free name, ``-2``, ``-3``, ...), and ``homeroom export --out`` never writes into the data
folder's ``groups/`` (where it could replace a meeting file) nor over an existing file unless asked.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from homeroom_tui.store.atomic import FILE_MODE, TEMP_SUFFIX, ensure_private_dir, fsync_dir, write_private
from homeroom_tui.store.paths import GROUPS_DIR

MAX_SUFFIX: Final = 999
"""Exports of one group on one day before homeroom gives up looking for a free name."""


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (0600, whole or not at all), which must not exist yet.

    Raises :class:`FileExistsError` when it does, also when another program creates it meanwhile:
    the file is put in place with a hard link, which never replaces anything. Where the file
    system has no hard links the file is created with ``O_EXCL`` and written in place.
    """
    folder = path.parent
    ensure_private_dir(folder)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        write_private(fd, data)
        try:
            os.link(temp_name, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some shares): an exclusive create instead
            _write_exclusive(path, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
    fsync_dir(folder)


def _write_exclusive(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    try:
        write_private(fd, data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def write_export_set(folder: Path, stem: str, files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (suffix -> data, e.g. ``.md``, ``.csv``) as ``folder/stem.md``, ``folder/stem.csv``, ...

    When any of those names is taken, the set goes to ``stem-2``, then ``stem-3``, ...: an earlier
    export is never replaced. Returns the stem path used (``folder/stem-2``).
    """
    for n in range(1, MAX_SUFFIX + 1):
        base = folder / (stem if n == 1 else f"{stem}-{n}")
        targets = [base.with_name(base.name + suffix) for suffix in files]
        if any(os.path.lexists(target) for target in targets):
            continue
        written: list[Path] = []
        try:
            for target, data in zip(targets, files.values(), strict=True):
                write_new(target, data)
                written.append(target)
        except FileExistsError:  # another copy of homeroom took the name just now: the next one
            for target in written:
                with contextlib.suppress(OSError):
                    os.unlink(target)
            continue
        return base
    raise FileExistsError(str(folder / stem))


def inside_groups(path: Path, data_dir: Path) -> bool:
    """True when ``path`` is, or would be, inside the data folder's ``groups/`` (links resolved)."""
    groups = os.path.realpath(data_dir / GROUPS_DIR)
    target = os.path.realpath(path)
    return target == groups or target.startswith(groups.rstrip(os.sep) + os.sep)
