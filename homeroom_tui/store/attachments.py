"""Files attached to a meeting: copied into the group's folder, listed in the meeting file. Imports no Textual.

A photo, an audio recording or a scanned form is copied to
``groups/<group>/attachments/<meeting-number>/<name>`` (folders 0700, files 0600), whole or not at
all (a temp file, synced, then put in place with a hard link, which never replaces anything; a
name taken gets ``-2``, ``-3``, ...). The meeting file then lists it, saved through the store's
normal save (a damaged meeting file, or one from a newer homeroom, is never overwritten). While a
homeroom on this computer has the meeting open, nothing is attached: its next save would not know.
homeroom never opens an attachment; it names it and where it is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from homeroom_tui.i18n import t
from homeroom_tui.model import Attachment, AttachmentKind, Meeting
from homeroom_tui.store.atomic import FILE_MODE, TEMP_SUFFIX, ensure_private_dir, fsync_dir, tighten_dir
from homeroom_tui.store.errors import DamagedFile, Problem, os_reason
from homeroom_tui.store.lock import MeetingLock
from homeroom_tui.store.paths import attachments_folder
from homeroom_tui.store.repository import Store

MAX_BYTES: Final = 2 * 1024**3
"""The largest file homeroom copies (2 GiB): a long audio recording fits, a video of the meeting does not."""
NAME_MAX_BYTES: Final = 200
"""Bytes of a stored name (UTF-8), under every file system's 255, leaving room for ``-999``."""
MAX_SUFFIX: Final = 999
_CHUNK: Final = 1024 * 1024

_KINDS: Final[dict[AttachmentKind, frozenset[str]]] = {
    "photo": frozenset({".jpg", ".jpeg", ".png", ".gif", ".heic", ".heif", ".webp", ".bmp", ".tif", ".tiff"}),
    "audio": frozenset({".mp3", ".m4a", ".wav", ".ogg", ".oga", ".opus", ".aac", ".flac", ".amr", ".3gp"}),
    "form": frozenset({".pdf"}),
}


class AttachError(Exception):
    """A file cannot be attached (or removed): ``problem`` names the file and the reason."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem.path))
        self.problem = problem


def guess_kind(name: str) -> AttachmentKind:
    """photo, audio, form (PDF scans) or other, from the name's extension."""
    suffix = os.path.splitext(name)[1].lower()
    for kind, suffixes in _KINDS.items():
        if suffix in suffixes:
            return kind
    return "other"


def safe_name(name: str) -> str:
    """A file name from a person made safe to store: its last path part, no control or hidden
    characters, no leading dot or space, at most :data:`NAME_MAX_BYTES` bytes (the extension kept)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(" " if c.isspace() else c for c in base)  # a line break or tab: a space
    base = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    base = base.strip().lstrip(".").strip()
    base = base.rstrip(". ")
    stem, ext = os.path.splitext(base)
    if len(ext.encode("utf-8")) > 20:
        stem, ext = base, ""
    budget = NAME_MAX_BYTES - len(ext.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(". ")
    return (stem + ext) if stem else "attachment" + ext


def folder_of(store: Store, group_id: str, number: int) -> Path:
    """``groups/<group>/attachments/<NN>``: where a meeting's attachments are kept."""
    return attachments_folder(store.group_dir(group_id), number)


def path_of(store: Store, group_id: str, number: int, attachment: Attachment) -> Path:
    """Where the copy of ``attachment`` is."""
    return folder_of(store, group_id, number) / attachment.file


def _numbered(name: str, n: int) -> str:
    if n == 1:
        return name
    stem, ext = os.path.splitext(name)
    return f"{stem}-{n}{ext}"


@dataclass(frozen=True)
class _Copy:
    name: str
    size: int
    sha256: str


def _open_source(source: Path) -> tuple[int, int]:
    """The open file descriptor and size of a regular file to copy, or :class:`AttachError`."""
    try:
        fd = os.open(source, os.O_RDONLY)
    except FileNotFoundError:
        raise AttachError(Problem(source, "", t("err.attach_missing"))) from None
    except OSError as exc:
        raise AttachError(Problem(source, "", os_reason(exc))) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise AttachError(Problem(source, "", t("err.attach_not_file")))
    if info.st_size > MAX_BYTES:
        os.close(fd)
        raise AttachError(Problem(source, "", t("err.attach_too_big", limit="2 GiB")))
    return fd, info.st_size


