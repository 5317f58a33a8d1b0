"""Stray copies in group folders (synced folders' conflict copies): never loaded, always named."""

from __future__ import annotations

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import Store, check_file
from homeroom_tui.store.paths import resembles

STRAYS = {
    "meeting-02.sync-conflict-20240122-101500-ABCDEFG.toml": "meeting-02.toml",  # Syncthing
    "meeting-02 (conflicted copy 2024-01-22).toml": "meeting-02.toml",  # Dropbox
    "meeting-02 (Sari's conflicted copy 2024-01-22).toml": "meeting-02.toml",
    "meeting-02-LAPTOP-SARI.toml": "meeting-02.toml",  # OneDrive
    "meeting-02 (1).toml": "meeting-02.toml",  # a second download
    "meeting-02.toml.bak": "meeting-02.toml",
    "Meeting-02.TOML": "meeting-02.toml",
    "meeting-002.toml": "meeting-02.toml",  # a name homeroom never writes
    "meeting-02_conflict-20240122-101500.toml": "meeting-02.toml",  # Nextcloud
    "group (conflicted copy 2024-01-22).toml": "group.toml",
    "group.sync-conflict-20240122-101500-ABCDEFG.toml": "group.toml",
}


@pytest.mark.parametrize(("name", "like"), sorted(STRAYS.items()))
def test_a_stray_names_the_file_it_resembles(name: str, like: str) -> None:
    assert resembles(name) == like


@pytest.mark.parametrize("name", ["notes.txt", "desktop.ini", "meeting-notes.toml", "groups.toml", "meeting-0.toml"])
def test_other_files_resemble_nothing(name: str) -> None:
    assert resembles(name) is None


def with_strays(store: Store, group: Group) -> Meeting:
    second = Meeting.new(group, 2)
    second.private_notes = "the real one"
    path = store.save_meeting(second)
    copy = Meeting.new(group, 2)
    copy.private_notes = "the conflict copy"
    from homeroom_tui.store import dump_model

    for name in STRAYS:
        (path.parent / name).write_bytes(dump_model(copy))
    (path.parent / "notes.txt").write_text("scribbles")
    (path.parent / ".stfolder").mkdir()  # a sync tool's own dot-folder: left alone
    (path.parent / "old").mkdir()  # a sub-folder: not a file, left alone
    return second


def test_strays_are_never_loaded_as_meetings(store: Store, sample_group: Group) -> None:
    with_strays(store, sample_group)
    meetings, problems = store.load_meetings(sample_group)
    assert [(m.number, m.private_notes) for m in meetings] == [(2, "the real one")]
    named = {p.path.name: p.reason for p in problems}
    assert set(named) == {*STRAYS, "notes.txt"}
    for name, like in STRAYS.items():
        assert like in named[name], name
    assert "stray copy of meeting-02.toml" in named["meeting-02 (1).toml"]
    loaded = store.load_all()
    assert [m.private_notes for m in loaded.meetings[sample_group.id]] == ["the real one"]
    strays = {s.path.name: s.resembles for s in loaded.strays[sample_group.id]}
    assert strays == {**STRAYS, "notes.txt": None}


def test_check_names_each_stray_and_fails(
    store: Store, sample_group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    with_strays(store, sample_group)
    code = main(["--data-dir", str(store.root), "check"])
    out = capsys.readouterr().out
    assert code == 1
    for name, like in STRAYS.items():
        line = next(line for line in out.splitlines() if name in line)
        assert like in line.split(name, 1)[1]
    assert "the conflict copy" not in out
    stray = store.group_dir(sample_group.id) / "meeting-02 (1).toml"
    assert "stray copy of meeting-02.toml" in check_file(stray)[0].reason
    assert main(["--data-dir", str(store.root), "check", str(stray)]) == 1
