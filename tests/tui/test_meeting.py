"""Pilot tests of the meeting runner: whole meetings with keys alone, then the file on disk."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label, Static, TabbedContent, TextArea

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.model import Group, IcebreakerUse, Meeting, Observation
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.meeting import FinishDialog, MeetingScreen
from homeroom_tui.store import Store

TZ = dt.timezone(dt.timedelta(hours=7))


def text(app: HomeroomApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    assert isinstance(widget, (Static, Label))
    return str(widget.render())


def active_panel(app: HomeroomApp) -> str:
    return (app.screen.query_one("#panels", TabbedContent).active or "").removeprefix("pane-")


def rows(app: HomeroomApp, selector: str) -> list[str]:
    from textual.widgets import OptionList

    widget = app.screen.query_one(selector, OptionList)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def grid_rows(app: HomeroomApp) -> list[list[str]]:
    from textual.widgets import DataTable

    grid = app.screen.query_one("#observations", DataTable)
    return [[str(cell).strip() for cell in grid.get_row_at(n)] for n in range(grid.row_count)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=TZ))


@pytest.fixture
def bells(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rung: list[int] = []
    monkeypatch.setattr(HomeroomApp, "bell", lambda self: rung.append(1))
    return rung


async def settle(pilot: Any, clock: FakeClock | None = None, seconds: float = 0) -> None:
    if clock is not None and seconds:
        clock.advance(seconds)
    await pilot.pause(0.3)  # the display refreshes four times a second, from the clock


async def test_whole_meeting_one_with_keys_alone(
    store: Store, sample_group: Group, clock: FakeClock, bells: list[int]
) -> None:
    app = make_app(store.root, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        path = store.meeting_path(sample_group.id, 1)
        assert store.load_meeting(sample_group, 1).status == "in_progress"  # saved at once
        assert active_panel(app) == "attendance"  # meeting 1 opens on attendance

        # attendance: everyone present, then Budi was late (arrived 15:01)
        await settle(pilot, clock, 60)
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
        await settle(pilot, clock, 10 * 60)
        assert text(app, "#countdown-label").startswith("OVERTIME")
        assert bells == [1]
        await settle(pilot, clock, 30)
        assert bells == [1]

        await pilot.press("right_square_bracket")  # next stage: transition
        await settle(pilot)
        saved = store.load_meeting(sample_group, 1)  # saved at once on a stage change
        assert saved.current_stage == "transition"
        assert saved.stages.opening.actual_seconds == 60 + 600 + 30
        assert saved.stages.opening.checklist == ["greeting", "thanks", "counselor_intro"]

        # the ice-breaker from the transition stage
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IcebreakerPicker)
        chosen = app.screen.picker.current
        assert chosen is not None
        await pilot.press("enter", "escape")
        await settle(pilot)
        # the ready round: Enter ticks each member and moves on
        await pilot.press("f3", "enter", "enter", "enter")
        await settle(pilot, clock, 5 * 60)

        await pilot.press("right_square_bracket")  # activity
        await settle(pilot)
        assert active_panel(app) == "round"
        await pilot.press("enter", *"I freeze in groups", "enter", "escape")
        await pilot.press("p")  # pause
        await settle(pilot, clock, 120)
        assert "paused" in text(app, "#countdown-label")
        await pilot.press("p", "plus", "f")  # resume, +1, +5
        await settle(pilot, clock, 60)

        await pilot.press("right_square_bracket")  # closing
        await settle(pilot, clock, 60)
        await pilot.press("enter", *"Glad I came", "enter", "escape")
        await pilot.press("right_square_bracket")  # finish
        await settle(pilot)
        assert isinstance(app.screen, FinishDialog)
        await pilot.press("enter")  # the next meeting on its planned date
        await settle(pilot)
        assert not isinstance(app.screen, MeetingScreen)

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
    store: Store, sample_group: Group, clock: FakeClock
) -> None:
    first = Meeting.new(sample_group, 1)
    first.status = "completed"
    first.attendance = {k: {"status": "present"} for k in ("K1", "K2", "K3")}  # type: ignore[misc]
    first.name_recall = {"K1": ["K2"]}
    first.observations = {"K1": Observation(open_up=2, eye_contact=1)}
    first.icebreaker = IcebreakerUse(id="name-and-snack")
    store.save_meeting(first)
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.session.meeting.number == 2
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
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IcebreakerPicker)
        assert "name-and-snack" not in {i.id for i in app.screen.picker.found.items}
        assert "2 present" in str(app.screen.query_one("#ib-title", Static).render())
        await pilot.press("escape", "q")
        await settle(pilot)

    meeting = store.load_meeting(sample_group, 2)
    assert meeting.status == "in_progress" and meeting.current_stage == "transition"
    assert meeting.attendance["K3"].status == "absent"
    assert meeting.name_recall == {"K1": ["K2"], "K2": []}
    ani = meeting.observations["K1"]
    assert (ani.open_up, ani.join_discussion, ani.confidence, ani.cross_faculty, ani.eye_contact) == (3, 4, 2, 3, 2)
    assert ani.note == "Spoke first"
    assert meeting.observations["K2"].open_up == 1


async def test_resume_after_a_crash_reopens_where_it_was(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot, clock, 100)
        await pilot.press("right_square_bracket", "f2", "1")
        await settle(pilot, clock, 40)
        await pilot.pause(1.2)  # the autosave
    # the process dies here without quitting; the meeting goes on in the room for 5 minutes
    clock.advance(300)
    clock.mono = 7.0
    again = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, None))
    async with again.run_test(size=(100, 32)) as pilot:
        for _ in range(100):  # the runner opens after the first frame; on a busy machine that takes a while
            if (
                isinstance(again.screen, MeetingScreen)
                and again.screen.query("#checklist")
                and rows(again, "#checklist")
            ):
                break
            await pilot.pause(0.05)
        screen = again.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.session.stage == "transition"
        assert rows(again, "#checklist")[0].startswith("☑ 1")
        assert screen.session.current_clock.elapsed == pytest.approx(340, abs=1)
        assert "▶ Transition 05:40/10" in text(again, "#stepper")


async def test_failed_save_is_shown_kept_and_retried(
    store: Store, sample_group: Group, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        real_save = Store.save_meeting

        def disk_full(self: Store, meeting: Meeting) -> Path:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Store, "save_meeting", disk_full)
        await pilot.press("f7", *"Important", "escape")
        await pilot.pause(1.3)
        assert "NOT SAVED: the disk is full" in text(app, "#save-line")
        monkeypatch.setattr(Store, "save_meeting", real_save)
        await pilot.pause(1.3)
        assert "saved" in text(app, "#save-line") and "NOT" not in text(app, "#save-line")
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "Important"


async def test_signal_and_suspend_handlers_save_first(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("f7", *"Typed just now")
        app._on_signal()  # what SIGTERM and SIGHUP do
        await pilot.pause()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "Typed just now"


async def test_help_and_palette(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Go to the next stage" in shown
        await pilot.press("escape", "ctrl+p", *"Next stage")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.session.stage == "transition"


async def test_runner_in_indonesian(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, lang="id", bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        assert "▶ Awal" in text(app, "#stepper")
        assert "tersisa" in text(app, "#countdown-label")
        await pilot.press("f3")
        assert "Perkenalkan dirimu" in text(app, "#round-prompt")


async def test_stage_notes_follow_the_stage(store: Store, sample_group: Group, clock: FakeClock) -> None:
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("f7", *"opening words", "escape", "right_square_bracket", "f7")
        area = app.screen.query_one("#stage-notes", TextArea)
        assert area.text == ""
        await pilot.press(*"transition words", "escape", "left_square_bracket", "f7")
        assert app.screen.query_one("#stage-notes", TextArea).text == "opening words"
        await pilot.press("escape", "q")
        await settle(pilot)
    meeting = store.load_meeting(sample_group, 1)
    assert (meeting.stages.opening.notes, meeting.stages.transition.notes) == ("opening words", "transition words")


async def test_display_is_right_after_the_loop_was_blocked(store: Store, sample_group: Group) -> None:
    """The real clock: block the event loop for 3 s; the next refresh shows the 3 s gone."""
    import time

    from textual.widgets import Digits

    app = make_app(store.root, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        before = screen.session.current_clock.elapsed
        app.call_later(lambda: time.sleep(3))  # the loop is stuck: no refresh, no tick, for three seconds
        await pilot.pause(0.6)
        elapsed = screen.session.current_clock.elapsed - before
        assert elapsed >= 3
        shown = app.screen.query_one("#countdown", Digits).value
        left = 600 - screen.session.current_clock.elapsed
        assert shown in {f"{int(left + d) // 60:02d}:{int(left + d) % 60:02d}" for d in (-1, 0, 1)}
        assert shown <= "09:57"


async def test_ctrl_z_and_quit_save_first(
    store: Store, sample_group: Group, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    suspended: list[bool] = []
    monkeypatch.setattr(HomeroomApp, "action_suspend_process", lambda self: suspended.append(True))
    app = make_app(store.root, clock=clock, bell=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("f7", *"before suspend", "ctrl+z")
        assert suspended == [True]
        assert store.load_meeting(sample_group, 1).stages.opening.notes == "before suspend"
        await pilot.press(*" and before quit", "ctrl+q")
        await pilot.pause()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "before suspend and before quit"
