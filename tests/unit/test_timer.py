"""Stage clocks with a fake clock: pause, extend, overtime, a blocked loop, resume after a crash."""

import datetime as dt

from homeroom_tui.model import Stage
from homeroom_tui.program.timer import FakeClock, StageClock, clock_text


def started(planned_min: int = 10, clock: FakeClock | None = None) -> tuple[FakeClock, Stage, StageClock]:
    """A stage of ``planned_min`` minutes whose clock has just been started on ``clock`` (a new fake one)."""
    clock = clock or FakeClock()
    stage = Stage(planned_min=planned_min)
    timer = StageClock(stage, clock)
    timer.start()
    return clock, stage, timer


def test_counts_down_and_keeps_counting_into_overtime() -> None:
    clock, stage, timer = started()
    assert stage.started_at == clock.now() and stage.resumed_at == clock.now()
    clock.advance(7 * 60)
    assert timer.remaining == 180 and timer.level() == "normal"
    clock.advance(60 + 1)
    assert timer.level() == "warning"  # 20% left
    clock.advance(90)
    assert timer.level() == "danger"  # under 5% left
    clock.advance(60)
    assert timer.elapsed == 7 * 60 + 61 + 90 + 60
    assert timer.remaining == 600 - (7 * 60 + 61 + 90 + 60) < 0
    assert timer.level() == "overtime"


def test_pause_excludes_time_and_resume_continues() -> None:
    clock, stage, timer = started()
    clock.advance(120)
    timer.pause()
    assert stage.actual_seconds == 120 and stage.resumed_at is None
    assert timer.level() == "paused"
    clock.advance(300)
    assert timer.elapsed == 120
    timer.start()
    clock.advance(30)
    assert timer.elapsed == 150
    assert timer.remaining == 450


def test_extend_and_shorten() -> None:
    _, stage, timer = started()
    timer.extend(5)
    timer.extend(1)
    assert stage.extended_min == 6 and timer.limit == 16 * 60
    timer.extend(-1)
    assert timer.remaining == 15 * 60
    timer.extend(-100)
    assert timer.limit == 60  # never below one minute
    assert stage.planned_min == 10  # the plan itself is kept for the report


def test_blocked_event_loop_is_right_on_the_next_refresh() -> None:
    """Nothing counts ticks: three seconds without any refresh still show as three seconds."""
    clock, _, timer = started(planned_min=1)
    clock.advance(3)  # the loop was blocked; no tick happened
    assert timer.remaining == 57


def test_resume_after_a_crash_counts_the_time_the_laptop_was_dead() -> None:
    clock, stage, timer = started()
    clock.advance(100)
    timer.checkpoint()  # an autosave
    assert stage.actual_seconds == 100 and stage.resumed_at == clock.now()
    saved = Stage.model_validate(stage.model_dump())
    clock.advance(50)  # the app is killed here; the meeting goes on in the room
    clock.mono = 5.0  # a new process: its monotonic clock has nothing to do with the old one
    again = StageClock(saved, clock)
    assert again.running
    assert again.elapsed == 150


def test_paused_stage_stays_paused_after_restart() -> None:
    clock, stage, timer = started()
    clock.advance(40)
    timer.pause()
    clock.advance(1000)
    again = StageClock(Stage.model_validate(stage.model_dump()), clock)
    assert not again.running and again.elapsed == 40


def test_stop_records_when_the_stage_was_left() -> None:
    clock, stage, timer = started(
        clock=FakeClock(dt.datetime(2024, 1, 15, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    )
    clock.advance(65)
    timer.stop()
    assert stage.ended_at == dt.datetime(2024, 1, 15, 15, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert stage.actual_seconds == 65


def test_clock_text() -> None:
    assert clock_text(65) == "01:05"
    assert clock_text(-65) == "01:05"
    assert clock_text(3725) == "1:02:05"
