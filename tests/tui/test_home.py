"""Pilot tests of the home screen: the list of groups and creating a group with keys alone."""

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Input, Static, TextArea

from homeroom_tui.app import make_app
from homeroom_tui.model import Group, Meeting
from homeroom_tui.screens.group_form import GroupForm
from homeroom_tui.store import Store


async def ready(app: object, pilot: object) -> None:
    """Wait until the home screen has read the data folder in its worker."""
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def cell_texts(table: DataTable[object]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_home_lists_groups_with_progress_and_next_meeting(store: Store, sample_group: Group) -> None:
    done = Meeting.new(sample_group, 1)
    done.status = "completed"
    store.save_meeting(done)
    app = make_app(store.root)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        table = app.screen.query_one("#groups", DataTable)
        assert cell_texts(table) == [["Home Room A", "3", "1/4 ■□□□", "meeting 2, 2024-01-22"]]
        assert not app.screen.query_one("#home-problems").display


async def test_create_group_with_keys_alone(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await ready(app, pilot)
        assert app.screen.query_one("#home-empty").display
        await pilot.press("n")
        assert isinstance(app.screen, GroupForm)
        await pilot.press(*"Kelompok Senin", "enter")  # Enter moves to the next field
        await pilot.press(*"Bu Sari", "tab")
        await pilot.press(*"Ani", "enter", *"Budi Santoso", "enter", *"Citra", "tab")
        await pilot.press("6", "tab")  # meetings planned: the old value is selected on focus
        await pilot.press("tab")  # days between meetings stays 7
        await pilot.press(*"2024-02-05")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, GroupForm)
        table = app.screen.query_one("#groups", DataTable)
        assert cell_texts(table) == [["Kelompok Senin", "3", "0/6 □□□□□□", "meeting 1, 2024-02-05"]]

    group = Store(data_dir).load_group("kelompok-senin")
    assert [(m.id, m.name) for m in group.members] == [("K1", "Ani"), ("K2", "Budi Santoso"), ("K3", "Citra")]
    assert (group.counselor, group.meetings_planned, group.first_meeting) == ("Bu Sari", 6, dt.date(2024, 2, 5))


async def test_form_explains_what_is_missing_and_saves_nothing(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("n", *"Only a name", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupForm)
        error = app.screen.query_one("#form-error", Static)
        assert "at least one member" in str(error.render())
        app.screen.query_one("#members", TextArea).focus()
        await pilot.press(*"Ani")
        app.screen.query_one("#start", Input).focus()
        await pilot.press(*"15-01-2024", "ctrl+s")
        assert "2024-01-15" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GroupForm)
    assert not (data_dir / "groups").exists()


async def test_damaged_files_are_listed_not_fatal(store: Store, sample_group: Group) -> None:
    broken = store.meeting_path(sample_group.id, 2)
    broken.write_text("schema_version = 1\nthis is not toml\n")
    app = make_app(store.root)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        panel = app.screen.query_one("#home-problems", Static)
        assert panel.display
        text = str(panel.render())
        assert "meeting-02.toml" in text and "line 2" in text
        assert app.screen.query_one("#groups", DataTable).row_count == 1
    assert broken.read_text() == "schema_version = 1\nthis is not toml\n"


async def test_home_in_indonesian(store: Store, sample_group: Group) -> None:
    app = make_app(store.root, lang="id")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        table = app.screen.query_one("#groups", DataTable)
        assert cell_texts(table)[0][3] == "pertemuan 1, 2024-01-15"
        assert [str(c.label) for c in table.columns.values()] == [
            "Kelompok",
            "Anggota",
            "Pertemuan",
            "Pertemuan berikutnya",
        ]
        footer_keys = {b.description for (_, b, _, _) in app.screen.active_bindings.values()}
        assert "Kelompok baru" in footer_keys


async def test_command_palette_offers_new_group(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"New group")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupForm)
