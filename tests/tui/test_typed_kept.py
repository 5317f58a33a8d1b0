"""Text typed into any field of the runner and not yet confirmed with Enter is saved by every way
out: ``q`` (after Esc: in a field ``q`` is text), Ctrl+Q, Ctrl+C (after Esc: in a field it copies),
SIGTERM and SIGHUP (a closed terminal; what their handler does on the UI loop).

Each test opens the runner, types into one field without Enter, leaves one way, and reads the
meeting file and the lock file; the screen shows the text in the field before leaving.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from homeroom_tui.app import HomeroomApp
from homeroom_tui.i18n import t
from homeroom_tui.model import Group, IcebreakerUse, Meeting
from homeroom_tui.screens.home import HomeScreen
from homeroom_tui.store import Store
from homeroom_tui.store.lock import lock_path
from homeroom_tui.widgets.panels import RoundList
from tests.tui.helpers import open_runner, text, wait_for, wait_for_screen

TYPED = "masih diketik [b]x[/b] q ] 1"
"""Typed without Enter: keys that are commands outside a field, and markup that must stay text."""
EARLIER = "said before [i]this[/i]"
"""Already in the file before the runner opened."""


@dataclass(frozen=True)
class Field:
    """A text field of the runner: the keys that open it (from the stage's first panel) and where
    its text is saved."""

    keys: tuple[str, ...]
    saved: Callable[[Meeting], str]


ROUND_DONE = ("f3", "enter", *"Ani", "enter", *"Budi", "enter", *"Citra", "enter")
"""Every member answers the opening round: the field goes on into the stage's notes."""

FIELDS = {
    "round notes line": Field(ROUND_DONE, lambda m: m.stages.opening.notes),
    "answer": Field(("f3", "enter"), lambda m: m.answers["K1"].checkin or ""),
    "attendance reason": Field(("f4", "home", "enter"), lambda m: m.attendance["K1"].note),
    "observation note": Field(("f6", "home", "enter"), lambda m: m.observations["K1"].note),
    "ice-breaker note": Field(("f8", "enter"), lambda m: m.icebreaker.note if m.icebreaker else ""),
    "stage notes": Field(("f7",), lambda m: m.stages.opening.notes),
    "private notes": Field(("f7", "tab"), lambda m: m.private_notes),
}

WAYS: dict[str, tuple[str, ...] | signal.Signals] = {
    "q": ("escape", "q"),
    "ctrl+q": ("ctrl+q",),
    "ctrl+c": ("escape", "ctrl+c"),
    "SIGTERM": signal.SIGTERM,
    "SIGHUP": signal.SIGHUP,
}


def in_progress(store: Store, group: Group, **fields: Any) -> Meeting:
    """Meeting 1 left in progress in the opening stage, with an ice-breaker chosen (its note is a field)."""
    meeting = Meeting.new(group, 1)
    meeting.status = "in_progress"
    meeting.current_stage = "opening"
    meeting.icebreaker = IcebreakerUse(id="name-and-snack")
    for name, value in fields.items():
        setattr(meeting, name, value)
    store.save_meeting(meeting)
    return meeting


def with_earlier_notes(store: Store, group: Group) -> None:
    """``in_progress``, with notes saved earlier in the opening stage (``EARLIER``)."""
    meeting = in_progress(store, group)
    meeting.stages.opening.notes = EARLIER
    store.save_meeting(meeting)


def field_text(app: HomeroomApp) -> str:
    """What the focused field shows."""
    focused = app.focused
    if isinstance(focused, Input):
        return focused.value
    assert isinstance(focused, TextArea), type(focused)
    return focused.text


async def leave(pilot: Any, app: HomeroomApp, way: str) -> None:
    """Leave the runner ``way`` and wait until it is done: home screen for ``q``, the app ended otherwise."""
    how = WAYS[way]
    if isinstance(how, signal.Signals):
        app._on_signal(how)  # what the SIGTERM and SIGHUP handlers ask of the UI loop
    else:
        await pilot.press(*how)
    if way == "q":
        await wait_for_screen(pilot, HomeScreen)
    else:
        await wait_for(pilot, lambda: app.return_code is not None, f"the app to end after {way}")


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("name", list(FIELDS))
async def test_text_typed_without_enter_is_saved_by_every_way_out(
    store: Store, sample_group: Group, app: HomeroomApp, name: str, way: str
) -> None:
    field = FIELDS[name]
    in_progress(store, sample_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        await pilot.press(*field.keys, *TYPED)
        assert field_text(app) == TYPED  # on the screen, in the field; no Enter pressed
        await leave(pilot, app, way)
    assert field.saved(store.load_meeting(sample_group, 1)) == TYPED
    assert not lock_path(store.meeting_path(sample_group.id, 1)).exists()


@pytest.mark.parametrize("way", list(WAYS))
async def test_the_notes_line_adds_to_the_notes_saved_before(
    store: Store, sample_group: Group, app: HomeroomApp, way: str
) -> None:
    with_earlier_notes(store, sample_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        await pilot.press(*ROUND_DONE)
        assert t("run.round_to_notes") in text(app, "#round-editing")
        await pilot.press(*TYPED)
        await leave(pilot, app, way)
    assert store.load_meeting(sample_group, 1).stages.opening.notes == f"{EARLIER}\n{TYPED}"


@pytest.mark.parametrize("way", ["q", "SIGHUP"])
async def test_an_emptied_notes_line_leaves_the_saved_notes_as_they_were(
    store: Store, sample_group: Group, app: HomeroomApp, way: str
) -> None:
    with_earlier_notes(store, sample_group)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_runner(pilot)
        await pilot.press(*ROUND_DONE, *"oops")
        assert screen.session.meeting.stages.opening.notes == f"{EARLIER}\noops"  # in the session at every key
        await pilot.press(*["backspace"] * 4, *"  ")
        assert field_text(app) == "  "
        assert screen.session.meeting.stages.opening.notes == EARLIER
        await leave(pilot, app, way)
    assert store.load_meeting(sample_group, 1).stages.opening.notes == EARLIER


async def test_the_notes_line_after_enter_and_after_esc_goes_on_in_the_notes(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    in_progress(store, sample_group)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_runner(pilot)
        await pilot.press(*ROUND_DONE, *"one", "enter", *"two", "escape")
        assert isinstance(app.focused, RoundList)  # the field is closed: the round's list has the focus
        assert any(str(n.message) == t("run.added_to_notes") for n in app._notifications)
        await pilot.press("f7")
        assert field_text(app) == "one\ntwo"  # the notes panel shows the lines typed in the round
        await pilot.press("end", *" three")
        assert screen.session.meeting.stages.opening.notes == "one\ntwo three"
        await pilot.press("f3", "enter")  # a member's answer again, then nothing more
        await leave(pilot, app, "ctrl+q")
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.stages.opening.notes == "one\ntwo three"
    assert meeting.answers["K1"].checkin == "Ani"  # the answer field opened on it, unchanged


@pytest.mark.parametrize("selector", ["#stage-notes", "#private-notes"])
async def test_a_note_changed_just_before_a_signal_is_saved(
    store: Store, sample_group: Group, app: HomeroomApp, selector: str
) -> None:
    in_progress(store, sample_group)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_runner(pilot)
        await pilot.press("f7", *"typed")
        area = screen.query_one(selector, TextArea)
        # the last key's edit, and the signal on the loop before any message was handled
        area.insert(" last", area.document.end)
        app._on_signal(signal.SIGHUP)
        await wait_for(pilot, lambda: app.return_code is not None, "the app to end")
    meeting = store.load_meeting(sample_group, 1)
    saved = meeting.stages.opening.notes if selector == "#stage-notes" else meeting.private_notes
    assert saved.endswith(" last")
