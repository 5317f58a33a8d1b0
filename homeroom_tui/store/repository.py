"""The data folder as a repository of groups and meetings, with its caches. Imports no Textual.

Reading never raises anything but :class:`DamagedFile`; a damaged file is never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Meeting
from homeroom_tui.model.slug import slugify
from homeroom_tui.model.texts import interview_texts, texts
from homeroom_tui.store.atomic import TEMP_SUFFIX, UnsafePath, atomic_write, tighten_dir
from homeroom_tui.store.consistency import group_problems, meeting_problems, stray_problem
from homeroom_tui.store.errors import DamagedFile, Problem, os_reason
from homeroom_tui.store.index import IndexCache, Stamp, opened, stamp
from homeroom_tui.store.paths import (
    ATTACHMENTS_DIR,
    GROUP_FILE,
    GROUPS_DIR,
    meeting_file_name,
    meeting_number,
    resembles,
)
from homeroom_tui.store.reading import load_model
from homeroom_tui.store.writing import HEADERS, dump_for_save

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class MeetingStub:
    """What the list of groups needs of a meeting."""

    number: int
    date: dt.date
    status: str
    planned_date: dt.date | None = None

    @property
    def scheduled_date(self) -> dt.date:
        """The day the meeting was planned for."""
        return self.planned_date or self.date


@dataclass(frozen=True)
class Stray:
    """A file in a group folder that homeroom never reads: a synced folder's conflict copy and the like."""

    path: Path
    resembles: str | None
    """The homeroom file its name was made from (``meeting-02.toml``), or None."""


@dataclass
class Loaded:
    """What a folder held: the good files and the problems with the others."""

    groups: list[Group] = field(default_factory=list)
    meetings: dict[str, list[Meeting]] = field(default_factory=dict)
    """The meetings of the groups asked for (all by default)."""
    stubs: dict[str, list[MeetingStub]] = field(default_factory=dict)
    """Number, date and status of every group's meetings."""
    problems: list[Problem] = field(default_factory=list)
    strays: dict[str, list[Stray]] = field(default_factory=dict)
    """Stray copies in each readable group's folder (also among ``problems``)."""


