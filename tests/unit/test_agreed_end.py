"""The end agreed with the members: what may be typed, the suggestion, the countdown, the file, the report."""

from __future__ import annotations

import datetime as dt

import pytest

from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.agreed_end import (
    AgreedEndState,
    EndRefused,
    agreed_end_state,
    read_agreed_end,
    state_text,
    suggest_end,
    summary,
)
from homeroom_tui.program.html_report import html_report
from homeroom_tui.program.report import markdown_report
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from tests.conftest import OpenSession

TZ = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2024, 1, 15, 15, 4, 20, tzinfo=TZ)


def at(hour: int, minute: int, day: int = 15) -> dt.datetime:
    return dt.datetime(2024, 1, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("typed", "end"),
    [
        ("15:30", at(15, 30)),
        (" 9:05 ", None),  # 09:05 passed this morning: refused below
        ("15.30", at(15, 30)),  # as Indonesian writes it
        ("+45", at(15, 49)),  # 15:49:20, to the minute
        ("+ 10", at(15, 14)),
        ("+1", at(15, 5)),
        ("00:15", None),  # at 15:04 that is this morning's, passed: refused below
    ],
)
def test_what_may_be_typed(typed: str, end: dt.datetime | None) -> None:
    if typed.strip() in ("9:05", "00:15"):
        with pytest.raises(EndRefused):
            read_agreed_end(typed, NOW)
        return
    assert read_agreed_end(typed, NOW) == end


def test_a_time_after_midnight_is_tomorrow_when_the_meeting_runs_late() -> None:
    late = dt.datetime(2024, 1, 15, 23, 40, tzinfo=TZ)
    assert read_agreed_end("00:15", late) == at(0, 15, day=16)


def test_a_time_more_than_six_hours_ahead_is_the_one_that_passed() -> None:
    with pytest.raises(EndRefused) as refused:
        read_agreed_end("23:50", dt.datetime(2024, 1, 16, 0, 10, tzinfo=TZ))
    assert refused.value.key == "run.agreed_end_past"
    assert read_agreed_end("21:04", NOW) == at(21, 4)  # six hours ahead is still fine
    assert read_agreed_end("+360", NOW) == at(21, 4)


def test_empty_clears() -> None:
    assert read_agreed_end("   ", NOW) is None


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("15:00", "run.agreed_end_past"),
        ("15:04", "run.agreed_end_past"),  # the current minute has begun: not after now
        ("9:05", "run.agreed_end_past"),
        ("+0", "run.agreed_end_zero"),
        ("+361", "run.agreed_end_far"),
        ("00:15", "run.agreed_end_past"),  # this morning's quarter past midnight
        ("soon", "run.agreed_end_invalid"),
        ("45", "run.agreed_end_invalid"),
        ("25:00", "run.agreed_end_invalid"),
        ("15:60", "run.agreed_end_invalid"),
        ("-5", "run.agreed_end_invalid"),
        ("15:30:00", "run.agreed_end_invalid"),
    ],
)
def test_what_is_refused_and_why(typed: str, key: str) -> None:
    with pytest.raises(EndRefused) as refused:
        read_agreed_end(typed, NOW)
    assert refused.value.key == key


def test_refusals_say_what_to_type_in_both_languages() -> None:
    with pytest.raises(EndRefused) as refused:
        read_agreed_end("15:00", NOW)
    assert refused.value.message("en") == "15:00 has already passed (it is 15:04): type a later time, or +minutes."
    assert refused.value.message("id").startswith("15:00 sudah lewat (sekarang 15:04)")
    with pytest.raises(EndRefused) as garbage:
        read_agreed_end("nanti", NOW)
    assert "HH:MM (15:30)" in garbage.value.message("en") and "+45" in garbage.value.message("en")
    assert "JJ:MM (15:30)" in garbage.value.message("id")


def test_the_suggestion_is_rounded_up_to_five_minutes() -> None:
    assert suggest_end(NOW, 70 * 60) == at(16, 15)  # 16:14:20 -> 16:15
    assert suggest_end(at(15, 0), 70 * 60) == at(16, 10)  # already on a multiple of five
    assert suggest_end(at(15, 0), 0) == at(15, 5)  # nothing planned left: at least a minute ahead