def copy_in(source: Path, folder: Path) -> _Copy:
    """Copy ``source`` into ``folder`` (0600) under a free safe name; whole or not at all."""
    fd, _ = _open_source(source)
    ensure_private_dir(folder)
    tighten_dir(folder.parent)
    digest = hashlib.sha256()
    size = 0
    temp_fd, temp_name = tempfile.mkstemp(prefix=".attach.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "rb") as reader, os.fdopen(temp_fd, "wb") as writer:
            os.fchmod(writer.fileno(), FILE_MODE)
            while chunk := reader.read(_CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:  # it grew while copying
                    raise AttachError(Problem(source, "", t("err.attach_too_big", limit="2 GiB")))
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        name = safe_name(source.name)
        for n in range(1, MAX_SUFFIX + 1):
            target = folder / _numbered(name, n)
            try:
                os.link(temp_name, target)
            except FileExistsError:
                continue
            except OSError:  # no hard links here: an exclusive create, then the bytes copied again
                try:
                    _copy_exclusive(Path(temp_name), target)
                except FileExistsError:
                    continue
            fsync_dir(folder)
            return _Copy(target.name, size, digest.hexdigest())
        raise AttachError(Problem(folder / name, "", t("err.attach_no_free_name")))
    except OSError as exc:
        raise AttachError(Problem(source, "", os_reason(exc))) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)


def _copy_exclusive(temp: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    try:
        with temp.open("rb") as reader, os.fdopen(fd, "wb") as writer:
            shutil.copyfileobj(reader, writer, _CHUNK)
            writer.flush()
            os.fsync(writer.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def _locked(store: Store, group_id: str, number: int) -> MeetingLock:
    """The meeting's lock, held: no homeroom on this computer has it open meanwhile (raises LockHeld)."""
    lock = MeetingLock(store.meeting_path(group_id, number))
    lock.acquire()
    return lock


def attach(
    store: Store,
    group_id: str,
    number: int,
    sources: list[Path],
    note: str = "",
    members: list[str] | None = None,
    now: dt.datetime | None = None,
) -> tuple[Meeting, list[Attachment]]:
    """Copy ``sources`` into the meeting's attachments folder and list them in its file.

    Raises :class:`DamagedFile` (group or meeting unreadable, a member unknown, the save refused),
    :class:`AttachError` (a file that cannot be copied: nothing is attached then) or
    :class:`~homeroom_tui.store.lock.LockHeld`.
    """
    group = store.load_group(group_id)
    known = {member.id for member in group.members}
    path = store.meeting_path(group_id, number)
    for who in members or []:
        if who not in known:
            raise DamagedFile.one(path, "members", t("err.unknown_member", member=who))
    lock = _locked(store, group_id, number)
    try:
        meeting = store.load_meeting(group, number)
        when = now or dt.datetime.now(dt.UTC).astimezone().replace(microsecond=0)
        folder = folder_of(store, group_id, number)
        copied: list[Path] = []
        added: list[Attachment] = []
        try:
            for source in sources:
                copy = copy_in(source, folder)
                copied.append(folder / copy.name)
                added.append(
                    Attachment(
                        file=copy.name,
                        original_name=safe_name(source.name)[:200],
                        kind=guess_kind(copy.name),
                        size=copy.size,
                        sha256=copy.sha256,
                        added_at=when,
                        note=note,
                        members=list(members or []),
                    )
                )
            updated = meeting.model_copy(update={"attachments": [*meeting.attachments, *added]})
            Meeting.model_validate(updated.model_dump())  # the limits, before anything is saved
            store.save_meeting(updated)
        except BaseException:
            for copy_path in copied:  # not listed: not kept
                with contextlib.suppress(OSError):
                    os.unlink(copy_path)
            raise
        return updated, added
    finally:
        lock.release()


def remove(store: Store, group_id: str, number: int, file: str) -> Attachment:
    """Take the attachment stored as ``file`` off the meeting and delete its copy.

    The meeting is saved first: a copy left behind by a failed delete is named by ``homeroom check``
    as not listed, never listed while gone.
    """
    group = store.load_group(group_id)
    lock = _locked(store, group_id, number)
    try:
        meeting = store.load_meeting(group, number)
        found = [a for a in meeting.attachments if a.file == file]
        if not found:
            raise AttachError(
                Problem(store.meeting_path(group_id, number), "attachments", t("err.attach_not_listed", file=file))
            )
        kept = [a for a in meeting.attachments if a.file != file]
        store.save_meeting(meeting.model_copy(update={"attachments": kept}))
        target = folder_of(store, group_id, number) / file
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        fsync_dir(target.parent)
        return found[0]
    finally:
        lock.release()


def missing_problems(store: Store, group_id: str, meeting: Meeting) -> list[Problem]:
    """An attachment listed but not where it should be, or of another size, as a problem of the meeting file."""
    problems = []
    for attachment in meeting.attachments:
        target = path_of(store, group_id, meeting.number, attachment)
        try:
            info = os.lstat(target)
        except OSError:
            problems.append(Problem(target, "", t("err.attach_listed_missing", meeting=meeting.number)))
            continue
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(target, "", t("err.attach_not_file")))
        elif info.st_size != attachment.size:
            problems.append(Problem(target, "", t("err.attach_size_changed", size=attachment.size)))
    return problems


def delete_folder(group_folder: Path, number: int) -> None:
    """Delete a meeting's attachments folder (on purge), and ``attachments/`` when it is left empty.

    A symbolic link there is removed as a link: what it points to is never touched.
    """
    folder = attachments_folder(group_folder, number)
    root = folder.parent
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(folder)
    else:
        os.unlink(folder)
    with contextlib.suppress(OSError):
        os.rmdir(root)  # only when empty
    fsync_dir(group_folder)
