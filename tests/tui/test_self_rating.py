"""Pilot tests of the members' own ratings: typed by the counselor from paper (F9), or by the members
themselves in the pass-the-laptop mode (``l``), which shows one member at a time and only a PIN ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Observation, SelfRating
from homeroom_tui.plain import visible
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.help import HelpScreen
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.pass_laptop import PassLaptopScreen, PinDialog
from homeroom_tui.store import Store
from homeroom_tui.widgets.keybar import KeyBar
from tests.hostile_data import GROUP_ID, GROUP_NAME, MEMBERS, write_hostile
from tests.tui.helpers import TZ, autosave, open_runner, rows, wait_for, wait_for_screen, wait_to_leave

PIN = "2468"


def screen_text(app: HomeroomApp) -> str:
    """Everything the terminal shows now, one line a row."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


def grid_rows(app: HomeroomApp, selector: str = "#self-ratings") -> list[list[str]]:
    grid = app.screen.query_one(selector, DataTable)
    return [[str(cell).strip() for cell in grid.get_row_at(n)] for n in range(grid.row_count)]


async def start_laptop(pilot: Any, pin: str = PIN) -> PassLaptopScreen:
    await pilot.press("l")
    await wait_for_screen(pilot, PinDialog)
    await pilot.press(*pin, "enter", *pin, "enter")
    return await wait_for_screen(pilot, PassLaptopScreen)


# --- the counselor types them from paper ------------------------------------------------------------


