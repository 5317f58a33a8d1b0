"""Pilot tests of the agreed end: typed in the opening stage with keys, shown in the header, saved in the file."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from homeroom_tui.app import make_app
from homeroom_tui.i18n import Lang, set_language
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.agenda import load_agenda
from homeroom_tui.program.icebreakers import load_library
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.meeting import AgreedEndDialog, MeetingScreen
from homeroom_tui.screens.review.detail import meeting_detail
from homeroom_tui.store import Store
from tests.tui.helpers import TZ, open_runner, text, tick, wait_for_screen, wait_to_leave

WORDS = {
    "en": {
        "left": "ends 16:15 · 70 min left",
        "left_later": "ends 16:15 · 12 min left",
        "over": "5 min over the agreed end (16:15)",
        "past": "15:00 has already passed (it is 15:05)",
        "zero": "+0 is now",
        "garbage": "Not a time: type HH:MM (15:30)",
        "changed": "ends 16:30 · 11 min left",
    },
    "id": {
        "left": "selesai 16:15 · sisa 70 menit",
        "left_later": "selesai 16:15 · sisa 12 menit",
        "over": "lewat 5 menit dari waktu selesai yang disepakati (16:15)",
        "past": "15:00 sudah lewat (sekarang 15:05)",
        "zero": "+0 berarti sekarang",
        "garbage": "Bukan waktu: ketik JJ:MM (15:30)",
        "changed": "selesai 16:30 · sisa 11 menit",
    },
}


async def type_end(pilot: object, typed: str) -> AgreedEndDialog:
    """Press ``e``, replace what the dialog offers with ``typed`` and press Enter."""
    await pilot.press("e")  # type: ignore[attr-defined]
    dialog = await wait_for_screen(pilot, AgreedEndDialog)
    await pilot.press("ctrl+u", *typed, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return dialog


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_agreed_end_with_keys_header_and_file(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang
) -> None:
    app = make_app(store.root, clock=clock, lang=lang, bell=False)
    words = WORDS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        assert "16:" not in text(app, "#meeting-line")  # nothing agreed yet: nothing shown
        await tick(pilot, clock, 5 * 60)  # 15:05: 5 of the opening's 10 minutes left, then 60 planned

        # the dialog offers now + the planned minutes left, rounded up to five: 16:10
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, AgreedEndDialog)
        assert dialog.query_one("#agreed-end-input", Input).value == "16:10"

        # refused with a clear message, the dialog stays open and nothing is saved
        for typed, said in (("15:00", words["past"]), ("+0", words["zero"]), ("soon!", words["garbage"])):
            await pilot.press("ctrl+u", *typed, "enter")
            await pilot.pause()
            assert app.screen is dialog
            assert said in text(app, "#agreed-end-error")
        assert store.load_meeting(sample_group, 1).agreed_end is None

        # +70 from 15:05 is 16:15: saved at once, and the header counts down to it
        await pilot.press("ctrl+u", *"+70", "enter")
        await wait_to_leave(pilot, AgreedEndDialog)
        assert store.load_meeting(sample_group, 1).agreed_end == dt.datetime(2024, 1, 15, 16, 15, tzinfo=TZ)
        assert words["left"] in text(app, "#meeting-line")

        # later in the meeting the header still counts; past the end it says so in words
        await pilot.press("right_square_bracket")
        await tick(pilot, clock, 58 * 60)  # 16:03
        assert words["left_later"] in text(app, "#meeting-line")
        await tick(pilot, clock, 16 * 60 + 30)  # 16:19:30
        assert words["over"] in text(app, "#meeting-line")

        # the same key changes it (the dialog shows the one agreed) ...
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, AgreedEndDialog)
        assert dialog.query_one("#agreed-end-input", Input).value == "16:15"
        await pilot.press("escape")  # Esc changes nothing
        await wait_to_leave(pilot, AgreedEndDialog)
        await type_end(pilot, "16.30")  # as Indonesian writes it; 10 min 30 s from 16:19:30
        await wait_to_leave(pilot, AgreedEndDialog)
        await tick(pilot, clock)
        assert words["changed"] in text(app, "#meeting-line")
        assert store.load_meeting(sample_group, 1).agreed_end == dt.datetime(2024, 1, 15, 16, 30, tzinfo=TZ)

        # ... and clears it with an empty field
        await type_end(pilot, "")
        await wait_to_leave(pilot, AgreedEndDialog)
        assert store.load_meeting(sample_group, 1).agreed_end is None
        assert "agreed_end" not in store.meeting_path(sample_group.id, 1).read_text(encoding="utf-8")
        assert "16:30" not in text(app, "#meeting-line")
        assert isinstance(app.screen, MeetingScreen)


async def test_a_finished_meeting_shows_it_and_keeps_it(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await type_end(pilot, "16:10")
        await wait_to_leave(pilot, AgreedEndDialog)
        meeting = store.load_meeting(sample_group, 1)
        meeting.status = "completed"
        meeting.ended_at = dt.datetime(2024, 1, 15, 16, 14, tzinfo=TZ)
        store.save_meeting(meeting)
    app = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, 1))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        assert screen.session.amending
        await pilot.pause()
        assert "Agreed end 16:10, ended 16:14" in text(app, "#meeting-line")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)  # no dialog: the record stays
        assert any("stays as recorded" in str(n.message) for n in app._notifications)
    assert store.load_meeting(sample_group, 1).agreed_end == dt.datetime(2024, 1, 15, 16, 10, tzinfo=TZ)


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Agreed end 16:10, ended 16:14"), ("id", "Selesai disepakati 16:10, berakhir 16:14")]
)
def test_the_review_detail_shows_it(store: Store, sample_group: Group, lang: Lang, said: str) -> None:
    set_language(lang)
    try:
        meeting = Meeting.new(sample_group, 1)
        meeting.status = "completed"
        meeting.ended_at = dt.datetime(2024, 1, 15, 16, 14, tzinfo=TZ)
        agenda, library = load_agenda(store.root), load_library()
        assert said not in meeting_detail(sample_group, meeting, agenda, library).plain
        meeting.agreed_end = dt.datetime(2024, 1, 15, 16, 10, tzinfo=TZ)
        assert said in meeting_detail(sample_group, meeting, agenda, library).plain.splitlines()[:3]
    finally:
        set_language("en")
