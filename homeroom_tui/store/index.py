"""The index: one private SQLite file per data folder, in the user's cache folder, never beside the data.

It holds, for every group and meeting file read whole and valid, the file's stamp (size,
modification time, inode), its validated model as JSON (what the review tables need, without
parsing TOML again) and its free texts in an FTS5 full-text table (what search ranks). An entry is
used only while its file has the same stamp; a file that changed is read again and its rows
replaced, the rows of a file that vanished are deleted at the next read. Deleting is done with
``secure_delete`` on, and the full-text index is then merged (``optimize``), so deleted notes do not
linger in free pages or old full-text segments (SQLite before 3.44 keeps deleted tokens there).

The file lives in the user's cache folder (``platformdirs``; ``$XDG_CACHE_HOME/homeroom/index`` on
Linux), named by a hash of the data folder's path, so a synced data folder never carries it and
sync services keep no history of it. It is 0600 in a 0700 folder. A damaged, foreign or older
index is deleted and built again; without SQLite's FTS5 there is no index at all and the review
falls back to reading the files and searching in memory. Imports no Textual.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

INDEX_VERSION: Final = "2"
"""Bumped when the tables change: an index of another version is deleted and built again."""
OLD_INDEX_DIR: Final = ".index"
"""Where homeroom 0.x kept JSON caches beside the data (with note text): deleted when seen."""
SLOTS: Final = 1 << 16
"""Full-text rows of file ``id`` are ``id * SLOTS + i``: a file's texts are one range of rowids."""
MARK_START: Final = "\ue000"
MARK_END: Final = "\ue001"
"""Around each match in :meth:`Index.search`'s texts (private-use characters, never markup)."""

Stamp = tuple[int, int, int]
TextRow = tuple[str, str | None, str]
"""(where, member id or None, text), as ``model.texts`` yields them."""

