"""The runner in a real room's rhythm: typing at full speed, cursors where the work is, the
observation grid, attendance reasons and the ice-breaker panel. Each test drives keys and reads
both the screen and the file on disk, at 80x24 in Indonesian and 120x40 in English."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList, Static

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import Lang, t
from homeroom_tui.model import Group, IcebreakerUse, Meeting, Observation
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.store import Store
from homeroom_tui.widgets.typing import TypingInput
from tests.tui.helpers import rows, runner

NINE = ["Aisyah", "Bima", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hendra", "Intan"]
ROOMS: list[tuple[Lang, tuple[int, int]]] = [("id", (80, 24)), ("en", (120, 40))]
TRAPS = "i q ] [ p f + - a n 1 5 [b]x[/b]"


@pytest.fixture
def nine(store: Store) -> Group:
    return store.create_group("Home Room 2024", NINE, first_meeting=dt.date(2024, 1, 15), today=dt.date(2024, 1, 8))


def shown(app: HomeroomApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def highlighted(app: HomeroomApp, selector: str) -> str | None:
    option = app.screen.query_one(selector, OptionList).highlighted_option
    return option.id if option else None


async def open_meeting(store: Store, group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]) -> Any:
    app = make_app(store.root, clock=clock, lang=lang, bell=False, meeting=(group.id, None))
    return app, app.run_test(size=size)


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_ten_answers_at_full_speed_land_in_their_rows_and_the_notes(
    store: Store, nine: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app, running = await open_meeting(store, nine, clock, lang, size)
    answers = [f"{name}: {TRAPS} #{n}" for n, name in enumerate([*NINE, "extra"], 1)]
    async with running as pilot:
        await pilot.pause()
        await pilot.press("f3", "enter")
        keys: list[str] = []
        for answer in answers:
            keys += [*answer, "enter"]
        await pilot.press(*keys)
        screen = runner(app)
        assert screen.session.stage == "opening"  # no ] or [ reached the commands
        assert t("run.round_to_notes") in shown(app, "#round-editing")  # still typing, into the notes
        assert isinstance(app.focused, TypingInput)
        await pilot.press("escape")
        first_row = rows(app, "#round")[0]
        assert "[b]x[/b]" in first_row  # literal text (cut with "…" where the row ends)
        assert first_row.endswith("…") or first_row.endswith("#1")
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, (MeetingScreen, IcebreakerPicker))
    meeting = store.load_meeting(nine, 1)
    assert [meeting.answers[f"K{n}"].checkin for n in range(1, 10)] == answers[:9]
    assert meeting.stages.opening.round_done == [f"K{n}" for n in range(1, 10)]
    assert meeting.stages.opening.notes == answers[9]
    assert meeting.icebreaker is None and meeting.current_stage == "opening"


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_cursors_start_where_the_work_is_and_skip_who_is_away(
    store: Store, nine: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app, running = await open_meeting(store, nine, clock, lang, size)
    async with running as pilot:
        await pilot.pause()
        session = runner(app).session
        assert t("run.attendance_not_taken") in shown(app, "#meeting-line")  # not "9/9 present"
        # attendance: Aisyah present, Bima absent (present -> late -> excused -> absent), the rest not marked
        await pilot.press("f4", "home", "space", "down", "space", "space", "space", "space")
        assert "1/9" in shown(app, "#meeting-line")  # present and late only
        # the round opens on the first member taking part without a turn: Aisyah, then Citra after her
        await pilot.press("f3")
        assert highlighted(app, "#round") == "K1"
        await pilot.press("enter", *"first", "enter")
        assert session.round_answer("K2") == ""  # Bima is absent: skipped
        await pilot.press(*"third", "escape")
        # an absent member gets no turn, not even by Space
        await pilot.press("home", "down", "space")
        assert not session.turn_taken("K2")
        # the end of the list stops the cursor (no wrap to the top)
        await pilot.press(*["down"] * 12)
        assert highlighted(app, "#round") == "K9"
        # the next stage: the round's cursor is back on the first member without a turn
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert session.stage == "transition"
        await pilot.press("f3")
        assert highlighted(app, "#round") == "K1"
        # in a tick-only round Space ticks and moves on
        await pilot.press("space")
        assert highlighted(app, "#round") == "K3"
        # the checklist starts on the first unticked item
        await pilot.press("f2", "1")
        await pilot.press("f3", "f2")
        assert highlighted(app, "#checklist") == session.stage_plan.checklist[1].key
        await pilot.press("q")
        await pilot.pause()
    meeting = store.load_meeting(nine, 1)
    assert meeting.answers["K1"].checkin == "first" and meeting.answers["K3"].checkin == "third"
    assert "K2" not in meeting.answers and meeting.attendance["K2"].status == "absent"
    assert meeting.stages.transition.round_done == ["K1"]


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_observation_grid_rates_copies_and_notes(
    store: Store, nine: Group, clock: FakeClock, lang: Lang, size: tuple[int, int], held: Callable[..., Meeting]
) -> None:
    held(
        nine,
        1,
        observations={"K1": Observation(open_up=2, join_discussion=2, confidence=3), "K2": Observation(open_up=4)},
    )
    app, running = await open_meeting(store, nine, clock, lang, size)
    async with running as pilot:
        await pilot.pause()
        await pilot.press("f6")
        grid = app.screen.query_one("#observations", DataTable)
        assert grid.row_count == 9  # every member taking part on one screen
        assert grid.region.height >= grid.row_count + 1  # header and all nine rows in view at once
        assert grid.cursor_coordinate == (0, 1)  # Aisyah, the first indicator
        # Aisyah: copy last meeting's ratings (an explicit choice), then change the third and add two
        await pilot.press("c", "right", "right", "4", "5", "1")
        assert [str(c).split()[0] for c in grid.get_row_at(0)[1:6]] == ["2", "2", "4", "5", "1"]
        assert grid.cursor_coordinate == (1, 1)  # the row is done: on to Bima
        # the note is one key away
        await pilot.press("enter", *"[b]looks up[/b]", "enter")
        assert "[b]looks up[/b]" in shown(app, "#obs-help")
        await pilot.press("3", "left", "0")  # rate (the cursor moves on), go back, clear it again
        assert str(grid.get_row_at(1)[1]) == "? (4)"
        await pilot.press("q")
        await pilot.pause()
    meeting = store.load_meeting(nine, 2)
    ani = meeting.observations["K1"]
    assert (ani.open_up, ani.join_discussion, ani.confidence, ani.cross_faculty, ani.eye_contact) == (2, 2, 4, 5, 1)
    assert meeting.observations["K2"].note == "[b]looks up[/b]"
    assert meeting.observations["K2"].open_up is None


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_attendance_reason_is_typed_and_saved(
    store: Store, nine: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app, running = await open_meeting(store, nine, clock, lang, size)
    async with running as pilot:
        await pilot.pause()
        await pilot.press("f4", "home", "down", *["space"] * 3)  # Bima: excused
        await pilot.press("enter", *"sakit [demam]", "enter")
        assert "sakit [demam]" in rows(app, "#attendance")[1]
        await pilot.press("q")
        await pilot.pause()
    record = store.load_meeting(nine, 1).attendance["K2"]
    assert (record.status, record.note) == ("excused", "sakit [demam]")


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_icebreaker_panel_shows_steps_and_takes_rating_and_note(
    store: Store, nine: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    app, running = await open_meeting(store, nine, clock, lang, size)
    async with running as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")  # transition
        await pilot.pause()
        # the transition is cut to one minute: the picker still shows the closest fits
        await pilot.press(*["minus"] * 12, "i")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, IcebreakerPicker)
        assert picker.picker.current is not None and picker.picker.found.closest
        chosen = picker.picker.current
        await pilot.press("enter", "escape")
        await pilot.pause()
        panel_text = shown(app, "#ib-panel-text")
        assert chosen.name.text(lang) in panel_text
        assert chosen.name.text(lang) in shown(app, "#meeting-line")
        await pilot.press("4", "enter", *"semua tertawa, 1 2 3", "enter")
        checklist = runner(app).session.meeting.stages.transition.checklist
        assert checklist == []  # the digits rated the ice-breaker; nothing ticked
        await pilot.press("q")
        await pilot.pause()
    assert store.load_meeting(nine, 1).icebreaker == IcebreakerUse(id=chosen.id, rating=4, note="semua tertawa, 1 2 3")


async def test_a_key_that_is_no_command_only_shows_a_hint(store: Store, nine: Group, clock: FakeClock) -> None:
    app, running = await open_meeting(store, nine, clock, "en", (120, 40))
    async with running as pilot:
        await pilot.pause()
        await pilot.press("f3", "z")
        await pilot.pause()
        assert any("does nothing here" in str(n.message) for n in app._notifications)
        assert runner(app).session.stage == "opening"


async def test_after_a_crash_private_notes_go_on_at_the_end(store: Store, nine: Group, clock: FakeClock) -> None:
    meeting = Meeting.new(nine, 1)
    meeting.status = "in_progress"
    meeting.current_stage = "opening"
    meeting.private_notes = "first line\nsecond line"
    store.save_meeting(meeting)
    _app, running = await open_meeting(store, nine, clock, "en", (120, 40))
    async with running as pilot:
        await pilot.pause()
        await pilot.press("f7", "tab", *" and more")
        await pilot.press("escape", "q")
        await pilot.pause()
    assert store.load_meeting(nine, 1).private_notes == "first line\nsecond line and more"


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_long_names_are_cut_in_the_grid_and_whole_one_key_away(
    store: Store, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    long_name = "Aisyah Putri Ramadhani Nurhaliza Kusumawardani"
    group = store.create_group("G", [long_name, "Bima [Psikologi]"], first_meeting=dt.date(2024, 1, 15))
    app, running = await open_meeting(store, group, clock, lang, size)
    async with running as pilot:
        await pilot.pause()
        await pilot.press("f6")
        grid = app.screen.query_one("#observations", DataTable)
        assert str(grid.get_row_at(0)[0]).endswith("…")
        assert long_name in shown(app, "#obs-help").replace("\n", " ")  # the whole name under the grid
        await pilot.press("down")
        assert "Bima [Psikologi]" in shown(app, "#obs-help")
