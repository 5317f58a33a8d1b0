"""Every screen and modal with hostile text in every field: shown literally, never as markup or raw escapes.

A group, its members and faculties, answers, notes, private notes, an observation note, a user
ice-breaker file and a user agenda file all hold markup look-alikes (``[b]``, ``[/x]``,
``[@click=app.quit]``, ``skala [a=rendah, b=tinggi``), terminal escape sequences
(``ESC ]2;secret BEL``, ``ESC [31m``), a bidi override, a trailing backslash, a 45-character name
and a 10,000-character answer. Each screen must open without a crash, show the literal text
(``[b]`` visible, ESC shown as the four characters ``\\x1b``) and put no raw control character
into what it renders.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import DataTable, Input, OptionList, TextArea

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import IcebreakerUse
from homeroom_tui.plain import BIDI_CONTROLS
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.group_form import GroupForm
from homeroom_tui.screens.help import HelpScreen
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.meeting import FinishDialog, MeetingScreen
from homeroom_tui.screens.member_details import MemberDetails, MemberPicker
from homeroom_tui.screens.review import MeetingDetailScreen, ReviewScreen
from homeroom_tui.store import Store
from tests.hostile_data import (
    ANSWER,
    FACULTY,
    GROUP_ID,
    GROUP_NAME,
    LONG_ANSWER,
    LONG_NAME,
    NOTE,
    PRIVATE,
    RLO,
    TITLE_ESCAPE,
    write_hostile,
)


def screen_lines(app: HomeroomApp) -> list[str]:
    """What the current screen renders, one string a line (the text of every segment)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def raw_controls(lines: list[str]) -> list[str]:
    """Control characters (C0, C1, DEL, bidi overrides) in what the app renders: there must be none."""
    return sorted({repr(c) for line in lines for c in line if unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS})


def check_screen(app: HomeroomApp, *expected: str) -> str:
    """No raw control character on screen, and each of ``expected`` shown literally."""
    lines = screen_lines(app)
    assert raw_controls(lines) == [], type(app.screen).__name__
    text = "\n".join(lines)
    for literal in expected:
        assert literal in text, (type(app.screen).__name__, literal, text)
    return text


@pytest.fixture
def hostile(tmp_path: Path) -> Store:
    return write_hostile(tmp_path / "data")


ESCAPED = ["\\x1b]2;secret\\x07", "\\x1b[31m"]  # how ESC sequences show: as the characters \x1b ...


async def settle(app: HomeroomApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_home_form_and_a_restart(hostile: Store) -> None:
    """Home lists the hostile group literally; a group named ``Kelas [/XI]`` typed in the form saves and reloads."""
    app = make_app(hostile.root, clock=FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.UTC)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        check_screen(app, "Kelas [/XI] [@click=app.quit]")
        await pilot.press("n")
        assert isinstance(app.screen, GroupForm)
        await pilot.press(*"Kelas [/XI]", "enter", *"Bu [b]", "tab")
        await pilot.press(*"Dewi [Psikologi]", "enter", *"[@click=app.quit]", "enter", *"Ani\\", "tab")
        check_screen(app, "Kelas [/XI]", "Dewi [Psikologi]", "[@click=app.quit]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, GroupForm)
        check_screen(app, "Kelas [/XI]")
        names = [str(row[0]) for row in (app.screen.query_one("#groups", DataTable).get_row_at(i) for i in range(2))]
        assert sorted(names) == ["Kelas [/XI]", GROUP_NAME]
    typed = next(g for g in Store(hostile.root).load_all().groups if g.name == "Kelas [/XI]")
    assert [m.name for m in typed.members] == ["Dewi [Psikologi]", "[@click=app.quit]", "Ani\\"]
    assert typed.counselor == "Bu [b]"

    again = make_app(hostile.root)  # every later start: no MarkupError
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        check_screen(again, "Kelas [/XI]", GROUP_NAME)
        assert again.is_running


async def test_runner_every_panel_help_picker_and_finish(hostile: Store) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.UTC))
    app = make_app(hostile.root, clock=clock, meeting=(GROUP_ID, 2), bell=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        # the header's title is the group name: literal, never markup
        text = check_screen(app, "Kelas [/XI] [@click=app.quit]")
        assert "[b]How are you?\\x1b[31m" in text  # the agenda's round prompt, from the user's file
        for key, expected in [
            ("f2", ["Salam [/x] " + ESCAPED[0]]),
            ("f3", ["Dewi [Psikologi]", "[b]Bima[/b]", "skala [a=rendah, b=tinggi"]),
            ("f4", ["[@click=app.quit]", "Citra\\", LONG_NAME, "Eka \\u202eikswoL"]),
            ("f5", ["Recalling: Dewi [Psikologi]", "[b]Bima[/b]"]),
            ("f6", ["Dewi [Psikolo…", "[b]Bima[/b]", "Eka \\u202eiks…"]),
            ("f7", ["skala [a=rendah, b=tinggi ␛]2;secret␇", "Rahasia ␛]2;secret␇"]),  # edited text: a cell a character
        ]:
            await pilot.press(key)
            await pilot.pause()
            check_screen(app, *expected)

        # an answer and an observation note that look like markup, typed in the app
        await pilot.press("f3", "enter", *"[b]saya[/b] skala [a=rendah, b=tinggi", "enter", "escape")
        await pilot.pause()
        check_screen(app, "[b]saya[/b] skala [a=rendah, b=tinggi")
        await pilot.press("f6", "enter", *"skala [a=rendah, b=tinggi", "enter")
        await pilot.pause()
        check_screen(app, "Note: skala [a=rendah, b=tinggi")
        runner = app.screen
        assert isinstance(runner, MeetingScreen)
        runner.flush()
        saved = hostile.load_meeting(hostile.load_group(GROUP_ID), 2)
        assert saved.observations["K1"].note == "skala [a=rendah, b=tinggi"
        assert saved.answers["K1"].checkin == "[b]saya[/b] skala [a=rendah, b=tinggi"

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        check_screen(app)
        await pilot.press("escape")

        await pilot.press("i")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, IcebreakerPicker)
        await pilot.press("b")
        options = picker.query_one("#ib-list", OptionList)
        options.highlighted = options.get_option_index("hostile-again")
        await pilot.pause()
        check_screen(
            app,
            "[b]Game " + ESCAPED[0] + "[/b]",
            "[@click=app.quit] " + ESCAPED[1] + "red\\",
            "skala [a=rendah, b=tinggi",
            "\\u202estep",
            "[/x] kertas",
        )
        await pilot.press("enter")
        await pilot.pause()
        check_screen(app, "[b]Game " + ESCAPED[0])  # the "chosen" line and the notification
        await pilot.press("escape")
        await pilot.pause()
        assert hostile.load_meeting(hostile.load_group(GROUP_ID), 2).icebreaker == IcebreakerUse(id="hostile-again")

        for _ in range(4):
            await pilot.press("]")
            await pilot.pause()
        assert isinstance(app.screen, FinishDialog)
        check_screen(app)
        await pilot.press("escape")

    # the observation note that crashed the meeting on every reopen
    again = make_app(hostile.root, clock=clock, meeting=(GROUP_ID, 2), bell=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, MeetingScreen)
        await pilot.press("f6")
        await pilot.pause()
        check_screen(again, "Note: skala [a=rendah, b=tinggi")