_SCHEMA: Final = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    group_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    name TEXT,
    data TEXT NOT NULL
);
CREATE INDEX files_group ON files(group_id, number);
CREATE VIRTUAL TABLE texts USING fts5(
    body, label UNINDEXED, member UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
"""


def stamp(path: Path) -> Stamp | None:
    """(size, mtime in ns, inode) of a regular file, or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def cache_dir() -> Path:
    """The folder holding the indexes of every data folder (the user's cache folder)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("homeroom", appauthor=False)) / "index"


def index_path(root: Path) -> Path:
    """The index file of the data folder ``root``, named by a hash of its absolute path."""
    key = hashlib.sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:32]
    return cache_dir() / f"{key}.sqlite3"


@functools.cache
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (checked once, in memory)."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as conn:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    except sqlite3.Error:
        return False
    return True


def remove_old_caches(root: Path) -> None:
    """Delete the JSON caches earlier versions kept beside the data (``.index/``): they hold note text."""
    folder = Path(root) / OLD_INDEX_DIR
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise OSError(f"not a folder: {folder}")
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(folder, 0o700)


def _private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if it is not there (SQLite gives its journal the same mode)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != 0o600:
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Entry:
    """A file's row: its id, stamp and validated model as JSON."""

    id: int
    stamp: Stamp
    data: str


@dataclass(frozen=True)
class Found:
    """One text that matches a search, best first; the matches are between the marks."""

    group_id: str
    group_name: str
    number: int
    """The meeting's number, or 0 for the group's own file (interview notes)."""
    where: str
    member_id: str | None
    marked: str
    group_data: str | None
    """The group's JSON when ``number`` is 0 (to title the interview), else None."""


class Index:
    """One connection to a data folder's index. Each thread opens its own (SQLite connections are
    not shared between threads); several processes may read and write it at once."""

    def __init__(self, root: Path, path: Path, conn: sqlite3.Connection) -> None:
        self.root = root
        self.path = path
        self.conn = conn
        self.deleted_text = False
        """Full-text rows were deleted since the last merge: :meth:`tidy` merges."""

    # opening ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path) -> Index | None:
        """The index of ``root``, made if missing, rebuilt if damaged, foreign or older; None
        without FTS5 or when the cache folder cannot be written (then nothing is cached)."""
        if not fts5_available():
            return None
        root = Path(root)
        remove_old_caches(root)
        try:
            path = index_path(root)
            _private_dir(path.parent)
        except OSError:
            return None
        for _attempt in range(2):
            try:
                return cls._connect(root, path)
            except (sqlite3.Error, OSError, ValueError):
                cls._delete(path)
        return None

    @classmethod
    def _connect(cls, root: Path, path: Path) -> Index:
        _private_file(path)
        conn = sqlite3.connect(path, timeout=15.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = OFF")  # a cache: a crash means it is rebuilt
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                conn.executescript(
                    "BEGIN IMMEDIATE; "
                    + _SCHEMA.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
                    .replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
                    .replace("CREATE VIRTUAL TABLE ", "CREATE VIRTUAL TABLE IF NOT EXISTS ")
                    + "INSERT OR IGNORE INTO meta VALUES ('version', '"
                    + INDEX_VERSION
                    + "'); COMMIT;"
                )
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('root', ?)", (os.path.abspath(root),))
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("version") != INDEX_VERSION or meta.get("root") != os.path.abspath(root):
                raise ValueError("a foreign or older index")
            conn.execute("SELECT count(*) FROM texts WHERE rowid < 0").fetchone()  # FTS5 readable
        except BaseException:
            conn.close()
            raise
        return cls(root, path, conn)

    @staticmethod
    def _delete(path: Path) -> None:
        for name in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                os.unlink(name)

    def close(self) -> None:
        """Merge what was deleted (see :meth:`tidy`) and close."""
        with contextlib.suppress(sqlite3.Error):
            self.tidy()
        self.conn.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # reading ----------------------------------------------------------------------------------
    def _key(self, path: Path) -> str:
        return str(Path(path).relative_to(self.root))

    def entries(self, group_id: str, with_data: bool = True) -> dict[str, Entry]:
        """The rows of one group's files, by path relative to the data folder."""
        column = "data" if with_data else "''"
        rows = self.conn.execute(
            f"SELECT path, id, size, mtime, ino, {column} FROM files WHERE group_id = ?",
            (group_id,),
        )
        return {path: Entry(id_, (size, mtime, ino), data) for path, id_, size, mtime, ino, data in rows}

    def group_ids(self) -> list[str]:
        """The groups the index holds files of."""
        return [row[0] for row in self.conn.execute("SELECT DISTINCT group_id FROM files ORDER BY group_id")]

    # writing ----------------------------------------------------------------------------------
    def write(
        self,
        group_id: str,
        put: Iterable[tuple[str, int, Stamp, str, str | None, list[TextRow]]],
        drop: Iterable[int],
    ) -> None:
        """In one transaction: (re)place the rows of files read (path, number, stamp, JSON, group
        name, texts) and delete the rows ``drop`` (by id) with their texts."""
        put, drop = list(put), list(drop)
        if not put and not drop:
            return
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for id_ in drop:
                self._delete_file(id_)
            for key, number, (size, mtime, ino), data, name, found in put:
                old = conn.execute("SELECT id FROM files WHERE path = ?", (key,)).fetchone()
                if old is not None:
                    self._delete_file(old[0])
                cursor = conn.execute(
                    "INSERT INTO files(path, group_id, number, size, mtime, ino, name, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, group_id, number, size, mtime, ino, name, data),
                )
                base = int(cursor.lastrowid or 0) * SLOTS
                conn.executemany(
                    "INSERT INTO texts(rowid, body, label, member) VALUES (?, ?, ?, ?)",
                    [(base + i, text, where, member) for i, (where, member, text) in enumerate(found[: SLOTS - 1])],
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _delete_file(self, id_: int) -> None:
        deleted = self.conn.execute(
            "DELETE FROM texts WHERE rowid >= ? AND rowid < ?", (id_ * SLOTS, (id_ + 1) * SLOTS)
        )
        self.conn.execute("DELETE FROM files WHERE id = ?", (id_,))
        if deleted.rowcount:
            self.deleted_text = True

    def drop_groups_except(self, group_ids: Iterable[str]) -> None:
        """Delete the rows of groups whose folders are gone (removed by hand: their notes go too)."""
        keep = set(group_ids)
        gone = [g for g in self.group_ids() if g not in keep]
        for group_id in gone:
            ids = [row[0] for row in self.conn.execute("SELECT id FROM files WHERE group_id = ?", (group_id,))]
            self.write(group_id, [], ids)

    def forget_files(self, paths: Iterable[Path]) -> None:
        """Delete the rows of ``paths`` (purged files) and merge at once: their text leaves the file."""
        by_group: dict[str, list[int]] = {}
        for path in paths:
            with contextlib.suppress(ValueError):
                row = self.conn.execute("SELECT id, group_id FROM files WHERE path = ?", (self._key(path),)).fetchone()
                if row is not None:
                    by_group.setdefault(row[1], []).append(row[0])
        for group_id, ids in by_group.items():
            self.write(group_id, [], ids)
        self.deleted_text = True
        self.tidy()

    def tidy(self) -> None:
        """After deletions: merge the full-text index into one segment (dropping deleted tokens) and
        let the freed pages go (zeroed, with ``secure_delete``)."""
        if not self.deleted_text:
            return
        self.conn.execute("INSERT INTO texts(texts) VALUES ('optimize')")
        self.conn.execute("VACUUM")
        self.deleted_text = False

    # search -----------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 500) -> list[Found]:
        """The texts matching the FTS5 ``query``, best first (bm25), each with its matches marked."""
        rows = self.conn.execute(
            "SELECT f.group_id, g.name, f.number, t.label, t.member,"
            " highlight(texts, 0, ?, ?), CASE WHEN f.number = 0 THEN f.data END"
            " FROM texts AS t"
            " JOIN files AS f ON f.id = t.rowid / ?"
            " LEFT JOIN files AS g ON g.group_id = f.group_id AND g.number = 0"
            " WHERE texts MATCH ? ORDER BY t.rank LIMIT ?",
            (MARK_START, MARK_END, SLOTS, query, limit),
        )
        return [Found(g, n or g, num, where, member, marked, data) for g, n, num, where, member, marked, data in rows]

    def text_rows(self) -> Iterator[str]:
        """Every indexed text (for tests and ``homeroom check``)."""
        for (body,) in self.conn.execute("SELECT body FROM texts"):
            yield body


@contextlib.contextmanager
def opened(root: Path, use: bool = True) -> Iterator[Index | None]:
    """The index of ``root`` (None without one, or when ``use`` is false), closed afterwards."""
    index = Index.open(root) if use else None
    try:
        yield index
    finally:
        if index is not None:
            index.close()


def forget(root: Path, paths: Iterable[Path] | None = None) -> None:
    """Take ``paths`` (purged files; all files when None) out of the index of ``root``, leaving no
    trace of their text in the index file. Errors are ignored: a cache."""
    remove_old_caches(root)
    if paths is None:
        with contextlib.suppress(OSError):
            Index._delete(index_path(Path(root)))
        return
    with contextlib.suppress(sqlite3.Error, OSError), opened(root) as index:
        if index is not None:
            index.forget_files(paths)


class IndexCache:
    """One group's rows, as the store reads its files: ``get`` the JSON of an unchanged file, ``put``
    a file read whole and valid, ``save`` what changed. With ``index`` None nothing is cached."""

    def __init__(self, index: Index | None, group_id: str) -> None:
        self.index = index
        self.group_id = group_id
        self.entries: dict[str, Entry] = {}
        self.used: set[str] = set()
        self.put_rows: dict[str, tuple[str, int, Stamp, str, str | None, list[TextRow]]] = {}

    def load(self, with_data: bool = True) -> None:
        """Read the group's rows (a damaged index counts as empty)."""
        if self.index is None:
            return
        try:
            self.entries = self.index.entries(self.group_id, with_data)
        except sqlite3.Error:
            self.entries = {}

    def key(self, path: Path) -> str:
        """``path`` relative to the data folder."""
        assert self.index is not None
        return self.index._key(path)

    def unchanged(self, path: Path, current: Stamp | None) -> Entry | None:
        """The row of ``path`` if the file is unchanged since it was read (and marks it used)."""
        if self.index is None or current is None:
            return None
        key = self.key(path)
        entry = self.entries.get(key)
        if entry is None or entry.stamp != current:
            return None
        self.used.add(key)
        return entry

    def get(self, path: Path, current: Stamp | None) -> str | None:
        """The cached JSON for ``path`` if the file is unchanged."""
        entry = self.unchanged(path, current)
        return entry.data if entry is not None and entry.data else None

    def put(
        self, path: Path, number: int, current: Stamp | None, data: str, name: str | None, found: Iterable[TextRow]
    ) -> None:
        """Remember a file just read whole and valid, with its texts."""
        if self.index is None or current is None:
            return
        key = self.key(path)
        self.used.add(key)
        self.put_rows[key] = (key, number, current, data, name, list(found))

    def save(self, drop_unused: bool = True) -> None:
        """Write the files read and delete the rows of files gone, changed or damaged; errors ignored."""
        if self.index is None:
            return
        drop = [e.id for k, e in self.entries.items() if k not in self.used] if drop_unused else []
        with contextlib.suppress(sqlite3.Error):
            self.index.write(self.group_id, self.put_rows.values(), drop)
        self.put_rows = {}

    def discard(self, path: Path) -> None:
        """``path`` was read but is not usable (it does not fit its group): drop its row."""
        if self.index is not None:
            key = self.key(path)
            self.used.discard(key)
            self.put_rows.pop(key, None)

    def keep_existing(self) -> None:
        """Keep only the rows whose files are still there, unchanged (the group could not be read)."""
        if self.index is None:
            return
        self.used |= {k for k, e in self.entries.items() if stamp(self.index.root / k) == e.stamp}
