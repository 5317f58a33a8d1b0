"""Failed saves at the store level: full disk, read-only folder, folder deleted under the app.

In every case the old file is unchanged (or still absent), no temp file is left behind, the error
is an ``OSError`` the app can show in the user's language, and the same save works once the
problem is gone. Permissions are checked after every kind of save, whatever the umask.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from homeroom_tui.i18n import set_language, t
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import Store, dump_model, error_reason
from homeroom_tui.store.writing import HEADERS

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def temp_files(store: Store) -> list[Path]:
    """Every temp file of a save anywhere under the data folder."""
    if not store.root.exists():
        return []
    return [p for p in store.root.rglob("*") if p.name.startswith(".") and p.name.endswith(".tmp")]


def os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class HalfWriter:
    """A file whose write stores half the data, then fails as a full disk does."""

    def __init__(self, handle: Any, code: int) -> None:
        self.handle = handle
        self.code = code

    def __enter__(self) -> HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def fileno(self) -> int:
        return int(self.handle.fileno())

    def flush(self) -> None:
        self.handle.flush()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise os_error(self.code)


def break_write(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    real = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real(fd, mode, *args, **kwargs)
        return HalfWriter(handle, code) if "w" in mode else handle

    monkeypatch.setattr(os, "fdopen", fdopen)


def break_call(monkeypatch: pytest.MonkeyPatch, target: Any, name: str, exc: BaseException) -> None:
    def fail(*_: object, **__: object) -> Any:
        raise exc

    monkeypatch.setattr(target, name, fail)


def break_fsync(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    break_call(monkeypatch, os, "fsync", os_error(code))


def break_mkstemp(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    exc = PermissionError(code, os.strerror(code)) if code in (errno.EACCES, errno.EPERM) else os_error(code)
    break_call(monkeypatch, tempfile, "mkstemp", exc)


def break_replace(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    break_call(monkeypatch, os, "replace", os_error(code))


Breaker = Callable[[pytest.MonkeyPatch, int], None]

# where the save fails, the error the OS gives, the reason the app shows
FAILURES: list[tuple[str, Breaker, int, str]] = [
    ("disk full while writing", break_write, errno.ENOSPC, "oserr.no_space"),
    ("quota exceeded while writing", break_write, errno.EDQUOT, "oserr.no_space"),
    ("disk full at fsync", break_fsync, errno.ENOSPC, "oserr.no_space"),
    ("i/o error at fsync", break_fsync, errno.EIO, "oserr.io"),
    ("disk full creating the temp file", break_mkstemp, errno.ENOSPC, "oserr.no_space"),
    ("read-only disk creating the temp file", break_mkstemp, errno.EROFS, "oserr.read_only"),
    ("folder of someone else creating the temp file", break_mkstemp, errno.EACCES, "oserr.denied"),
    ("read-only disk at rename", break_replace, errno.EROFS, "oserr.read_only"),
    ("permission denied at rename", break_replace, errno.EPERM, "oserr.denied"),
]


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def meeting_with_notes(group: Group, notes: str) -> Meeting:
    meeting = Meeting.new(group, 1)
    meeting.status = "in_progress"
    meeting.private_notes = notes
    return meeting


@pytest.mark.parametrize(("label", "breaker", "code", "reason_key"), FAILURES, ids=[f[0] for f in FAILURES])
@pytest.mark.parametrize("existing", [True, False], ids=["overwrite", "new file"])
def test_failed_save_keeps_the_old_file_and_works_once_fixed(
    store: Store,
    sample_group: Group,
    monkeypatch: pytest.MonkeyPatch,
    label: str,
    breaker: Breaker,
    code: int,
    reason_key: str,
    existing: bool,
) -> None:
    path = store.meeting_path(sample_group.id, 1)
    if existing:
        store.save_meeting(meeting_with_notes(sample_group, "old notes, already safe"))
    before = path.read_bytes() if existing else None
    meeting = meeting_with_notes(sample_group, "new notes typed just now\n" * 50)

    with monkeypatch.context() as patch:
        breaker(patch, code)
        with pytest.raises(OSError) as info:
            store.save_meeting(meeting)
    assert info.value.errno == code
    assert error_reason(info.value) == t(reason_key)
    set_language("id")
    assert error_reason(info.value) == t(reason_key) != ""
    set_language("en")

    assert (path.read_bytes() if path.exists() else None) == before
    assert temp_files(store) == []
    # the meeting is still whole in memory: the same save succeeds once the problem is gone
    assert store.save_meeting(meeting) == path
    assert path.read_bytes() == dump_model(meeting, HEADERS["meeting"])
    assert store.load_meeting(sample_group, 1) == meeting
    assert temp_files(store) == []
    assert mode(path) == 0o600


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit])
def test_interrupted_save_removes_its_temp_file(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, interrupt: type[BaseException]
) -> None:
    path = store.save_meeting(meeting_with_notes(sample_group, "old"))
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        break_call(patch, os, "fsync", interrupt())
        with pytest.raises(interrupt):
            store.save_meeting(meeting_with_notes(sample_group, "new"))
    assert path.read_bytes() == before
    assert temp_files(store) == []


def test_failed_group_save_keeps_the_group_file(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.group_path(sample_group.id)
    before = path.read_bytes()
    sample_group.add_member("Dewi")
    with monkeypatch.context() as patch:
        break_write(patch, errno.ENOSPC)
        with pytest.raises(OSError) as info:
            store.save_group(sample_group)
    assert error_reason(info.value) == "the disk is full"
    assert path.read_bytes() == before
    assert temp_files(store) == []
    store.save_group(sample_group)
    assert [m.name for m in store.load_group(sample_group.id).members][-1] == "Dewi"


def test_new_group_on_a_full_disk_leaves_nothing_half_made(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        break_fsync(patch, errno.ENOSPC)
        with pytest.raises(OSError) as info:
            store.create_group("Home Room B", ["Ani"], today=dt.date(2024, 1, 8))
    assert error_reason(info.value) == "the disk is full"
    assert temp_files(store) == []
    assert not store.group_dir("home-room-b").exists()  # no empty folder shown as a damaged group
    assert store.load_all().problems == []
    group = store.create_group("Home Room B", ["Ani"], today=dt.date(2024, 1, 8))
    assert group.id == "home-room-b"  # the retry gets the id the failed attempt would have had
    assert store.load_group(group.id) == group


def test_read_only_folder(store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch) -> None:
    """A group folder that cannot be written: the save fails with a reason, then works once writable."""
    path = store.save_meeting(meeting_with_notes(sample_group, "old"))
    before = path.read_bytes()
    folder = store.group_dir(sample_group.id)
    folder.chmod(0o500)
    with monkeypatch.context() as patch:
        # the next save would set a folder of our own back to 0700 (tighten_dir): pretend it is not ours
        break_call(patch, os, "chmod", PermissionError(errno.EPERM, "Operation not permitted"))
        if IS_ROOT:  # root writes through permission bits: give it what everyone else gets
            break_mkstemp(patch, errno.EACCES)
        with pytest.raises(OSError) as info:
            store.save_meeting(meeting_with_notes(sample_group, "new"))
    assert info.value.errno == errno.EACCES
    assert error_reason(info.value) == "permission denied"
    assert path.read_bytes() == before
    assert temp_files(store) == []
    folder.chmod(0o700)
    store.save_meeting(meeting_with_notes(sample_group, "new"))
    assert store.load_meeting(sample_group, 1).private_notes == "new"


def test_own_folder_permissions_are_only_ever_tightened(store: Store, sample_group: Group) -> None:
    """0755 loses group and other access on the next save; a folder made read-only by hand (0500) stays so."""
    folder = store.group_dir(sample_group.id)
    folder.chmod(0o755)
    store.save_meeting(meeting_with_notes(sample_group, "saved"))
    assert mode(folder) == 0o700
    folder.chmod(0o500)
    if os.geteuid() == 0:  # root writes anyway; the point is that homeroom did not add the write bit back
        store.save_meeting(meeting_with_notes(sample_group, "saved again"))
    else:
        with pytest.raises(OSError):
            store.save_meeting(meeting_with_notes(sample_group, "saved again"))
    assert mode(folder) == 0o500
    folder.chmod(0o700)


def test_group_folder_deleted_under_the_app(store: Store, sample_group: Group) -> None:
    """The folder is recreated (0700) and the meeting saved; the group file is saved again by its own save."""
    store.save_meeting(meeting_with_notes(sample_group, "old"))
    shutil.rmtree(store.group_dir(sample_group.id))
    meeting = meeting_with_notes(sample_group, "kept in memory")
    path = store.save_meeting(meeting)
    assert mode(path.parent) == 0o700 and mode(path) == 0o600
    assert store.load_meeting(sample_group, 1) == meeting
    # until the group file is saved again, the folder shows as damaged (group file missing), not crashing
    loaded = store.load_all()
    assert loaded.groups == [] and [p.path for p in loaded.problems] == [store.group_path(sample_group.id)]
    assert loaded.problems[0].reason == t("err.file_missing")
    store.save_group(sample_group)
    loaded = store.load_all()
    assert loaded.problems == [] and loaded.meetings[sample_group.id] == [meeting]
    assert temp_files(store) == []


def test_whole_data_folder_deleted_under_the_app(store: Store, sample_group: Group) -> None:
    shutil.rmtree(store.root)
    store.save_group(sample_group)
    meeting = meeting_with_notes(sample_group, "kept in memory")
    store.save_meeting(meeting)
    for folder in (store.root, store.groups_dir, store.group_dir(sample_group.id)):
        assert mode(folder) == 0o700, folder
    loaded = store.load_all()
    assert loaded.problems == [] and loaded.groups == [sample_group]
    assert loaded.meetings[sample_group.id] == [meeting]


# --- permissions after every kind of save -------------------------------------------------------


def assert_private(store: Store, *files: Path) -> None:
    for folder in (store.root, store.groups_dir, *(f.parent for f in files)):
        assert mode(folder) == 0o700, f"{folder}: {oct(mode(folder))}"
    for path in files:
        assert mode(path) == 0o600, f"{path}: {oct(mode(path))}"
    assert temp_files(store) == []


@pytest.mark.parametrize("mask", [0o000, 0o077, 0o022], ids=["umask-000", "umask-077", "umask-022"])
def test_permissions_after_every_kind_of_save(store: Store, mask: int) -> None:
    with umask(mask):
        group = store.create_group("Home Room C", ["Ani", "Budi"], today=dt.date(2024, 1, 8))
        assert_private(store, store.group_path(group.id))  # new group (new folders)

        meeting = Meeting.new(group, 1)
        path = store.save_meeting(meeting)
        assert_private(store, path)  # new meeting

        path.chmod(0o644)  # loosened by hand or an old tool
        store.group_path(group.id).chmod(0o666)
        meeting.private_notes = "overwritten"
        store.save_meeting(meeting)
        group.add_member("Citra")
        store.save_group(group)
        assert_private(store, path, store.group_path(group.id))  # overwrite

        shutil.rmtree(store.group_dir(group.id))
        store.save_group(group)
        store.save_meeting(meeting)
        assert_private(store, path, store.group_path(group.id))  # recreated folder

        shutil.rmtree(store.root)
        store.save_meeting(meeting)
        assert_private(store, path)  # recreated data folder
    assert store.load_meeting(group, 1) == meeting