async def test_the_counselor_types_the_members_own_ratings_into_the_grid(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_runner(pilot)
        await pilot.press("f4", "down", "down", "space", "space", "space")  # Citra absent: no row
        await pilot.press("f6", "2", "2")  # the counselor's own ratings stay apart
        await pilot.press("f9")
        assert "typed from their paper" in screen_text(app)
        assert grid_rows(app) == [
            ["K1  Ani", "?", "?", "?", "?", "?"],
            ["K2  Budi", "?", "?", "?", "?", "?"],
        ]
        await pilot.press("4", "3", "5", "2", "1", "2")  # Ani's row, then on to Budi's
        assert grid_rows(app) == [
            ["K1  Ani", "4", "3", "5", "2", "1"],
            ["K2  Budi", "2", "?", "?", "?", "?"],
        ]
        await pilot.press("left", "delete", "c", "enter")  # Del clears; no note and nothing to copy here
        assert grid_rows(app)[1] == ["K2  Budi", "?", "?", "?", "?", "?"]
        assert "I speak with confidence" not in screen_text(app)
        await pilot.press("up", "right", "right")
        assert "I speak with confidence in front of the others" in screen_text(app)  # the words the member read
        await autosave(pilot)
        assert screen.session.meeting.observations["K1"].open_up == 2
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.self_ratings == {
        "K1": SelfRating(open_up=4, join_discussion=3, confidence=5, cross_faculty=2, eye_contact=1)
    }
    assert meeting.observations["K1"] == Observation(open_up=2, join_discussion=2)


# --- pass the laptop -------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Store:
    store = write_hostile(tmp_path / "data")
    group = store.load_group(GROUP_ID)
    second = store.load_meeting(group, 2)
    second.observations = {"K1": Observation(open_up=1, eye_contact=1, note="Catatan konselor KHUSUS")}
    second.self_ratings = {"K3": SelfRating(confidence=4)}  # typed from paper earlier: K3's own
    store.save_meeting(second)
    return store


async def test_pass_the_laptop_shows_each_member_only_their_own_and_needs_the_pin(
    hostile: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    suspended: list[int] = []
    monkeypatch.setattr(HomeroomApp, "action_suspend_process", lambda self: suspended.append(1))
    clock = FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=TZ))
    app = make_app(hostile.root, clock=clock, meeting=(GROUP_ID, 2), bell=False)
    group = hostile.load_group(GROUP_ID)
    names = [visible(m.name) for m in group.members]
    assert len(names) == len(MEMBERS) == 7
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen), "the runner")
        await pilot.press("f7", *"Rahasia juga", "escape")  # a stage note of the counselor's
        laptop = await start_laptop(pilot)
        seen: list[str] = []

        def check(member_index: int) -> str:
            text = screen_text(app)
            seen.append(text)
            assert names[member_index] in text, (member_index, text)
            for other, name in enumerate(names):
                if other != member_index:
                    assert name not in text, (member_index, name)
            for secret in ("KHUSUS", "Rahasia", "rahasia", GROUP_NAME, t("panel_short.observations"), PIN):
                assert secret not in text, secret
            return text

        typed = {0: "54321", 2: "1"}  # Dewi rates all five; the third member changes one of their own
        for index in range(7):
            assert "Please pass the laptop to:" in check(index)
            await pilot.press("enter")
            await pilot.pause()
            text = check(index)
            assert "how true is each sentence for you today?" in text
            shown = rows(app, "#laptop-items")
            if index == 0:  # the counselor rated K1 (1 and 1): none of it is shown
                assert all(row.startswith("·····  -") for row in shown), shown
            if index == 2:  # K3's own earlier rating, and nobody else's
                assert [row[:8] for row in shown] == ["·····  -", "·····  -", "●●●●○  4", "·····  -", "·····  -"]
            await pilot.press(*typed.get(index, ""))
            await pilot.pause()
            if index == 0:
                assert [row[:8] for row in rows(app, "#laptop-items")] == [
                    "●●●●●  5",
                    "●●●●○  4",
                    "●●●○○  3",
                    "●●○○○  2",
                    "●○○○○  1",
                ]
                check(index)
                # saved as typed, before any autosave
                saved = hostile.load_meeting(group, 2).self_ratings["K1"]
                assert saved == SelfRating(open_up=5, join_discussion=4, confidence=3, cross_faculty=2, eye_contact=1)
            await pilot.press("enter")
            await pilot.pause()
        assert "everyone has had a turn" in screen_text(app)
        assert laptop.state.phase == "done"

        # while it is on: no footer, no help, no palette, Ctrl+Z, Ctrl+Q and Ctrl+C do nothing
        assert not app.screen.query(KeyBar)
        for key in ("f1", "question_mark", "ctrl+p", "ctrl+z", "ctrl+q", "ctrl+c", "q", "f6"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is laptop, key
            assert not isinstance(app.screen, (HelpScreen, CommandPalette))
        assert suspended == [] and app.is_running
        # the palette's commands and any other way to the app's actions are refused too
        assert app.check_action("command_palette", ()) is False and app.check_action("quit", ()) is False

        # a wrong PIN stays, calmly; the right one goes back to the counselor
        await pilot.press("escape", *"1111", "enter")
        await pilot.pause()
        assert app.screen is laptop
        assert "That is not the PIN" in screen_text(app)
        assert laptop.query_one("#laptop-pin", Input).value == ""
        assert "1111" not in screen_text(app)
        await pilot.press(*PIN)
        assert PIN not in screen_text(app)
        await pilot.press("enter")
        runner = await wait_for_screen(pilot, MeetingScreen)
        assert runner.query_one("#panels").active == "pane-selfrating"  # type: ignore[attr-defined]
        assert any("1 wrong PIN was typed" in str(n.message) for n in app._notifications)
        assert grid_rows(app)[0] == ["K1  Dewi [Psikolo…", "5", "4", "3", "2", "1"]
        assert app.check_action("quit", ()) is True
        await pilot.press("q")
        await wait_to_leave(pilot, MeetingScreen)

    meeting = hostile.load_meeting(group, 2)
    assert meeting.self_ratings["K3"] == SelfRating(open_up=1, confidence=4)
    assert meeting.observations["K1"].open_up == 1  # the counselor's, untouched
    assert hostile.meeting_path(GROUP_ID, 2).is_file()
    for path in hostile.root.rglob("*"):  # the PIN is never written anywhere
        assert not path.is_file() or PIN.encode() not in path.read_bytes(), path


async def test_the_pin_is_typed_twice_and_needs_four_digits(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        await pilot.press("l")
        await wait_for_screen(pilot, PinDialog)
        await pilot.press(*"123", "enter", *"123", "enter")
        assert "4 or more digits" in screen_text(app)
        await pilot.press(*"1234", "enter", *"1235", "enter")
        assert "The two PINs differ" in screen_text(app)
        assert "1234" not in screen_text(app)
        await pilot.press("escape")
        await wait_to_leave(pilot, PinDialog)
        assert isinstance(app.screen, MeetingScreen)  # Esc: no PIN, no mode


async def test_a_signal_while_the_laptop_goes_round_saves(store: Store, sample_group: Group, app: HomeroomApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        await pilot.press("f7", *"typed by the counselor", "escape")
        await start_laptop(pilot)
        await pilot.press("enter", "3")
        app._on_signal()  # what SIGTERM and SIGHUP do
        await pilot.pause()
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.self_ratings["K1"].open_up == 3
    assert meeting.stages.opening.notes == "typed by the counselor"
