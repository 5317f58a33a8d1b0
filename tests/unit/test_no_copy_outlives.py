"""No copy outlives its data: index caches, temp copies after purge, a linked groups/, a loose data folder."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import DamagedFile, Store
from homeroom_tui.store.index import Index, index_path
from homeroom_tui.store.retention import purge

SECRET = "Budi dirundung di rumah"


def noted(group: Group, number: int, date: dt.date | None = None) -> Meeting:
    meeting = Meeting.new(group, number, date=date)
    meeting.private_notes = f"{SECRET} {number}"
    return meeting


def cache_text(store: Store) -> str:
    """Every byte of the data folder's index file (and any journal beside it), as text."""
    path = index_path(store.root)
    found = list(path.parent.glob(path.name + "*")) if path.parent.exists() else []
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in found)


def indexed_paths(store: Store) -> list[str]:
    index = Index.open(store.root)
    assert index is not None
    with index:
        return sorted(r[0] for r in index.conn.execute("SELECT path FROM files"))


def test_a_group_folder_removed_by_hand_leaves_no_cache(store: Store, sample_group: Group) -> None:
    other = store.create_group("Kelompok B", ["Dewi", "Eka"], first_meeting=dt.date(2024, 3, 5))
    store.save_meeting(noted(sample_group, 1))
    store.save_meeting(noted(other, 1))
    store.load_all()
    assert f"groups/{sample_group.id}/group.toml" in indexed_paths(store)
    assert SECRET in cache_text(store)
    shutil.rmtree(store.group_dir(sample_group.id))
    loaded = Store(store.root).load_all()
    assert [g.id for g in loaded.groups] == [other.id]
    assert {p.split("/")[1] for p in indexed_paths(store)} == {other.id}
    assert f"{SECRET} 1" in cache_text(store)  # the other group's meeting
    shutil.rmtree(store.group_dir(other.id))
    Store(store.root).load_all()
    assert indexed_paths(store) == []
    assert SECRET not in cache_text(store)


def test_meetings_removed_by_hand_drop_out_of_the_cache(store: Store, sample_group: Group) -> None:
    store.save_meeting(noted(sample_group, 1))
    store.save_meeting(noted(sample_group, 2))
    store.load_all()
    store.meeting_path(sample_group.id, 2).unlink()
    Store(store.root).load_all()
    files = indexed_paths(store)
    assert files == [f"groups/{sample_group.id}/group.toml", f"groups/{sample_group.id}/meeting-01.toml"]
    assert f"{SECRET} 2" not in cache_text(store)


def test_a_meeting_removed_while_its_group_file_is_damaged_leaves_the_cache_too(
    store: Store, sample_group: Group
) -> None:
    store.save_meeting(noted(sample_group, 1))
    store.load_all()
    store.group_path(sample_group.id).write_text("not [ toml")
    store.meeting_path(sample_group.id, 1).unlink()
    Store(store.root).load_all()
    assert SECRET not in cache_text(store)


def test_purge_removes_temp_copies_of_purged_meetings(store: Store, sample_group: Group) -> None:
    path = store.save_meeting(noted(sample_group, 1, dt.date(2024, 1, 15)))
    kept = store.save_meeting(noted(sample_group, 2, dt.date(2024, 1, 22)))
    leftover = path.with_name(f".{path.name}.k3j9x_1a{'.tmp'}")  # a save interrupted by a crash
    leftover.write_text(f"{SECRET} 1")
    other_leftover = kept.with_name(f".{kept.name}.zz81.tmp")
    other_leftover.write_text("being saved right now")
    store.load_all()
    assert purge([path]) == 1
    assert not path.exists() and not leftover.exists()
    assert other_leftover.exists() and kept.exists()
    assert SECRET + " 1" not in cache_text(store)


def test_groups_as_a_symbolic_link_is_refused_for_writing_as_for_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    (root / "groups").symlink_to(elsewhere)
    store = Store(root)
    _, problems = store.scan_groups()
    assert problems[0].path == root / "groups" and "symbolic link" in problems[0].reason
    with pytest.raises(DamagedFile) as info:
        store.create_group("Kelas A", ["Ani", "Budi"])
    assert info.value.problems[0].path == root / "groups"
    assert "symbolic link" in info.value.problems[0].reason
    code = main(["--data-dir", str(root), "group", "new", "Kelas A", "--member", "Ani", "--member", "Budi"])
    err = capsys.readouterr().err
    assert code == 1 and "symbolic link" in err and str(root / "groups") in err
    assert list(elsewhere.iterdir()) == []  # nothing written through the link


def test_a_loose_data_folder_is_made_private_and_the_cli_says_so_once(
    store: Store, sample_group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    store.root.chmod(0o755)
    assert main(["--data-dir", str(store.root), "groups"]) == 0
    err = capsys.readouterr().err
    assert "made it private (0700)" in err and "0755" in err
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    assert main(["--data-dir", str(store.root), "groups"]) == 0
    assert "private" not in capsys.readouterr().err


def test_purge_keeps_a_meeting_open_in_a_running_homeroom(
    store: Store, sample_group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    from homeroom_tui.store.lock import lock_path, this_host

    held = store.save_meeting(noted(sample_group, 1, dt.date(2024, 1, 15)))
    old = store.save_meeting(noted(sample_group, 2, dt.date(2024, 1, 22)))
    lock_path(held).write_text(f"1 {this_host()}\n")  # pid 1: a homeroom that runs now
    assert main(["--data-dir", str(store.root), "purge", "--before", "2025-01-01", "--yes"]) == 0
    out, err = capsys.readouterr()
    assert "Deleted 1 meeting file." in out
    assert f"kept (open in a homeroom running now, process 1 on this computer): {held}" in err
    assert held.exists() and lock_path(held).exists() and not old.exists()
