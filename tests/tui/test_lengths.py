"""One length rule in the app: fields hold what the model saves, a long paste is cut with a message."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, Static, TextArea

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import LINE_MAX, NOTE_MAX, SHORT_TEXT_MAX, Group
from homeroom_tui.screens.group_form import GroupForm
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.store import Store
from homeroom_tui.store.writing import SAVE_BUDGET_BYTES
from homeroom_tui.widgets.limited import LimitedInput, LimitedTextArea, counter
from tests.tui.helpers import autosave, open_runner, wait_to_leave


def messages(app: HomeroomApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def paste(pilot: Any, text: str) -> None:
    """What the terminal sends when the counselor pastes: one Paste event, which the app gives the focused widget."""
    assert pilot.app.focused is not None
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def long_text(chars: int, line: str = "Paragraf dari dokumen lain yang ditempel. ") -> str:
    text = (line * (chars // len(line) + 1))[:chars]
    return "\n".join(text[i : i + 80] for i in range(0, len(text), 81))[:chars]


def test_counter_shows_in_the_last_tenth_only() -> None:
    assert counter(8_999, 10_000) == ""
    assert counter(9_000, 10_000) == "9000/10000"
    assert counter(10_000, 10_000) == "10000/10000"


async def test_a_100000_character_paste_into_notes_is_cut_said_and_saved(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        await pilot.press("f7", *"Intro. ")
        area = app.screen.query_one("#stage-notes", TextArea)
        assert isinstance(area, LimitedTextArea) and area.limit == NOTE_MAX
        assert area.border_subtitle == ""  # far from the limit: no counter
        pasted = long_text(100_000)
        await paste(pilot, pasted)
        assert isinstance(app.screen, MeetingScreen)  # no crash
        assert area.text == ("Intro. " + pasted)[:NOTE_MAX]
        assert f"Text cut at {NOTE_MAX} characters" in " ".join(messages(app))
        assert area.border_subtitle == f"{NOTE_MAX}/{NOTE_MAX}"
        assert f"{NOTE_MAX}/{NOTE_MAX}" in app.export_screenshot()  # on the screen, in the border
        # full: one more key is refused with a bell and a message, not taken
        rung: list[int] = []
        app.bell = lambda: rung.append(1)  # type: ignore[method-assign]
        await pilot.press("z")
        assert len(area.text) == NOTE_MAX and rung == [1]
        assert f"This field is full ({NOTE_MAX} characters)" in messages(app)
        # making room lets typing go on; the counter follows
        await pilot.press("backspace", "backspace", "!")
        assert len(area.text) == NOTE_MAX - 1 and area.text.endswith("!")
        await pilot.press("escape", "q")
        await wait_to_leave(pilot, MeetingScreen)
    meeting = store.load_meeting(sample_group, 1)  # the file loads again
    assert meeting.stages.opening.notes == ("Intro. " + pasted)[: NOTE_MAX - 2] + "!"


async def test_round_answer_and_observation_note_are_cut_at_the_limit(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        await pilot.press("f3", "home", "enter")
        box = app.screen.query_one("#round-input", Input)
        assert isinstance(box, LimitedInput) and box.limit == SHORT_TEXT_MAX
        await paste(pilot, "a" * SHORT_TEXT_MAX)  # exactly the limit: taken whole, no message
        assert len(box.value) == SHORT_TEXT_MAX and not messages(app)
        assert box.border_subtitle == f"{SHORT_TEXT_MAX}/{SHORT_TEXT_MAX}"
        box.value = "b" * (SHORT_TEXT_MAX - 5)
        box.cursor_position = len(box.value)
        await paste(pilot, "c" * 10)  # one past and more: the part that fits goes in
        assert box.value == "b" * (SHORT_TEXT_MAX - 5) + "c" * 5
        assert f"Text cut at {SHORT_TEXT_MAX} characters" in " ".join(messages(app))
        await pilot.press("enter")

        await pilot.press("f6", "enter")
        note = app.screen.query_one("#obs-input", Input)
        assert isinstance(note, LimitedInput) and note.limit == SHORT_TEXT_MAX
        await paste(pilot, "o" * (SHORT_TEXT_MAX + 1))
        assert note.value == "o" * SHORT_TEXT_MAX
        await pilot.press("enter", "escape", "q")
        await wait_to_leave(pilot, MeetingScreen)
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.answers["K1"].checkin == "b" * (SHORT_TEXT_MAX - 5) + "c" * 5
    assert meeting.observations["K1"].note == "o" * SHORT_TEXT_MAX


async def test_group_form_names_are_cut_at_the_model_limit(store: Store) -> None:
    app = make_app(store.root, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, GroupForm)
        await paste(pilot, "N" * (LINE_MAX + 50))
        name = app.screen.query_one("#name", Input)
        assert name.value == "N" * LINE_MAX
        assert f"Text cut at {LINE_MAX} characters" in " ".join(messages(app))
        await pilot.press("tab", "tab")
        members = app.screen.query_one("#members", TextArea)
        assert isinstance(members, LimitedTextArea)
        await paste(pilot, "Ani\nBudi")
        await pilot.press("ctrl+s")
        await wait_to_leave(pilot, GroupForm)
    (group,) = [store.load_group(gid) for gid in store.group_ids()]
    assert group.name == "N" * LINE_MAX and [m.name for m in group.members] == ["Ani", "Budi"]


async def test_a_meeting_over_the_byte_budget_is_shown_as_not_saved_and_kept(
    store: Store, sample_group: Group, app: HomeroomApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_runner(pilot)
        # two notes at their limit in three-byte letters: each field is fine, the file would not be
        await pilot.press("f7", "tab")
        await paste(pilot, "语" * NOTE_MAX)
        await pilot.press("escape")
        await autosave(pilot)
        path = store.meeting_path(sample_group.id, 1)
        before = path.read_bytes()
        assert len(before) < SAVE_BUDGET_BYTES  # one such note fits
        await pilot.press("f7")
        await paste(pilot, "语" * NOTE_MAX)
        await pilot.press("escape")
        await autosave(pilot)
        line = str(screen.query_one("#save-line", Static).render())
        assert "NOT SAVED" in line and "too large to save" in line and f"{SAVE_BUDGET_BYTES // 1024} KiB" in line
        assert path.read_bytes() == before  # nothing overwritten
        assert screen.session.dirty  # the text stays in memory
        assert len(screen.session.meeting.private_notes) == NOTE_MAX
