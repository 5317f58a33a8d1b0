"""Pilot tests of timing that learns: the usual time shown and adopted (u), the remaining stages shortened
to fit (s), and an agreed end ticking the opening's "agree_time" item; checked on screen and on disk."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from homeroom_tui.app import make_app
from homeroom_tui.i18n import Lang
from homeroom_tui.model import STAGE_KEYS, Group, Meeting
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.meeting import AgreedEndDialog, MeetingScreen
from homeroom_tui.store import Store
from tests.tui.helpers import autosave, open_runner, rows, text, tick, wait_for, wait_for_screen, wait_to_leave

WORDS = {
    "en": {
        "opening": "planned 10 · usually 12 · u: adopt",
        "activity": "planned 40 · usually 46 · u: adopt",
        "adopted": "planned 40 +6 · usually 46",
        "adopted_said": "Activity: 46 min, the usual time of this group's 2 earlier meetings (planned 40).",
        "shorten": "s: shorten",
        "shortened": (
            "Shortened to fit before the planned end 16:10 (minutes): Transition 10→8, Activity 40→33, Closing 10→9."
        ),
        "cannot": "The remaining stages cannot fit before the agreed end 15:22",
        "fits": "already fit before the agreed end 16:30",
        "others": "planned 40 · usually 33 · u: adopt",
    },
    "id": {
        "opening": "rencana 10 · biasanya 12 · u: pakai",
        "activity": "rencana 40 · biasanya 46 · u: pakai",
        "adopted": "rencana 40 +6 · biasanya 46",
        "adopted_said": "Tahap kegiatan: 46 menit, waktu biasa dari 2 pertemuan sebelumnya kelompok ini (rencana 40).",
        "shorten": "s: ringkas",
        "shortened": (
            "Diringkas agar muat sampai waktu selesai menurut rencana 16:10 (menit): "
            "Peralihan 10→8, Kegiatan 40→33, Pengakhiran 10→9."
        ),
        "cannot": "Tahap yang tersisa tidak muat sampai waktu selesai yang disepakati 15:22",
        "fits": "sudah muat sampai waktu selesai yang disepakati 16:30",
        "others": "rencana 40 · biasanya 33 · u: pakai",
    },
}


def hold(store: Store, group: Group, number: int, activity_min: float) -> None:
    """Meeting ``number`` of ``group``, completed: opening 12 min, transition and closing 10, activity as told."""
    meeting = Meeting.new(group, number)
    meeting.status = "completed"
    for key, minutes in zip(STAGE_KEYS, (12, 10, activity_min, 10), strict=True):
        meeting.stages[key].actual_seconds = minutes * 60
    store.save_meeting(meeting)


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def one_row(app: object, words: str) -> None:
    """The timing line shows ``words`` on one row, whole (it fits the runner at 80x24)."""
    line = app.screen.query_one("#timing-line", Static)  # type: ignore[attr-defined]
    shown = text(app, "#timing-line")  # type: ignore[arg-type]
    assert words in shown
    assert line.size.height == 1 and cell_len(shown) <= line.size.width


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_the_usual_time_is_shown_and_u_adopts_it(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang
) -> None:
    hold(store, sample_group, 1, 50)
    hold(store, sample_group, 2, 42)
    words = WORDS[lang]
    app = make_app(store.root, clock=clock, lang=lang, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_runner(pilot)
        assert screen.session.meeting.number == 3
        one_row(app, words["opening"])
        await pilot.press("right_square_bracket", "right_square_bracket")
        await tick(pilot, clock, 60)
        one_row(app, words["activity"])

        # typed into an answer, "u" and "s" are text, never the keys
        await pilot.press("enter", *"us", "escape")
        await autosave(pilot)
        saved = store.load_meeting(sample_group, 3)
        assert saved.stages.activity.extended_min == 0
        assert "us" in [a.resolution for a in saved.answers.values()]

        await pilot.press("u")
        await tick(pilot, clock)
        await autosave(pilot)
        stage = store.load_meeting(sample_group, 3).stages.activity
        assert (stage.planned_min, stage.extended_min) == (40, 6)  # the plan and the deviation
        one_row(app, words["adopted"])
        assert "u:" not in text(app, "#timing-line")  # nothing left to adopt
        assert "/46" in text(app, "#stepper")
        assert words["adopted_said"] in notices(app)


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_s_shortens_the_remaining_stages_to_fit(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang
) -> None:
    words = WORDS[lang]
    app = make_app(store.root, clock=clock, lang=lang, bell=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(pilot)
        assert words["shorten"] not in text(app, "#timing-line")  # on plan: no usual time, nothing to shorten
        assert not app.screen.query_one("#timing-line").display
        await tick(pilot, clock, 20 * 60)  # the opening runs 20 of its 10 minutes
        await pilot.press("right_square_bracket")
        await tick(pilot, clock)
        one_row(app, words["shorten"])

        await pilot.press("s")
        await tick(pilot, clock)
        assert words["shortened"] in notices(app)
        assert words["shorten"] not in text(app, "#timing-line")  # it fits the planned end now
        await autosave(pilot)
        stages = store.load_meeting(sample_group, 1).stages
        assert [stages[key].extended_min for key in STAGE_KEYS] == [0, -2, -7, -1]
        assert [stages[key].planned_min for key in STAGE_KEYS] == [10, 10, 40, 10]

        # an agreed end too close for the stages left: said, and nothing changes
        await pilot.press("e")
        await wait_for_screen(pilot, AgreedEndDialog)
        await pilot.press("ctrl+u", *"15:22", "enter")
        await wait_to_leave(pilot, AgreedEndDialog)
        await pilot.press("s")
        await tick(pilot, clock)
        assert any(words["cannot"] in said for said in notices(app))
        await autosave(pilot)
        assert [store.load_meeting(sample_group, 1).stages[key].extended_min for key in STAGE_KEYS] == [0, -2, -7, -1]

        # with room enough, nothing to shorten
        await pilot.press("e")
        await wait_for_screen(pilot, AgreedEndDialog)
        await pilot.press("ctrl+u", *"16:30", "enter")
        await wait_to_leave(pilot, AgreedEndDialog)
        await pilot.press("s")
        await tick(pilot, clock)
        assert any(words["fits"] in said for said in notices(app))


async def test_other_groups_meetings_of_the_number_tell_when_the_group_has_none(
    store: Store, sample_group: Group, clock: FakeClock
) -> None:
    for name, minutes in (("Kelompok B", 30), ("Kelompok C", 36)):
        hold(store, store.create_group(name, ["Xena", "Yudi"]), 1, minutes)
    app = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        await wait_for(pilot, lambda: screen.session.usual_times.complete, "the other groups' meetings read")
        await pilot.press("f4", "right_square_bracket", "right_square_bracket")
        await tick(pilot, clock)
        one_row(app, WORDS["en"]["others"])
        await pilot.press("u")
        await autosave(pilot)
        assert store.load_meeting(sample_group, 1).stages.activity.extended_min == -7
        assert any("meeting 1 in 2 other groups" in said for said in notices(app))


async def test_an_agreed_end_in_the_opening_ticks_agree_time(
    store: Store, sample_group: Group, clock: FakeClock
) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await pilot.press("e")
        await wait_for_screen(pilot, AgreedEndDialog)
        await pilot.press("ctrl+u", *"+70", "enter")
        await wait_to_leave(pilot, AgreedEndDialog)
        assert "agree_time" in store.load_meeting(sample_group, 1).stages.opening.checklist  # saved at once
        await pilot.press("f2")
        await pilot.pause()
        assert rows(app, "#checklist")[5].startswith("☑ 6")
        await pilot.press("6")  # unticking stays possible
        await autosave(pilot)
        assert rows(app, "#checklist")[5].startswith("☐ 6")
        assert "agree_time" not in store.load_meeting(sample_group, 1).stages.opening.checklist


async def test_a_finished_meeting_keeps_its_times(store: Store, sample_group: Group, clock: FakeClock) -> None:
    hold(store, sample_group, 1, 50)
    hold(store, sample_group, 2, 42)
    hold(store, sample_group, 3, 44)
    app = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, MeetingScreen)
        assert screen.session.amending
        await pilot.press("f2", "right_square_bracket", "right_square_bracket")
        await tick(pilot, clock)
        assert text(app, "#timing-line") == "planned 40 · usually 46"  # shown, but no key offered
        await pilot.press("u", "s")
        await autosave(pilot)
        assert "This meeting is finished: its times stay as recorded." in notices(app)
    saved = store.load_meeting(sample_group, 3)
    assert [saved.stages[key].extended_min for key in STAGE_KEYS] == [0, 0, 0, 0]
    assert saved.amended_at is None  # nothing was changed
