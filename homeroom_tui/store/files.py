"""Reading and writing group and meeting files. Imports no Textual.

Reading never raises anything but :class:`DamagedFile`; a damaged file is never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

import tomli
import tomli_w
from pydantic import BaseModel, ValidationError

from homeroom_tui.i18n import t
from homeroom_tui.model import SCHEMA_VERSION, Group, Meeting
from homeroom_tui.store.atomic import TEMP_SUFFIX, UnsafePath, atomic_write, tighten_dir
from homeroom_tui.store.errors import (
    DamagedFile,
    Problem,
    SaveRefused,
    find_line,
    os_reason,
    toml_problem,
    validation_problems,
)
from homeroom_tui.store.index import IndexCache, Stamp, stamp
from homeroom_tui.store.paths import GROUP_FILE, GROUPS_DIR, MEETING_FILE_RE, meeting_file_name

MAX_FILE_BYTES: Final = 1_048_576
"""Files larger than this are refused before they are read: no real meeting comes close."""

SAVE_BUDGET_BYTES: Final = 524_288
"""A save that would make a file larger than this is refused: well under :data:`MAX_FILE_BYTES`, so
that a file homeroom writes is always one it reads, also after a hand edit adds a little."""

BOM: Final = b"\xef\xbb\xbf"
UTF16_32_BOMS: Final = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

HEADERS: Final = {
    "group": "# homeroom group file: plan and members. Format: docs/FORMAT.md. Confidential.\n",
    "meeting": "# homeroom meeting file. Format: docs/FORMAT.md. Confidential counseling notes.\n",
}

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path) -> str:
    """The text of a TOML file, with the checks that come before parsing."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise DamagedFile.one(path, "", t("err.file_missing")) from None
    except OSError as exc:
        raise DamagedFile.one(path, "", t("err.os", reason=os_reason(exc))) from None
    if stat.S_ISLNK(info.st_mode):
        raise DamagedFile.one(path, "", t("err.symlink"))
    if stat.S_ISDIR(info.st_mode):
        raise DamagedFile.one(path, "", t("err.is_dir"))
    if not stat.S_ISREG(info.st_mode):
        raise DamagedFile.one(path, "", t("err.not_regular"))
    if info.st_size > MAX_FILE_BYTES:
        raise DamagedFile.one(path, "", t("err.too_large", size=info.st_size, limit=MAX_FILE_BYTES))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DamagedFile.one(path, "", t("err.os", reason=os_reason(exc))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DamagedFile.one(path, "", t("err.too_large", size=len(raw), limit=MAX_FILE_BYTES))
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    if not raw.strip():
        raise DamagedFile.one(path, "", t("err.empty"))
    if raw.startswith(UTF16_32_BOMS):  # saved as "Unicode" by an editor: text, but not UTF-8 (and full of NULs)
        raise DamagedFile.one(path, t("where.line", line=1), t("err.utf8"))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise DamagedFile.one(path, t("where.line", line=line), t("err.nul"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DamagedFile.one(path, t("where.line", line=line), t("err.utf8")) from None


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, turning syntax errors into a :class:`DamagedFile`."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DamagedFile([toml_problem(path, str(exc), text)]) from None
    except RecursionError:
        raise DamagedFile.one(path, "", t("err.too_deep")) from None


def check_schema_version(path: Path, text: str, data: dict[str, Any]) -> None:
    """A file must say which version of the format it is written in, and one we can read."""
    if "schema_version" not in data:
        raise DamagedFile.one(path, "schema_version", t("err.missing"))
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        line = find_line(text, ("schema_version",))
        where = t("where.field_line", field="schema_version", line=line) if line else "schema_version"
        raise DamagedFile.one(path, where, t("err.int_type"))
    if version > SCHEMA_VERSION:
        raise DamagedFile.one(path, "schema_version", t("err.schema_newer", version=version, supported=SCHEMA_VERSION))
    if version < 1:
        raise DamagedFile.one(path, "schema_version", t("err.schema_unknown", version=version))


def load_model(path: Path, model: type[M]) -> M:
    """Read, parse and validate one file as ``model``."""
    text = read_text(path)
    data = parse_toml(path, text)
    check_schema_version(path, text, data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DamagedFile(validation_problems(path, text, exc)) from None


def dump_model(instance: BaseModel, header: str = "") -> bytes:
    """The TOML bytes for a model: absent values are left out (TOML has no null)."""
    data = instance.model_dump(mode="python", exclude_none=True)
    if "schema_version" in data:
        data["schema_version"] = SCHEMA_VERSION  # a version-1 file becomes version 2 when it is saved
    return (header + tomli_w.dumps(data, multiline_strings=True)).encode("utf-8")


def dump_for_save(path: Path, instance: BaseModel, header: str) -> bytes:
    """The bytes :func:`dump_model` gives, once they are known to be a file homeroom reads again.

    Raises :class:`SaveRefused` (naming the field, never its text) when a field breaks the model's
    rules (a change that skipped validation, such as ``model_copy``), or when the file would be
    larger than :data:`SAVE_BUDGET_BYTES`.
    """
    data = instance.model_dump(mode="python", exclude_none=True)
    try:
        type(instance).model_validate(data)
    except ValidationError as exc:
        raise SaveRefused(validation_problems(path, "", exc)) from None
    raw = (header + tomli_w.dumps(data, multiline_strings=True)).encode("utf-8")
    if len(raw) > SAVE_BUDGET_BYTES:
        size, limit = -(-len(raw) // 1024), SAVE_BUDGET_BYTES // 1024
        raise SaveRefused([Problem(path, "", t("err.over_budget", size=size, limit=limit))])
    return raw


def meeting_problems(path: Path, meeting: Meeting, group_id: str, known: set[str] | None) -> list[Problem]:
    """What makes a valid meeting file wrong where it lies: another group's, another number, unknown members.

    ``known`` is the group's member ids (None when the group file cannot be read: its own
    problem is reported on its own).
    """
    problems = []
    if meeting.group_id != group_id:
        problems.append(Problem(path, "group_id", t("err.id_folder", value=meeting.group_id, folder=group_id)))
    match = MEETING_FILE_RE.match(path.name)
    if match and int(match.group(1)) != meeting.number:
        problems.append(Problem(path, "number", t("err.number_file", value=meeting.number, name=path.name)))
    elif match and path.name != meeting_file_name(meeting.number):
        problems.append(Problem(path, "", t("err.noncanonical_name", expected=meeting_file_name(meeting.number))))
    for unknown in sorted(meeting.member_ids() - known) if known is not None else []:
        problems.append(Problem(path, "", t("err.unknown_member", member=unknown)))
    return problems


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


@dataclass
class Loaded:
    """What a folder held: the good files and the problems with the others."""

    groups: list[Group] = field(default_factory=list)
    meetings: dict[str, list[Meeting]] = field(default_factory=dict)
    """The meetings of the groups asked for (all by default)."""
    stubs: dict[str, list[MeetingStub]] = field(default_factory=dict)
    """Number, date and status of every group's meetings."""
    problems: list[Problem] = field(default_factory=list)


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

    def _read(self, path: Path, model: type[M], cache: IndexCache | None) -> M:
        """``load_model``, through the index cache when one is given.

        A file read whole and valid is remembered by its stamp, so that the first save after it
        (an autosave of the meeting just opened) need not read it a second time.
        """
        current = stamp(path)
        if cache is None:
            instance = load_model(path, model)
        else:
            raw = cache.get(path, current)
            if raw is not None:
                try:
                    instance = model.model_validate_json(raw)
                except ValidationError:
                    raw = None  # a stale or tampered entry: read the file itself
            if raw is None:
                instance = load_model(path, model)
                cache.put(path, current, instance.model_dump_json())
        if current is not None:
            self._read_stamps[path] = current  # becomes "known good" once the caller's checks pass
        return instance

    def _mark_good(self, path: Path) -> None:
        current = self._read_stamps.pop(path, None)
        if current is not None:
            self._written[path] = current

    def load_group(self, group_id: str, cache: IndexCache | None = None) -> Group:
        """Load one group; raises :class:`DamagedFile`."""
        path = self.group_path(group_id)
        group = self._read(path, Group, cache)
        if group.id != group_id:
            raise DamagedFile.one(path, "id", t("err.id_folder", value=group.id, folder=group_id))
        self._mark_good(path)
        return group

    def load_meeting(self, group: Group, number: int) -> Meeting:
        """Load one meeting of ``group``; raises :class:`DamagedFile`."""
        return self._load_meeting_file(group, self.meeting_path(group.id, number))

    def _load_meeting_file(self, group: Group, path: Path, cache: IndexCache | None = None) -> Meeting:
        meeting = self._read(path, Meeting, cache)
        problems = meeting_problems(path, meeting, group.id, {m.id for m in group.members})
        if problems:
            raise DamagedFile(problems)
        self._mark_good(path)
        return meeting

    def meeting_files(self, group_id: str) -> tuple[list[Path], list[Problem]]:
        """The meeting files of a group, in meeting order, and any stray files beside them."""
        folder = self.group_dir(group_id)
        found: dict[int, Path] = {}
        problems: list[Problem] = []
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except FileNotFoundError:
            return [], []
        except OSError as exc:
            return [], [Problem(folder, "", t("err.folder_unreadable", reason=os_reason(exc)))]
        for entry in entries:
            name = entry.name
            if name == GROUP_FILE or name.startswith("."):
                continue  # the group file, temp files of a save (".x.toml.123.tmp"), lock files
            match = MEETING_FILE_RE.match(name)
            if not match:
                if name.endswith(".toml"):
                    problems.append(Problem(Path(entry.path), "", t("err.unexpected_file")))
                continue
            number = int(match.group(1))
            expected = meeting_file_name(number)
            if name != expected:
                problems.append(Problem(Path(entry.path), "", t("err.noncanonical_name", expected=expected)))
            elif number in found:  # pragma: no cover - two canonical names cannot share a number
                problems.append(
                    Problem(Path(entry.path), "", t("err.duplicate_number", number=number, other=found[number].name))
                )
            else:
                found[number] = Path(entry.path)
        return [found[n] for n in sorted(found)], problems

    def load_meetings(self, group: Group, cache: IndexCache | None = None) -> tuple[list[Meeting], list[Problem]]:
        """Every readable meeting of ``group`` (sorted by number) and the problems with the rest."""
        paths, problems = self.meeting_files(group.id)
        meetings = []
        for path in paths:
            try:
                meetings.append(self._load_meeting_file(group, path, cache))
            except DamagedFile as exc:
                problems.extend(exc.problems)
        return meetings, problems

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
        for done, group_id in enumerate(group_ids, 1):
            cache = IndexCache(self.root, group_id) if use_cache else None
            if cache is not None:
                cache.load()
            try:
                group = self.load_group(group_id, cache)
            except DamagedFile as exc:
                loaded.problems.extend(exc.problems)
                if progress is not None:
                    progress(done, len(group_ids))
                continue
            meetings, problems = self.load_meetings(group, cache)
            if cache is not None:
                cache.save()
            loaded.groups.append(group)
            loaded.stubs[group.id] = [MeetingStub(m.number, m.date, m.status, m.planned_date) for m in meetings]
            if keep is None or keep(group):
                loaded.meetings[group.id] = meetings
            if visit is not None:
                visit(group, meetings)
            loaded.problems.extend(problems)
            if progress is not None:
                progress(done, len(group_ids))
        return loaded

    # writing ---------------------------------------------------------------
    def _guarded_write(self, path: Path, model: type[BaseModel], data: bytes) -> None:
        """Write ``data`` to ``path`` unless the file there now is damaged (then it is kept as it is)."""
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
        if isinstance(existing, Group) and existing.id != folder:
            problems.append(Problem(path, "id", t("err.id_folder", value=existing.id, folder=folder)))
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
        (:class:`SaveRefused`: a field too long, or over :data:`SAVE_BUDGET_BYTES`)."""
        path = self.meeting_path(meeting.group_id, meeting.number)
        self._guarded_write(path, Meeting, dump_for_save(path, meeting, HEADERS["meeting"]))
        return path

    def free_group_id(self, name: str) -> str:
        """A slug of ``name`` that no group folder uses yet."""
        from homeroom_tui.model.slug import slugify

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
        """Create and save a new group with a fresh id; members get K1, K2, ... in order."""
        names = [member.strip() for member in members if member.strip()]
        fields: dict[str, object] = {
            "id": self.free_group_id(name),
            "name": name.strip(),
            "counselor": counselor.strip(),
            "created": today or dt.date.today(),
            "meetings_planned": meetings_planned,
            "every_days": every_days,
            # validated as one document, so an error names the member: members[2].name
            "members": [{"id": f"K{n}", "name": member} for n, member in enumerate(names, 1)],
        }
        if first_meeting is not None:
            fields["first_meeting"] = first_meeting
        group = Group.model_validate(fields)
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
        import time

        removed = 0
        now = time.time()
        for group_id in self.group_ids():
            try:
                entries = list(os.scandir(self.group_dir(group_id)))
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
                    self._load_meeting_file(group, path)
                except DamagedFile as exc:
                    problems.extend(exc.problems)
        return checked, problems


def check_file(path: Path) -> list[Problem]:
    """Validate one file, guessing its kind from its name (or its content).

    A group or meeting file inside a group folder is also checked against its folder and group,
    as a full ``homeroom check`` would.
    """
    path = Path(os.path.abspath(path))
    if path.name.endswith(TEMP_SUFFIX):
        return [Problem(path, "", t("err.unexpected_file"))]
    in_group_folder = path.parent.parent.name == GROUPS_DIR
    store = Store(path.parent.parent.parent)
    kind: type[BaseModel] | None = None
    if path.name == GROUP_FILE:
        kind = Group
    elif MEETING_FILE_RE.match(path.name):
        kind = Meeting
    try:
        if kind is None:
            text = read_text(path)
            data = parse_toml(path, text)
            kind = Meeting if "stages" in data else Group if "members" in data else None
            if kind is None:
                return [Problem(path, "", t("err.unknown_kind"))]
        if kind is Group and in_group_folder and path.name == GROUP_FILE:
            store.load_group(path.parent.name)
            return []
        group = None
        if kind is Meeting and in_group_folder:
            with contextlib.suppress(DamagedFile):  # the group file's own problems belong to the group file
                group = store.load_group(path.parent.name)
        if group is not None:
            store._load_meeting_file(group, path)  # read and valid, and where it belongs
        else:
            load_model(path, kind)
    except DamagedFile as exc:
        return exc.problems
    return []
