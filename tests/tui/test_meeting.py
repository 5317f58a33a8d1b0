"""Pilot tests of the meeting runner: whole meetings with keys alone, then the file on disk."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Digits, Static, TabbedContent, TextArea

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import Attendance, Group, IcebreakerUse, Meeting, Observation
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.meeting import FinishDialog, MeetingScreen
from homeroom_tui.store import Store
from tests.tui.helpers import (
    TZ,
    autosave,
    open_runner,
    rows,
    text,
    tick,
    wait_for,
    wait_for_screen,
    wait_to_leave,
)


def active_panel(app: HomeroomApp) -> str:
    return (app.screen.query_one("#panels", TabbedContent).active or "").removeprefix("pane-")


def grid_rows(app: HomeroomApp) -> list[list[str]]:
    from textual.widgets import DataTable

    grid = app.screen.query_one("#observations", DataTable)
    return [[str(cell).strip() for cell in grid.get_row_at(n)] for n in range(grid.row_count)]


async def test_whole_meeting_one_with_keys_alone(
    store: Store, sample_group: Group, clock: FakeClock, bells: list[int]
) -> None:
    app = make_app(store.root, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        path = store.meeting_path(sample_group.id, 1)
        assert store.load_meeting(sample_group, 1).status == "in_progress"  # saved at once
        assert active_panel(app) == "attendance"  # meeting 1 opens on attendance

        # attendance: everyone present, then Budi was late (arrived 15:01)
        await tick(pilot, clock, 60)
        await pilot.press("a", "down", "space")
        assert "late" in rows(app, "#attendance")[1] and "15:01" in rows(app, "#attendance")[1]

        # checklist: tick the first three items with number keys
        await pilot.press("f2", "1", "2", "3")
        assert rows(app, "#checklist")[0].startswith("☑ 1") and rows(app, "#checklist")[3].startswith("☐ 4")

        # the round: everyone introduces themself; Enter types, Enter saves and moves on
        await pilot.press("f3", "enter", *"Saya Ani", "enter")
        await pilot.press(*"Budi here", "enter", *"Citra", "enter", "escape")
        assert "Everyone present has had a turn." in text(app, "#round-waiting")

        # notes: stage notes, then Tab to the private notes
        await pilot.press("f7", *"Warm start.", "tab", *"Budi seems tired.", "escape")

        # overtime: the countdown keeps counting in red and the bell rings once
        await tick(pilot, clock, 10 * 60)
        assert text(app, "#countdown-label").startswith("OVERTIME")
        assert bells == [1]
        await tick(pilot, clock, 30)
        assert bells == [1]

        await pilot.press("right_square_bracket")  # next stage: transition
        await pilot.pause()
        saved = store.load_meeting(sample_group, 1)  # saved at once on a stage change
        assert saved.current_stage == "transition"
        assert saved.stages.opening.actual_seconds == 60 + 600 + 30
        assert saved.stages.opening.checklist == ["greeting", "thanks", "counselor_intro"]

        # the ice-breaker from the transition stage
        await pilot.press("i")
        picker = await wait_for_screen(pilot, IcebreakerPicker)
        chosen = picker.picker.current
        assert chosen is not None
        await pilot.press("enter", "escape")
        await wait_for_screen(pilot, MeetingScreen)
        # the ready round: Enter ticks each member and moves on
        await pilot.press("f3", "enter", "enter", "enter")
        await tick(pilot, clock, 5 * 60)

        await pilot.press("right_square_bracket")  # activity
        await pilot.pause()
        assert active_panel(app) == "round"
        await pilot.press("enter", *"I freeze in groups", "enter", "escape")
        await pilot.press("p")  # pause
        await tick(pilot, clock, 120)
        assert "paused" in text(app, "#countdown-label")
        await pilot.press("p", "plus", "f")  # resume, +1, +5
        await tick(pilot, clock, 60)

        await pilot.press("right_square_bracket")  # closing
        await tick(pilot, clock, 60)
        await pilot.press("enter", *"Glad I came", "enter", "escape")
        await pilot.press("right_square_bracket")  # finish
        await wait_for_screen(pilot, FinishDialog)
        await pilot.press("enter")  # the next meeting on its planned date
        await wait_to_leave(pilot, FinishDialog)
        await wait_to_leave(pilot, MeetingScreen)

    meeting = store.load_meeting(sample_group, 1)
    assert meeting.status == "completed"
    assert meeting.started_at == dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ)
    assert meeting.ended_at is not None and meeting.ended_at > meeting.started_at
    assert meeting.attendance["K1"].status == "present"
    assert meeting.attendance["K2"].status == "late" and meeting.attendance["K2"].arrived_at == dt.time(15, 1)
    assert meeting.answers["K1"].checkin == "Saya Ani"
    assert meeting.answers["K3"].checkin == "Citra"
    assert meeting.stages.opening.round_done == ["K1", "K2", "K3"]
    assert [meeting.answers[k].ready for k in ("K1", "K2", "K3")] == [True, True, True]
    assert meeting.answers["K1"].problem == "I freeze in groups"
    assert meeting.answers["K1"].impression == "Glad I came"
    assert meeting.icebreaker == IcebreakerUse(id=chosen.id)
    assert meeting.stages.opening.notes == "Warm start."
    assert meeting.private_notes == "Budi seems tired."
    activity = meeting.stages.activity
    assert activity.extended_min == 6
    assert activity.actual_seconds == 60  # the two paused minutes do not count
    assert all(meeting.stages[k].resumed_at is None for k in ("opening", "transition", "activity", "closing"))
    assert meeting.stages.closing.ended_at == meeting.ended_at
    following = store.load_meeting(sample_group, 2)
    assert following.status == "planned" and following.date == dt.date(2024, 1, 22)
    assert path.stat().st_mode & 0o777 == 0o600


async def test_whole_meeting_two_with_recall_and_observations(
    store: Store, sample_group: Group, app: HomeroomApp, held: Callable[..., Meeting]
) -> None:
    held(
        sample_group,
        1,
        attendance={k: Attendance(status="present") for k in ("K1", "K2", "K3")},
        name_recall={"K1": ["K2"]},
        observations={"K1": Observation(open_up=2, eye_contact=1)},
        icebreaker=IcebreakerUse(id="name-and-snack"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_runner(pilot)
        assert screen.session.meeting.number == 2
        # attendance first: Citra is absent (present -> late -> excused -> absent)
        await pilot.press("f4", "a", "end", "space", "space", "space")
        assert "absent" in rows(app, "#attendance")[2]

        # name recall: meeting 2's exercise. Ani names everyone present (only Budi), Budi names nobody
        await pilot.press("f5")
        assert "Recalling: Ani" in text(app, "#recall-who")
        assert [r[4:] for r in rows(app, "#recall")] == ["K2  Budi"]  # absent Citra is not listed
        await pilot.press("a")
        assert "Ani named 1/1 (100%)" in text(app, "#recall-score")
        # the change is of the share, in percentage points: 1/2 then 1/1 is +50 pp, not "+0" names
        assert "Last time (meeting 1): 1/2 (50%) · change +50 pp" in text(app, "#recall-score")
        await pilot.press("right")
        assert "Recalling: Budi" in text(app, "#recall-who")
        await pilot.press("1", "n")
        assert "Budi named 0/1 (0%)" in text(app, "#recall-score")
        assert "Group: 1/2 names (50%)" in text(app, "#recall-score")

        # the check-in round greys out the absent member
        await pilot.press("f3")
        assert "(absent)" in rows(app, "#round")[2]
        assert "Not had a turn yet: Ani, Budi" in text(app, "#round-waiting")

        # observations: one grid of the members taking part, last meeting's values beside
        await pilot.press("f6")
        assert grid_rows(app) == [
            ["K1  Ani", "? (2)", "?", "?", "?", "? (1)", ""],
            ["K2  Budi", "?", "?", "?", "?", "?", ""],
        ]
        await pilot.press("3", "4", "2", "3", "2")  # Ani's row, left to right; then the cursor is on Budi's row
        await pilot.press("up", "enter", *"Spoke first", "enter", "down", "1")
        assert grid_rows(app)[0] == ["K1  Ani", "3 (2)", "4", "2", "3", "2 (1)", "✎"]
        assert grid_rows(app)[1][1] == "1"

        # the ice-breaker done in meeting 1 is not offered again
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("i")
        picker = await wait_for_screen(pilot, IcebreakerPicker)
        assert "name-and-snack" not in {i.id for i in picker.picker.found.items}
        assert "2 present" in str(picker.query_one("#ib-title", Static).render())
        await pilot.press("escape", "q")
        await wait_to_leave(pilot, MeetingScreen)

    meeting = store.load_meeting(sample_group, 2)
    assert meeting.status == "in_progress" and meeting.current_stage == "transition"
    assert meeting.attendance["K3"].status == "absent"
    assert meeting.name_recall == {"K1": ["K2"], "K2": []}
    ani = meeting.observations["K1"]
    assert (ani.open_up, ani.join_discussion, ani.confidence, ani.cross_faculty, ani.eye_contact) == (3, 4, 2, 3, 2)
    assert ani.note == "Spoke first"
    assert meeting.observations["K2"].open_up == 1


async def test_resume_after_a_crash_reopens_where_it_was(
    store: Store, sample_group: Group, clock: FakeClock, app: HomeroomApp
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await tick(pilot, clock, 100)
        await pilot.press("right_square_bracket", "f2", "1")
        await tick(pilot, clock, 40)
        await autosave(pilot)
    # the process dies here without quitting; the meeting goes on in the room for 5 minutes
    clock.advance(300)
    clock.mono = 7.0
    again = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, None))
    async with again.run_test(size=(100, 32)) as pilot:
        await wait_for(  # the runner opens after the first frame
            pilot,
            lambda: (
                isinstance(again.screen, MeetingScreen)
                and again.screen.query("#checklist")
                and rows(again, "#checklist")
            ),
            "the runner reopened on its checklist",
        )
        screen = again.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.session.stage == "transition"
        assert rows(again, "#checklist")[0].startswith("☑ 1")
        assert screen.session.current_clock.elapsed == pytest.approx(340, abs=1)
        assert "▶ Transition 05:40/10" in text(again, "#stepper")


async def test_failed_save_is_shown_kept_and_retried(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, app: HomeroomApp
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        real_save = Store.save_meeting

        def disk_full(self: Store, meeting: Meeting) -> Path:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Store, "save_meeting", disk_full)
        await pilot.press("f7", *"Important", "escape")
        await autosave(pilot)
        assert "NOT SAVED: the disk is full" in text(app, "#save-line")
        monkeypatch.setattr(Store, "save_meeting", real_save)
        await autosave(pilot)  # the timer tries again each second
        assert "saved" in text(app, "#save-line") and "NOT" not in text(app, "#save-line")
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "Important"


async def test_signal_and_suspend_handlers_save_first(store: Store, sample_group: Group, app: HomeroomApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await pilot.press("f7", *"Typed just now")
        app._on_signal()  # what SIGTERM and SIGHUP do
        await pilot.pause()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "Typed just now"


async def test_help_and_palette(store: Store, sample_group: Group, app: HomeroomApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await pilot.press("f1")
        await wait_for(
            pilot,
            lambda: "Go to the next stage" in "\n".join(s.text for s in app.screen._compositor.render_strips()),
            "the help listing the runner's keys",
        )
        await pilot.press("escape", "ctrl+p", *"Next stage")
        await wait_for(
            pilot,
            lambda: app.screen.query(CommandList) and app.screen.query_one(CommandList).option_count,
            "the palette to find the command",
        )
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, MeetingScreen) and app.screen.session.stage == "transition",
            "the palette's command to move to the next stage",
        )


async def test_runner_in_indonesian(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, lang="id", bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        assert "▶ Awal" in text(app, "#stepper")
        assert "tersisa" in text(app, "#countdown-label")
        await pilot.press("f3")
        assert "Perkenalkan dirimu" in text(app, "#round-prompt")


async def test_stage_notes_follow_the_stage(store: Store, sample_group: Group, app: HomeroomApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await pilot.press("f7", *"opening words", "escape", "right_square_bracket", "f7")
        area = app.screen.query_one("#stage-notes", TextArea)
        assert area.text == ""
        await pilot.press(*"transition words", "escape", "left_square_bracket", "f7")
        assert app.screen.query_one("#stage-notes", TextArea).text == "opening words"
        await pilot.press("escape", "q")
        await wait_to_leave(pilot, MeetingScreen)
    meeting = store.load_meeting(sample_group, 1)
    assert (meeting.stages.opening.notes, meeting.stages.transition.notes) == ("opening words", "transition words")


async def test_display_is_right_after_the_loop_was_blocked(store: Store, sample_group: Group) -> None:
    """The real clock: block the event loop for 3 s; the next refresh shows the 3 s gone.

    The one test of the runner on real time: the three seconds the loop is blocked are the behaviour
    under test (the display is derived from the clock, never from a count of ticks).
    """
    import time

    app = make_app(store.root, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_runner(pilot)
        before = screen.session.current_clock.elapsed
        digits = app.screen.query_one("#countdown", Digits)
        app.call_later(lambda: time.sleep(3))  # the loop is stuck: no refresh, no tick, for three seconds

        def caught_up() -> bool:
            left = 600 - screen.session.current_clock.elapsed
            near = {f"{int(left + d) // 60:02d}:{int(left + d) % 60:02d}" for d in (-1, 0, 1)}
            return screen.session.current_clock.elapsed - before >= 3 and digits.value in near

        await wait_for(pilot, caught_up, "a refresh after the blocked loop showing the three seconds gone")
        shown = digits.value
        assert shown <= "09:57"


async def test_ctrl_z_and_quit_save_first(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, app: HomeroomApp
) -> None:
    suspended: list[bool] = []
    monkeypatch.setattr(HomeroomApp, "action_suspend_process", lambda self: suspended.append(True))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_runner(pilot)
        await pilot.press("f7", *"before suspend", "ctrl+z")
        assert suspended == [True]
        assert store.load_meeting(sample_group, 1).stages.opening.notes == "before suspend"
        await pilot.press(*" and before quit", "ctrl+q")
        await pilot.pause()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "before suspend and before quit"