def test_the_countdown_in_minutes() -> None:
    state = AgreedEndState(at(15, 30), 11 * 60 + 30)
    assert (state.minutes_left, state.minutes_over, state.over, state.soon) == (12, 0, False, False)
    assert state_text(state, "en") == "ends 15:30 · 12 min left"
    assert state_text(state, "id") == "selesai 15:30 · sisa 12 menit"
    assert AgreedEndState(at(15, 30), 5 * 60).soon
    over = AgreedEndState(at(15, 30), -(4 * 60 + 1))
    assert (over.over, over.minutes_over, over.minutes_left) == (True, 5, 0)
    assert state_text(over, "en") == "5 min over the agreed end (15:30)"
    assert state_text(over, "id") == "lewat 5 menit dari waktu selesai yang disepakati (15:30)"
    assert AgreedEndState(at(15, 30), 0).minutes_left == 0 and not AgreedEndState(at(15, 30), 0).over


def test_state_and_summary_of_a_meeting(sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    assert agreed_end_state(meeting, NOW) is None and summary(meeting) is None
    meeting.agreed_end = at(15, 30)
    state = agreed_end_state(meeting, NOW)
    assert state is not None and state.seconds_left == 25 * 60 + 40
    assert summary(meeting, "en") == "Agreed end 15:30"
    meeting.ended_at = dt.datetime(2024, 1, 15, 15, 34, 10, tzinfo=TZ)
    finished = agreed_end_state(meeting, NOW + dt.timedelta(hours=3))  # a finished meeting: at its end
    assert finished is not None and finished.minutes_over == 5
    assert summary(meeting, "en") == "Agreed end 15:30, ended 15:34"
    assert summary(meeting, "id") == "Selesai disepakati 15:30, berakhir 15:34"


def test_the_session_suggests_records_and_counts_down(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock(at(15, 0))
    session = open_session(sample_group, clock=clock)
    session.start()
    clock.advance(4 * 60)  # 15:04, 6 minutes left of the opening's 10, then 10 + 40 + 10 planned
    assert session.remaining_planned() == (6 + 60) * 60
    assert session.suggested_end() == at(16, 10)
    assert session.set_agreed_end(at(16, 0))
    assert session.dirty and session.save()
    assert store.load_meeting(sample_group, 1).agreed_end == at(16, 0)
    state = session.agreed_end_state()
    assert state is not None and state.minutes_left == 56
    clock.advance(61 * 60)
    state = session.agreed_end_state()
    assert state is not None and state.over and state.minutes_over == 5
    session.set_agreed_end(None)
    session.save()
    assert store.load_meeting(sample_group, 1).agreed_end is None
    assert "agreed_end" not in store.meeting_path(sample_group.id, 1).read_text(encoding="utf-8")


def test_a_finished_meeting_keeps_its_agreed_end(sample_group: Group, open_session: OpenSession) -> None:
    clock = FakeClock(at(15, 0))
    session = open_session(sample_group, clock=clock)
    session.start()
    session.set_agreed_end(at(16, 10))
    assert session.finish(None)
    reopened = open_session(sample_group, 1, clock=clock)
    assert reopened.amending and not reopened.set_agreed_end(None)
    assert reopened.meeting.agreed_end == at(16, 10)


def test_a_version_1_file_without_it_loads(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    store.save_meeting(meeting)
    path = store.meeting_path(sample_group.id, 1)
    path.write_text(
        path.read_text(encoding="utf-8").replace("schema_version = 2", "schema_version = 1"), encoding="utf-8"
    )
    assert store.load_meeting(sample_group, 1).agreed_end is None


def test_the_report_says_it_in_the_meeting_section(sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    meeting.status = "completed"
    meeting.started_at = at(15, 0)
    meeting.agreed_end = at(16, 10)
    meeting.ended_at = at(16, 14)
    english = markdown_report(sample_group, [meeting], lang="en")
    assert "\n### Meeting 1 · 2024-01-15\n\nAgreed end 16:10, ended 16:14\n" in english
    assert "Selesai disepakati 16:10, berakhir 16:14" in markdown_report(sample_group, [meeting], lang="id")
    meeting.agreed_end = None
    assert "Agreed end" not in markdown_report(sample_group, [meeting], lang="en")


def test_the_printable_report_says_it_under_the_meeting(sample_group: Group) -> None:

    meeting = Meeting.new(sample_group, 1)
    meeting.status = "completed"
    meeting.started_at = at(15, 0)
    meeting.agreed_end = at(16, 10)
    meeting.ended_at = at(16, 14)
    assert "</h3>\n<p>Agreed end 16:10, ended 16:14</p>" in html_report(sample_group, [meeting], lang="en")
    assert "<p>Selesai disepakati 16:10, berakhir 16:14</p>" in html_report(sample_group, [meeting], lang="id")
    meeting.agreed_end = None
    assert "Agreed end" not in html_report(sample_group, [meeting], lang="en")
