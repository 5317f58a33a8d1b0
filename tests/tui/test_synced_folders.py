"""Pilot test: the home screen lists a synced folder's stray copies, a line per file, without crashing."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from homeroom_tui.app import make_app
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store import Store


async def test_home_lists_stray_copies_with_the_meeting_they_resemble(store: Store, sample_group: Group) -> None:
    path = store.save_meeting(Meeting.new(sample_group, 1))
    original = path.read_bytes()
    names = ["meeting-01 (conflicted copy 2024-01-16).toml", "meeting-01-LAPTOP [b]X[i].toml", "notes.txt"]
    for name in names:
        (path.parent / name).write_bytes(b"not even toml [[[")
    app = make_app(store.root)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#groups", DataTable).row_count == 1
        strays = str(app.screen.query_one("#home-strays", Static).render())
        assert "Home Room A: meeting-01 (conflicted copy 2024-01-16).toml resembles meeting-01.toml" in strays
        assert "Home Room A: meeting-01-LAPTOP [b]X[i].toml resembles meeting-01.toml" in strays
        problems = str(app.screen.query_one("#home-problems", Static).render())
        assert "notes.txt" in problems and "conflicted copy" not in problems
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#home-strays").display
    assert path.read_bytes() == original  # nothing written, nothing merged
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.startswith(".")) == sorted(
        ["group.toml", "meeting-01.toml", *names]
    )


async def test_a_loose_data_folder_is_made_private_and_the_app_says_so_once(store: Store, sample_group: Group) -> None:
    import stat

    store.root.chmod(0o755)
    app = make_app(store.root)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("made it private (0700)" in n.message for n in app._notifications)
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    again = make_app(store.root)
    async with again.run_test(size=(80, 24)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert not any("private" in n.message for n in again._notifications)