class Store:
    """The data folder: one folder per group holding ``group.toml`` and ``meeting-NN.toml`` files."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._written: dict[Path, Stamp] = {}
        """Files this store wrote or read whole and valid, by (size, mtime, inode): unchanged since,
        a save need not check them again."""
        self._read_stamps: dict[Path, tuple[int, int, int]] = {}

    # paths -----------------------------------------------------------------
    @property
    def groups_dir(self) -> Path:
        """Folder holding one folder per group."""
        return self.root / GROUPS_DIR

    def group_dir(self, group_id: str) -> Path:
        """Folder of one group."""
        return self.groups_dir / group_id

    def group_path(self, group_id: str) -> Path:
        """The group's own file."""
        return self.group_dir(group_id) / GROUP_FILE

    def meeting_path(self, group_id: str, number: int) -> Path:
        """The file of meeting ``number`` of a group."""
        return self.group_dir(group_id) / meeting_file_name(number)

    # reading ---------------------------------------------------------------
    def scan_groups(self) -> tuple[list[str], list[Problem]]:
        """Ids of the group folders (sorted; real folders only) and what else is wrong up there."""
        problems: list[Problem] = []
        for folder, key in ((self.root, "err.data_not_dir"), (self.groups_dir, "err.groups_not_dir")):
            try:
                info = os.lstat(folder)
            except FileNotFoundError:
                return [], problems
            except OSError as exc:
                return [], [Problem(folder, "", t("err.folder_unreadable", reason=os_reason(exc)))]
            if stat.S_ISLNK(info.st_mode) and folder == self.groups_dir:
                return [], [Problem(folder, "", t("err.symlink"))]
            if not stat.S_ISDIR(folder.stat().st_mode):
                return [], [Problem(folder, "", t(key))]
        try:
            entries = sorted(os.scandir(self.groups_dir), key=lambda e: e.name)
        except OSError as exc:
            return [], [Problem(self.groups_dir, "", t("err.folder_unreadable", reason=os_reason(exc)))]
        ids = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                problems.append(Problem(Path(entry.path), "", t("err.symlink")))
            elif entry.is_dir(follow_symlinks=False):
                ids.append(entry.name)
            else:
                problems.append(Problem(Path(entry.path), "", t("err.unexpected_file")))
        return ids, problems

    def group_ids(self) -> list[str]:
        """Ids of the group folders, sorted (folders only, no links)."""
        return self.scan_groups()[0]

    def _read(self, path: Path, model: type[M], cache: IndexCache | None) -> tuple[M, bool]:
        """``load_model``, through the index when one is given; also whether the file itself was read.

        A file read whole and valid is remembered by its stamp, so that the first save after it
        (an autosave of the meeting just opened) need not read it a second time.
        """
        current = stamp(path)
        instance: M | None = None
        raw = cache.get(path, current) if cache is not None else None
        if raw is not None:
            with contextlib.suppress(ValidationError):  # a stale or tampered row: read the file itself
                instance = model.model_validate_json(raw)
        fresh = instance is None
        if instance is None:
            instance = load_model(path, model)
        if current is not None:
            self._read_stamps[path] = current  # becomes "known good" once the caller's checks pass
        return instance, fresh

    def _mark_good(self, path: Path) -> Stamp | None:
        current = self._read_stamps.pop(path, None)
        if current is not None:
            self._written[path] = current
        return current

    def load_group(self, group_id: str, cache: IndexCache | None = None) -> Group:
        """Load one group; raises :class:`DamagedFile`."""
        path = self.group_path(group_id)
        group, fresh = self._read(path, Group, cache)
        problems = group_problems(path, group, group_id)
        if problems:
            if cache is not None:
                cache.discard(path)
            raise DamagedFile(problems)
        current = self._mark_good(path)
        if cache is not None and fresh:
            cache.put(path, 0, current, group.model_dump_json(), group.name, interview_texts(group))
        return group

    def load_meeting(self, group: Group, number: int) -> Meeting:
        """Load one meeting of ``group``; raises :class:`DamagedFile`."""
        return self.load_meeting_file(group, self.meeting_path(group.id, number))

    def load_meeting_file(self, group: Group, path: Path, cache: IndexCache | None = None) -> Meeting:
        """Load the meeting file at ``path`` as one of ``group``'s, where it belongs; raises :class:`DamagedFile`."""
        meeting, fresh = self._read(path, Meeting, cache)
        problems = meeting_problems(path, meeting, group.id, {m.id for m in group.members})
        if problems:
            if cache is not None:
                cache.discard(path)  # read again (and named again) next time
            raise DamagedFile(problems)
        current = self._mark_good(path)
        if cache is not None and fresh:
            cache.put(path, meeting.number, current, meeting.model_dump_json(), None, texts(meeting))
        return meeting

    def meeting_files(self, group_id: str) -> tuple[list[Path], list[Problem]]:
        """The meeting files of a group, in meeting order, and any stray files beside them."""
        paths, problems, _ = self.scan_group(group_id)
        return paths, problems

    def scan_group(self, group_id: str) -> tuple[list[Path], list[Problem], list[Stray]]:
        """A group folder's meeting files (in meeting order), problems, and stray copies.

        Only ``group.toml`` and ``meeting-NN.toml`` are read. Every other file is a stray copy
        (a synced folder's conflict copy, a download named ``meeting-02 (1).toml``, ...): never
        loaded, and named as a problem with the file it resembles. homeroom's own dot-files
        (locks, temp files of a save) and sub-folders are left alone.
        """
        folder = self.group_dir(group_id)
        found: dict[int, Path] = {}
        problems: list[Problem] = []
        strays: list[Stray] = []
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except FileNotFoundError:
            return [], [], []
        except OSError as exc:
            return [], [Problem(folder, "", t("err.folder_unreadable", reason=os_reason(exc)))], []
        for entry in entries:
            name = entry.name
            if name == GROUP_FILE or name.startswith("."):
                continue  # the group file, temp files of a save (".x.toml.123.tmp"), lock files
            number = meeting_number(name)
            if number is not None:
                found[number] = Path(entry.path)
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    continue
            path = Path(entry.path)
            strays.append(Stray(path, resembles(name)))
            problems.append(stray_problem(path))
        return [found[n] for n in sorted(found)], problems, strays

    def load_meetings(self, group: Group, cache: IndexCache | None = None) -> tuple[list[Meeting], list[Problem]]:
        """Every readable meeting of ``group`` (sorted by number) and the problems with the rest."""
        paths, problems = self.meeting_files(group.id)
        return self._load_meeting_files(group, paths, problems, cache), problems

    def _load_meeting_files(
        self, group: Group, paths: list[Path], problems: list[Problem], cache: IndexCache | None
    ) -> list[Meeting]:
        meetings = []
        for path in paths:
            try:
                meetings.append(self.load_meeting_file(group, path, cache))
            except DamagedFile as exc:
                problems.extend(exc.problems)
        return meetings

    def load_all(
        self,
        use_cache: bool = True,
        progress: Callable[[int, int], None] | None = None,
        keep: Callable[[Group], bool] | None = None,
        visit: Callable[[Group, list[Meeting]], None] | None = None,
    ) -> Loaded:
        """Every group and meeting under the data folder; damaged files become problems.

        Every file is read and checked. ``keep(group)`` says whose meetings stay in memory (all by
        default); every group gets its stubs (number, date, status). ``visit(group, meetings)`` sees
        each group's meetings as they are read. With ``use_cache`` unchanged files come from the
        index cache, which is brought up to date; ``progress(done, total)`` is called per group.
        """
        loaded = Loaded()
        group_ids, loaded.problems = self.scan_groups()
        with opened(self.root, use_cache) as index:
            if index is not None:
                with contextlib.suppress(sqlite3.Error):
                    index.drop_groups_except(group_ids)  # a group folder removed by hand: its notes go too
            for done, group_id in enumerate(group_ids, 1):
                self._load_into(loaded, group_id, IndexCache(index, group_id), keep, visit)
                if progress is not None:
                    progress(done, len(group_ids))
        return loaded

    def _load_into(
        self,
        loaded: Loaded,
        group_id: str,
        cache: IndexCache,
        keep: Callable[[Group], bool] | None,
        visit: Callable[[Group, list[Meeting]], None] | None,
    ) -> None:
        cache.load()
        try:
            group = self._load_group_indexed(group_id, cache)
        except DamagedFile as exc:
            loaded.problems.extend(exc.problems)
            return
        paths, problems, strays = self.scan_group(group.id)
        meetings = self._load_meeting_files(group, paths, problems, cache)
        if strays:
            loaded.strays[group.id] = strays
        cache.save()
        loaded.groups.append(group)
        loaded.stubs[group.id] = [MeetingStub(m.number, m.date, m.status, m.planned_date) for m in meetings]
        if keep is None or keep(group):
            loaded.meetings[group.id] = meetings
        if visit is not None:
            visit(group, meetings)
        loaded.problems.extend(problems)

    def read_group(self, group_id: str) -> tuple[Group, list[Meeting], list[Problem]]:
        """One group and its readable meetings, through the index (only files that changed are parsed);
        raises :class:`DamagedFile` when the group's own file cannot be used."""
        with opened(self.root) as index:
            cache = IndexCache(index, group_id)
            cache.load()
            group = self._load_group_indexed(group_id, cache)
            meetings, problems = self.load_meetings(group, cache)
            cache.save()
        return group, meetings, problems

    def _load_group_indexed(self, group_id: str, cache: IndexCache) -> Group:
        """``load_group``; when the group's own file cannot be used, the rows of its files that are
        still there, unchanged, are kept and the rest deleted before :class:`DamagedFile` is raised."""
        try:
            return self.load_group(group_id, cache)
        except DamagedFile:
            cache.keep_existing()
            cache.save()
            raise

    def sync_index(self, progress: Callable[[int, int], None] | None = None) -> tuple[bool, list[Problem]]:
        """Bring the index up to date with the whole folder, parsing only files that changed (when the
        group's own file changed, its meetings are checked against it again); returns whether there is
        an index at all, and every problem found (damaged files are never indexed: named each time)."""
        group_ids, problems = self.scan_groups()
        with opened(self.root) as index:
            if index is None:
                return False, problems
            with contextlib.suppress(sqlite3.Error):
                index.drop_groups_except(group_ids)
            for done, group_id in enumerate(group_ids, 1):
                problems.extend(self._sync_group(group_id, IndexCache(index, group_id)))
                if progress is not None:
                    progress(done, len(group_ids))
        return True, problems

    def _sync_group(self, group_id: str, cache: IndexCache) -> list[Problem]:
        cache.load(with_data=False)
        path = self.group_path(group_id)
        paths, problems, _ = self.scan_group(group_id)
        group_unchanged = cache.unchanged(path, stamp(path)) is not None
        stale = [p for p in paths if not (group_unchanged and cache.unchanged(p, stamp(p)))]
        if stale or not group_unchanged:
            try:
                group = self._load_group_indexed(group_id, cache)
            except DamagedFile as exc:
                return problems + exc.problems
            self._load_meeting_files(group, stale, problems, cache)
        cache.save()
        return problems

    # writing ---------------------------------------------------------------
    def _refuse_linked_groups(self) -> None:
        """``groups/`` as a symbolic link is refused for writing as it is for reading."""
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(self.groups_dir).st_mode):
                raise DamagedFile.one(self.groups_dir, "", t("err.symlink"))

    def _guarded_write(self, path: Path, model: type[BaseModel], data: bytes) -> None:
        """Write ``data`` to ``path`` unless the file there now is damaged (then it is kept as it is)."""
        self._refuse_linked_groups()
        if os.path.lexists(path) and not self._unchanged_since_written(path):
            existing = load_model(path, model)  # raises DamagedFile: never overwrite what we cannot read
            self._check_owner(path, existing)
        for folder in (self.groups_dir, path.parent):
            tighten_dir(folder)  # a folder made by hand or by an older tool becomes private too
        try:
            atomic_write(path, data)
        except UnsafePath:
            raise DamagedFile.one(path, "", t("err.symlink")) from None
        self._remember(path)

    def _remember(self, path: Path) -> None:
        current = stamp(path)
        if current is None:
            self._written.pop(path, None)
        else:
            self._written[path] = current

    def unchanged_since_written(self, path: Path) -> bool:
        """True when ``path`` is exactly the file this store last wrote or read whole and valid."""
        return self._unchanged_since_written(path)

    def _unchanged_since_written(self, path: Path) -> bool:
        """True when ``path`` is exactly the file this store last wrote (nobody edited or replaced it)."""
        try:
            info = os.lstat(path)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and self._written.get(path) == (info.st_size, info.st_mtime_ns, info.st_ino)

    def _check_owner(self, path: Path, existing: BaseModel) -> None:
        """A file that says it is another group's, another meeting, or names unknown members, is damaged too."""
        folder = path.parent.name
        problems = []
        if isinstance(existing, Group):
            problems += group_problems(path, existing, folder)
        if isinstance(existing, Meeting):
            try:
                known: set[str] | None = {m.id for m in self.load_group(folder).members}
            except DamagedFile:
                known = None  # the group file's own problem is reported on its own
            problems += meeting_problems(path, existing, folder, known)
        if problems:
            raise DamagedFile(problems)

    def save_group(self, group: Group) -> Path:
        """Save a group file atomically; refuses to overwrite a damaged one, or to write one it would not read."""
        path = self.group_path(group.id)
        self._guarded_write(path, Group, dump_for_save(path, group, HEADERS["group"]))
        return path

    def save_meeting(self, meeting: Meeting) -> Path:
        """Save a meeting file atomically; refuses to overwrite a damaged one, or to write one it would not read
        (:class:`SaveRefused`: a field too long, or over :data:`~homeroom_tui.store.writing.SAVE_BUDGET_BYTES`)."""
        path = self.meeting_path(meeting.group_id, meeting.number)
        self._guarded_write(path, Meeting, dump_for_save(path, meeting, HEADERS["meeting"]))
        return path

    def free_group_id(self, name: str) -> str:
        """A slug of ``name`` that no group folder uses yet."""

        self._refuse_linked_groups()
        base = slugify(name)
        candidate, n = base, 1
        while os.path.lexists(self.group_dir(candidate)):
            n += 1
            suffix = f"-{n}"
            candidate = base[: 64 - len(suffix)] + suffix
        return candidate

    def create_group(
        self,
        name: str,
        members: list[str],
        *,
        counselor: str = "",
        meetings_planned: int = 4,
        first_meeting: dt.date | None = None,
        every_days: int = 7,
        today: dt.date | None = None,
    ) -> Group:
        """Create and save a new group (:meth:`Group.new`) with a fresh id; members get K1, K2, ... in order."""
        group = Group.new(
            self.free_group_id(name),
            name,
            members,
            created=today or dt.date.today(),
            counselor=counselor,
            meetings_planned=meetings_planned,
            first_meeting=first_meeting,
            every_days=every_days,
        )
        try:
            self.save_group(group)
        except BaseException:
            # the folder is new (free_group_id): an empty one left by a failed save would show as a
            # damaged group and take the id from the retry. rmdir removes it only while it is empty.
            with contextlib.suppress(OSError):
                os.rmdir(self.group_dir(group.id))
            raise
        return group

    def clean_temp_files(self, older_than: float = 300.0) -> int:
        """Delete half-written saves (``.x.toml.abc.tmp``) left by a crash, once they are ``older_than`` seconds.

        Young ones are left alone: another homeroom may be saving right now. Returns how many went.
        """

        removed = 0
        now = time.time()
        folders = [self.group_dir(group_id) for group_id in self.group_ids()]
        for group_folder in list(folders):  # and half-copied attached files (``.attach.abc.tmp``)
            with contextlib.suppress(OSError):
                attached = group_folder / ATTACHMENTS_DIR
                if not os.path.islink(attached):
                    folders += [Path(e.path) for e in os.scandir(attached) if e.is_dir(follow_symlinks=False)]
        for folder in folders:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if not (entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX)):
                    continue
                try:
                    if (
                        entry.is_file(follow_symlinks=False)
                        and now - entry.stat(follow_symlinks=False).st_mtime > older_than
                    ):
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    continue
        return removed

    # checking --------------------------------------------------------------
    def check(self, only: str | None = None) -> tuple[int, list[Problem]]:
        """Validate every file under the data folder (or of group ``only``): (files checked, problems)."""
        checked = 0
        problems: list[Problem] = []
        if only:
            group_ids = [only]
        else:
            group_ids, problems = self.scan_groups()
        for group_id in group_ids:
            checked += 1
            try:
                group = self.load_group(group_id)
            except DamagedFile as exc:
                problems.extend(exc.problems)
                paths, stray = self.meeting_files(group_id)
                problems.extend(stray)
                for path in paths:
                    checked += 1
                    try:
                        load_model(path, Meeting)
                    except DamagedFile as inner:
                        problems.extend(inner.problems)
                continue
            paths, stray = self.meeting_files(group_id)
            problems.extend(stray)
            for path in paths:
                checked += 1
                try:
                    meeting = self.load_meeting_file(group, path)
                except DamagedFile as exc:
                    problems.extend(exc.problems)
                    continue
                from homeroom_tui.store.attachments import missing_problems

                problems.extend(missing_problems(self, group_id, meeting))
        return checked, problems
