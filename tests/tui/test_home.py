"""Pilot tests of the home screen: the list of groups and creating a group with keys alone."""

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Footer, Input, Static, TextArea

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import Group, Meeting
from homeroom_tui.screens.group_form import GroupForm
from homeroom_tui.screens.home import HomeScreen
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
        await ready(app, pilot)  # the list is read again in the background
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


async def test_first_frame_is_light_and_the_rest_follows(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its first frame is out the home screen holds a title and a line, nothing to read yet."""
    after_first_frame = HomeroomApp._after_first_frame
    monkeypatch.setattr(HomeroomApp, "_after_first_frame", lambda self: None)
    app = make_app(store.root)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert not screen.query(DataTable) and not screen.query(Footer)
        assert str(screen.query_one("#home-empty", Static).render()) == "Reading your groups…"
        assert screen.loaded is None and not app.workers  # the folder is not read before the first frame

        after_first_frame(app)
        await ready(app, pilot)
        screen.complete()  # a second call adds nothing
        await pilot.pause()
        assert len(screen.query(DataTable)) == 1 and len(screen.query(Footer)) == 1
        assert cell_texts(screen.query_one("#groups", DataTable))[0][0] == "Home Room A"
        assert "Reload" in [getattr(key, "description", "") for key in screen.query("FooterKey")]


async def test_cursor_stays_on_the_group_when_the_list_is_read_again(store: Store, sample_group: Group) -> None:
    store.create_group("Kelompok B", ["Dina", "Eko"], first_meeting=dt.date(2024, 2, 5), today=dt.date(2024, 1, 8))
    app = make_app(store.root)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        table = app.screen.query_one("#groups", DataTable)
        assert [row[0] for row in cell_texts(table)] == ["Home Room A", "Kelompok B"]
        await pilot.press("down")
        assert table.cursor_row == 1
        (store.root / "groups" / "kelompok-b" / "group.toml").touch()
        await pilot.press("r")
        await ready(app, pilot)
        assert table.cursor_row == 1
        await pilot.press("n", *"Awal", "enter", "tab", *"Fani", "ctrl+s")  # sorts first: the cursor follows it
        await ready(app, pilot)
        assert [row[0] for row in cell_texts(table)] == ["Awal", "Home Room A", "Kelompok B"]
        assert table.cursor_row == 0
    assert Store(store.root).load_group("awal").members[0].name == "Fani"


async def test_an_older_read_never_replaces_a_newer_one(store: Store, sample_group: Group) -> None:
    app = make_app(store.root)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen) and screen.loaded is not None
        first_read = screen.loaded
        store.create_group("Kelompok B", ["Dina"], first_meeting=dt.date(2024, 2, 5), today=dt.date(2024, 1, 8))
        screen.reload()
        await ready(app, pilot)
        table = screen.query_one("#groups", DataTable)
        assert [row[0] for row in cell_texts(table)] == ["Home Room A", "Kelompok B"]
        screen._show_read(1, first_read, None)  # the first read, arriving after the second
        await pilot.pause()
        assert [row[0] for row in cell_texts(table)] == ["Home Room A", "Kelompok B"]


async def test_a_meeting_that_cannot_open_leaves_a_working_home_screen(store: Store, sample_group: Group) -> None:
    """`homeroom meeting` checks first, but the file can change before the app opens it."""
    store.group_path(sample_group.id).write_text("id = [broken", encoding="utf-8")
    store.create_group("Kelompok B", ["Dina"], first_meeting=dt.date(2024, 2, 5), today=dt.date(2024, 1, 8))
    app = make_app(store.root, meeting=(sample_group.id, None))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen) and screen.ready.is_set()
        assert [row[0] for row in cell_texts(screen.query_one("#groups", DataTable))] == ["Kelompok B"]
        assert "group.toml" in str(screen.query_one("#home-problems", Static).render())
