"""Pilot tests of the ice-breaker picker: suggest, re-roll, filter, browse, choose, rate; all saved at once."""

from pathlib import Path
from typing import Any

from textual.widgets import OptionList, Static

from homeroom_tui.app import make_app
from homeroom_tui.model import Group, IcebreakerUse, Meeting
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.store import Store
from tests.tui.helpers import wait_for_screen


async def open_picker(pilot: Any) -> IcebreakerPicker:
    """Press ``i`` on the home screen and wait for the picker."""
    await pilot.press("i")
    await pilot.pause()
    return await wait_for_screen(pilot, IcebreakerPicker)


def shown(app: object) -> str:
    return str(app.screen.query_one("#ib-text", Static).render())  # type: ignore[attr-defined]


async def test_pick_choose_and_rate_with_keys(store: Store, sample_group: Group) -> None:
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        picker = await open_picker(pilot)
        title = str(picker.query_one("#ib-title", Static).render())
        assert "meeting 1" in title and "3 present" in title and "10 min available" in title
        first = picker.picker.current
        assert first is not None and first.name.english in shown(app)
        assert first.purpose == "introductions"  # meeting 1: low-pressure openers first

        await pilot.press("r")
        second = picker.picker.current
        assert second is not None and second.id != first.id
        assert second.name.english in shown(app)

        await pilot.press("enter")
        await pilot.pause()
        saved = store.load_meeting(sample_group, 1)
        assert saved.icebreaker == IcebreakerUse(id=second.id)
        assert second.name.english in str(picker.query_one("#ib-chosen", Static).render())

        await pilot.press("4")
        await pilot.pause()
        assert store.load_meeting(sample_group, 1).icebreaker == IcebreakerUse(id=second.id, rating=4)
        assert "★★★★☆" in str(picker.query_one("#ib-chosen", Static).render())

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, IcebreakerPicker)


async def test_filters_toggle_with_single_keys(store: Store, sample_group: Group) -> None:
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        picker = await open_picker(pilot)
        everything = len(picker.picker.found.items)
        await pilot.press("m")  # no materials
        assert all(not i.materials for i in picker.picker.found.items)
        await pilot.press("s")  # seated only
        assert all(not i.movement for i in picker.picker.found.items)
        await pilot.press("e")  # energy: low
        assert {i.energy for i in picker.picker.found.items} == {"low"}
        narrowed = len(picker.picker.found.items)
        assert 0 < narrowed < everything
        filters = str(picker.query_one("#ib-filters", Static).render())
        assert "no materials" in filters and "seated only" in filters and "energy: low (e)" in filters
        assert f"{narrowed} fit" in filters
        await pilot.press("e", "e", "e")  # medium, high, back to any
        assert picker.request.filters.energy is None


async def test_browse_and_choose_from_the_list(store: Store, sample_group: Group) -> None:
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        picker = await open_picker(pilot)
        await pilot.press("b")
        option_list = picker.query_one("#ib-list", OptionList)
        assert option_list.display and option_list.has_focus
        await pilot.press("home", "down", "down")
        expected = picker.picker.found.items[2]
        assert picker.picker.current == expected
        assert expected.name.english in shown(app)
        await pilot.press("enter")
        await pilot.pause()
    assert store.load_meeting(sample_group, 1).icebreaker == IcebreakerUse(id=expected.id)


async def test_done_icebreakers_are_not_offered_again(store: Store, sample_group: Group) -> None:
    first = Meeting.new(sample_group, 1)
    first.status = "completed"
    library_ids = []
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        library_ids = list(app.library().items)
        first.icebreaker = IcebreakerUse(id="name-and-snack", rating=5)
        store.save_meeting(first)
        await pilot.press("r")  # reload: meeting 2 is next
        picker = await open_picker(pilot)
        assert "meeting 2" in str(picker.query_one("#ib-title", Static).render())
        assert "name-and-snack" not in {i.id for i in picker.picker.found.items}
        assert picker.picker.current is not None and picker.picker.current.purpose == "name_recall"
    assert "name-and-snack" in library_ids


async def test_damaged_user_library_falls_back_and_says_so(store: Store, sample_group: Group) -> None:
    (store.root / "icebreakers.toml").write_text("schema_version = 1\n[[icebreakers]]\nid = 5\n")
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        picker = await open_picker(pilot)
        notice = str(picker.query_one("#ib-notice", Static).render())
        assert "icebreakers.toml" in notice and "built-in" in notice
        assert len(picker.picker.found.items) > 10
    assert (store.root / "icebreakers.toml").read_text() == "schema_version = 1\n[[icebreakers]]\nid = 5\n"


async def test_picker_in_indonesian(store: Store, sample_group: Group) -> None:
    app = make_app(store.root, lang="id")
    async with app.run_test(size=(110, 36)) as pilot:
        picker = await open_picker(pilot)
        current = picker.picker.current
        assert current is not None
        text = shown(app)
        assert current.name.indonesian in text and "Langkah" in text
        assert "pertemuan 1" in str(picker.query_one("#ib-title", Static).render())


async def test_failed_save_is_shown_and_choice_kept(store: Store, sample_group: Group, tmp_path: Path) -> None:
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        picker = await open_picker(pilot)

        def fail(_: Meeting) -> None:
            raise OSError(28, "No space left on device")

        picker.save = fail
        await pilot.press("enter")
        await pilot.pause()
        assert picker.meeting.icebreaker is not None
        assert any("the disk is full" in n.message for n in app._notifications)
    assert not store.meeting_path(sample_group.id, 1).exists()


async def test_a_damaged_own_file_is_said_in_the_picker_from_home_and_runner(store: Store, sample_group: Group) -> None:
    (store.root / "icebreakers.toml").write_text("icebreakers = [oops", encoding="utf-8")
    app = make_app(store.root)
    async with app.run_test(size=(110, 36)) as pilot:
        for opener in (("i",), ("m", "i")):  # from the home screen, then from the meeting runner
            await pilot.pause()
            await pilot.press(*opener)
            picker = await wait_for_screen(pilot, IcebreakerPicker)
            notice = picker.query_one("#ib-notice", Static)
            assert notice.display and "built-in" in str(notice.render())
            assert picker.picker.current is not None  # the built-in library still suggests
            await pilot.press("escape")
