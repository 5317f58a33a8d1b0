"""The index cache: every readable group and meeting file, validated, kept as JSON beside the data.

A warm cache lets the review open years of notes without parsing TOML again. An entry is used
only while its file has the same size, modification time and inode; anything else is read
again. A damaged or unreadable cache is simply rebuilt. The cache is a dot-file in the data
folder, private (0600) like every other file, and holds nothing the files do not hold.
Imports no Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Final

from homeroom_tui.store.atomic import atomic_write

INDEX_DIR: Final = ".index"
INDEX_VERSION: Final = 1

Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    """(size, mtime in ns, inode) of a regular file, or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class IndexCache:
    """JSON of validated models of one group's files, by path relative to the data folder.

    One cache file per group (``.index/<group>.json``): reading the review of years of notes
    never holds more than one group's cache in memory at a time.
    """

    def __init__(self, root: Path, group_id: str) -> None:
        self.path = root / INDEX_DIR / f"{group_id}.json"
        self.root = root
        self.entries: dict[str, tuple[Stamp, str]] = {}
        self.used: dict[str, tuple[Stamp, str]] = {}
        self.changed = False

    def load(self) -> None:
        """Read the cache; a missing, damaged or foreign one counts as empty."""
        try:
            raw = json.loads(self.path.read_bytes())
            if raw.get("version") != INDEX_VERSION:
                raise ValueError("version")
            self.entries = {k: (tuple(v[0]), v[1]) for k, v in raw["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}
            self.changed = True

    def get(self, path: Path, current: Stamp | None) -> str | None:
        """The cached JSON for ``path`` if the file is unchanged."""
        key = str(path.relative_to(self.root))
        entry = self.entries.get(key)
        if entry is None or current is None or entry[0] != current:
            return None
        self.used[key] = entry
        return entry[1]

    def put(self, path: Path, current: Stamp | None, data: str) -> None:
        """Remember the JSON of a file just read."""
        if current is None:
            return
        self.used[str(path.relative_to(self.root))] = (current, data)
        self.changed = True

    def save(self) -> None:
        """Write the entries used in this load (files gone or damaged drop out); errors are ignored."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        if not self.used:  # nothing left to cache: no file at all (not even an empty one)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return
        body = {"version": INDEX_VERSION, "files": {k: [list(s), d] for k, (s, d) in sorted(self.used.items())}}
        with contextlib.suppress(OSError):
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            atomic_write(self.path, data, durable=False)  # a cache: rebuilt if a crash loses it

    def keep_existing(self) -> None:
        """Keep only the entries whose files are still there, unchanged (the group could not be read)."""
        self.used = {k: v for k, v in self.entries.items() if stamp(self.root / k) == v[0]}
        self.changed = self.changed or len(self.used) != len(self.entries)


def drop_orphans(root: Path, group_ids: list[str]) -> None:
    """Delete the caches of group folders that are gone (removed by hand: their notes go with them)."""
    folder = root / INDEX_DIR
    keep = {f"{group_id}.json" for group_id in group_ids}
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.endswith(".json") and name not in keep:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def forget(root: Path) -> None:
    """Delete the caches (after a purge, so deleted notes do not live on in them)."""
    folder = root / INDEX_DIR
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            with contextlib.suppress(OSError):
                path.unlink()