async def test_review_every_tab_detail_and_search(hostile: Store) -> None:
    app = make_app(hostile.root, clock=FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.UTC)))
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        check_screen(app, "Kelas [/XI] [@click=app.quit]", "[b]Game " + ESCAPED[0])
        await pilot.press("f3")
        await pilot.pause()
        check_screen(app, "Dewi [Psikologi]", FACULTY, "[b]Saya" + ESCAPED[1], "skala [a=rendah, b=tinggi")
        for key in ("f4", "f6"):
            await pilot.press(key)
            await pilot.pause()
            check_screen(app)
        await pilot.press("f5", *"skala")
        await pilot.pause()
        text = check_screen(app, "skala [a=rendah, b=tinggi", GROUP_NAME)
        assert ESCAPED[0] in text or "secret" not in text
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDetailScreen)
        check_screen(app, "Salam [/x] " + ESCAPED[0], "[b]Saya" + ESCAPED[1])
        detail = app.screen.query_one("#detail-text").render()
        shown = str(detail)
        for expected in (PRIVATE, ANSWER, LONG_ANSWER, NOTE, "[b]Bima[/b]", "Citra\\", LONG_NAME):
            literal = expected.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace(RLO, "\\u202e")
            assert literal in shown, expected[:40]
        assert raw_controls(shown.splitlines()) == []
        assert app.is_running  # [@click=app.quit] was text, not an action


async def test_a_pasted_escape_code_in_the_form_is_said_not_saved_or_changed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, GroupForm)
        await pilot.press(*"Kelas", "tab", "tab")
        form.query_one("#members", TextArea).post_message(events.Paste(f"Ani{TITLE_ESCAPE}\nBudi [b]"))
        await pilot.pause()
        check_screen(app, "Ani␛]2;secret␇")  # drawn as control pictures while being edited
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved: the form says what to fix
        check_screen(app, "Member 1 holds control characters")
        assert not (data_dir / "groups").exists() or not any((data_dir / "groups").iterdir())
        assert app.is_running


async def test_member_picker_and_details(hostile: Store) -> None:
    """Names, faculty and note shown literally in the member list and the details; a markup-like name
    and note typed there are saved as typed and shown as text in review."""
    group = hostile.load_group(GROUP_ID)
    group.members[0].note = NOTE
    hostile.save_group(group)
    app = make_app(hostile.root, clock=FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.UTC)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MemberPicker)
        check_screen(app, GROUP_NAME, "Dewi [Psikologi]", "[b]Bima[/b]", "[@click=app.quit]", "Eka \\u202eikswoL")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MemberDetails)
        check_screen(app, "Dewi [Psikologi]", FACULTY, "skala [a=rendah, b=tinggi ␛]2;secret␇")  # edited: a cell a char
        name = "[b]Dewi[/b] [@click=app.quit] skala [a=rendah"
        app.screen.query_one("#member-name").focus()
        await pilot.press("ctrl+a", "ctrl+k", *name, "tab", "ctrl+a", "ctrl+k", *"[/x] Syariah\\")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MemberDetails)
        check_screen(app)
        assert any(name in str(n.message) for n in app._notifications)  # says what was saved, literally
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("f3")
        await pilot.pause()
        check_screen(app, name, "[/x] Syariah\\")
    saved = hostile.load_group(GROUP_ID).members[0]
    assert (saved.name, saved.faculty, saved.note) == (name, "[/x] Syariah\\", NOTE)

    # a pasted escape code in a name is refused, naming the field, as the file would refuse it
    app = make_app(hostile.root, clock=FakeClock(dt.datetime(2024, 1, 22, 15, 0, tzinfo=dt.UTC)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("e", "down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MemberDetails)
        name_field = screen.query_one("#member-name", Input)
        name_field.action_end()
        name_field.insert_text_at_cursor(TITLE_ESCAPE)  # as a paste would
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MemberDetails)
        check_screen(app, "holds control characters")
    assert hostile.load_group(GROUP_ID).members[1].name == "[b]Bima[/b]"
