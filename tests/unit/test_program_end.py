"""schema_version 2, the date held, the end of a program and meetings opened by mistake (no Textual)."""

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from homeroom_tui.cli import main
from homeroom_tui.i18n import set_language
from homeroom_tui.i18n.numbers import number
from homeroom_tui.model import Group, IcebreakerUse, Meeting
from homeroom_tui.program.program_end import add_meeting, beyond_program, entered, is_empty
from homeroom_tui.program.progress import progress, scheduled_date
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import DamagedFile, Store
from homeroom_tui.store.retention import plan_purge
from tests.conftest import OpenSession

TZ = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date, hour: int = 15) -> FakeClock:
    return FakeClock(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ))


def hold(open_session: OpenSession, group: Group, day: dt.date, next_date: dt.date | None = None) -> MeetingSession:
    """Start the group's next meeting on ``day`` and finish it (agreeing ``next_date`` if given)."""
    run = open_session(group, clock=at(day))
    run.start()
    run.set_stage_notes("held")
    assert run.finish(next_date or run.next_meeting_date())
    return run


# --- schema_version 2 ---------------------------------------------------------------------------


def test_a_version_1_file_loads_as_it_is_and_is_written_as_2_only_when_saved(store: Store, sample_group: Group) -> None:
    path = store.meeting_path(sample_group.id, 1)
    store.save_meeting(Meeting.new(sample_group, 1))
    v1 = path.read_text().replace("schema_version = 2", "schema_version = 1")
    path.write_text(v1)
    store.group_path(sample_group.id).write_text(
        store.group_path(sample_group.id).read_text().replace("schema_version = 2", "schema_version = 1")
    )
    fresh = Store(store.root)
    group = fresh.load_group(sample_group.id)
    meeting = fresh.load_meeting(group, 1)
    assert meeting.schema_version == 1 and meeting.planned_date is None
    assert meeting.scheduled_date == meeting.date == dt.date(2024, 1, 15)
    fresh.load_all()
    assert path.read_text() == v1  # reading never rewrites
    fresh.save_meeting(meeting)
    assert "schema_version = 2" in path.read_text()
    assert "schema_version = 1" in fresh.group_path(group.id).read_text()  # not saved, not changed


@pytest.mark.parametrize("kind", ["group", "meeting"])
def test_a_file_from_a_newer_homeroom_is_named_and_never_overwritten(
    store: Store, sample_group: Group, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = Meeting.new(sample_group, 1)
    store.save_meeting(meeting)
    path = store.group_path(sample_group.id) if kind == "group" else store.meeting_path(sample_group.id, 1)
    newer = path.read_text().replace("schema_version = 2", "schema_version = 3")
    path.write_text(newer)
    with pytest.raises(DamagedFile) as info:
        Store(store.root).load_group(sample_group.id) if kind == "group" else store.load_meeting(sample_group, 1)
    problem = info.value.problems[0]
    assert problem.path == path and problem.where == "schema_version"
    assert "written by a newer homeroom" in problem.reason and "update homeroom to open it" in problem.reason
    with pytest.raises(DamagedFile):  # the store that wrote version 2 sees the file changed
        store.save_group(sample_group) if kind == "group" else store.save_meeting(meeting)
    assert path.read_text() == newer
    assert main(["--data-dir", str(store.root), "check"]) == 1
    out = capsys.readouterr().out
    assert f"{path}: schema_version: written by a newer homeroom" in out
    assert "Traceback" not in out


def test_purge_keeps_a_newer_file(store: Store, sample_group: Group) -> None:
    store.save_meeting(Meeting.new(sample_group, 1))
    path = store.meeting_path(sample_group.id, 1)
    path.write_text(path.read_text().replace("schema_version = 2", "schema_version = 7"))
    plan = plan_purge(store, dt.date(2030, 1, 1))
    assert plan.files == [] and plan.kept_damaged[0].path == path


# --- the date held --------------------------------------------------------------------------------


def test_starting_a_meeting_sets_the_day_held_and_keeps_the_plan(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    run = open_session(sample_group, clock=at(dt.date(2024, 1, 17)))
    assert run.meeting.date == dt.date(2024, 1, 15) and run.meeting.planned_date is None
    run.start()
    assert run.save()
    saved = store.load_meeting(sample_group, 1)
    assert saved.date == dt.date(2024, 1, 17) and saved.planned_date == dt.date(2024, 1, 15)
    assert "planned_date = 2024-01-15" in store.meeting_path(sample_group.id, 1).read_text()


def test_a_meeting_held_late_does_not_move_later_plans(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    run = hold(open_session, sample_group, dt.date(2024, 1, 18))  # planned 15 Jan, held three days late
    assert run.next_meeting_date() == dt.date(2024, 1, 22)  # the schedule, not 18 + 7
    meetings, _ = store.load_meetings(sample_group)
    assert progress(sample_group, meetings).next_date == dt.date(2024, 1, 22)
    assert scheduled_date(sample_group, meetings, 4) == dt.date(2024, 2, 5)


def test_a_next_date_agreed_at_the_finish_is_kept(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    hold(open_session, sample_group, dt.date(2024, 1, 15), next_date=dt.date(2024, 1, 24))
    meetings, _ = store.load_meetings(sample_group)
    assert progress(sample_group, meetings).next_date == dt.date(2024, 1, 24)
    run = open_session(sample_group, clock=at(dt.date(2024, 1, 24)))
    assert run.meeting.number == 2 and run.meeting.date == dt.date(2024, 1, 24)
    run.start()
    assert run.meeting.planned_date == dt.date(2024, 1, 24)
    assert run.next_meeting_date() == dt.date(2024, 1, 29)  # the group's schedule again


def test_without_a_first_date_the_plan_follows_the_planned_days(store: Store, open_session: OpenSession) -> None:
    group = store.create_group("No dates", ["A", "B"], today=dt.date(2024, 3, 1))
    first = open_session(group, clock=at(dt.date(2024, 3, 4)))
    first.meeting.date = dt.date(2024, 3, 4)  # planned for the 4th (Meeting.new took today)
    first.start()
    clock = first.clock
    assert isinstance(clock, FakeClock)
    clock.advance(3 * 3600)  # finished in the evening: held on the 4th
    assert first.next_meeting_date() == dt.date(2024, 3, 11)
    assert first.finish(dt.date(2024, 3, 11))
    second = open_session(group, clock=at(dt.date(2024, 3, 13)))
    second.start()  # held two days late
    assert second.meeting.date == dt.date(2024, 3, 13) and second.meeting.planned_date == dt.date(2024, 3, 11)
    meetings = [*second.earlier, second.meeting]
    assert scheduled_date(group, meetings, 3) == dt.date(2024, 3, 18)  # from the plan, not 13 + 7
    assert second.next_meeting_date() == dt.date(2024, 3, 18)


def test_correcting_the_date_held_and_purge_uses_it(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    run = hold(open_session, sample_group, dt.date(2024, 1, 15))
    amend = open_session(sample_group, clock=at(dt.date(2024, 2, 1)), number=1)
    assert amend.amending
    amend.set_date_held(dt.date(2024, 1, 16))
    assert amend.save()
    saved = store.load_meeting(sample_group, 1)
    assert saved.date == dt.date(2024, 1, 16) and saved.planned_date == dt.date(2024, 1, 15)
    assert saved.amended_at is not None
    assert run.meeting.number == 1
    assert plan_purge(store, dt.date(2024, 1, 16)).files == []  # held on the 16th, not before it
    assert plan_purge(store, dt.date(2024, 1, 17)).files == [store.meeting_path(sample_group.id, 1)]


# --- the end of the program -----------------------------------------------------------------------


def test_a_complete_program_asks_before_adding_a_meeting(store: Store, open_session: OpenSession) -> None:
    group = store.create_group("Two", ["A", "B"], meetings_planned=2, first_meeting=dt.date(2024, 1, 15))
    assert beyond_program(store, group) is None
    hold(open_session, group, dt.date(2024, 1, 15))
    assert beyond_program(store, group) is None  # meeting 2 is planned
    early = beyond_program(store, group, 5)  # a number past the plan, asked for by hand
    assert early is not None and (early.planned, early.number, early.finished) == (2, 5, False)
    hold(open_session, group, dt.date(2024, 1, 22))
    beyond = beyond_program(store, group)
    assert beyond is not None and (beyond.planned, beyond.number, beyond.finished) == (2, 3, True)
    assert beyond_program(store, group, 2) is None  # a held meeting reopens as it is
    raised = add_meeting(store, group, 3)
    assert raised.meetings_planned == 3 and store.load_group(group.id).meetings_planned == 3
    meetings, _ = store.load_meetings(raised)
    state = progress(raised, meetings)
    assert (state.done, state.planned, state.next_number) == (2, 3, 3)
    assert state.next_date == dt.date(2024, 1, 29)


# --- is this meeting empty? ------------------------------------------------------------------------


def test_clocks_do_not_count_but_anything_entered_does(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = at(dt.date(2024, 1, 15))
    run = open_session(sample_group, clock=clock)
    run.start()
    clock.advance(300)
    run.toggle_pause()
    run.extend(5)
    run.next_stage()
    run.save()
    assert is_empty(run.meeting) and entered(run.meeting) == []
    base = run.meeting  # each kind below, one at a time, on a fresh copy
    cases: dict[str, dict[str, Any]] = {
        "attendance": {"attendance": {"K1": {"status": "absent"}}},
        "tick": {
            "stages": {**base.stages.model_dump(), "opening": {**base.stages.opening.model_dump(), "checklist": ["x"]}}
        },
        "answer": {"answers": {"K2": {"checkin": "hi"}}},
        "rating": {"observations": {"K1": {"eye_contact": 3}}},
        "recall": {"name_recall": {"K1": []}},
        "icebreaker": {"icebreaker": IcebreakerUse(id="two-truths").model_dump()},
        "note": {"private_notes": "x"},
    }
    for kind, update in cases.items():
        changed = Meeting.model_validate({**base.model_dump(), **update})
        assert entered(changed) == [kind], kind
    turn = base.model_copy(deep=True)
    turn.stages.activity.round_done = ["K1"]
    assert entered(turn) == ["tick"]
    note = base.model_copy(deep=True)
    note.stages.closing.notes = "n"
    assert entered(note) == ["note"]
    unknown = Meeting.model_validate({**base.model_dump(), "attendance": {"K1": {"status": "unknown"}}})
    assert is_empty(unknown)


def test_cancel_removes_an_empty_meeting_and_refuses_a_real_one(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    run = open_session(sample_group, clock=at(dt.date(2024, 1, 15)))
    run.start()
    assert run.save()
    path = store.meeting_path(sample_group.id, 1)
    assert path.exists()
    assert run.cancel() == []
    assert not path.exists() and run.cancelled
    assert run.save() and not path.exists()  # a late autosave writes nothing back

    real = open_session(sample_group, clock=at(dt.date(2024, 1, 15)))
    real.start()
    real.set_attendance("K1", "present")
    assert real.save()
    assert real.cancel() == ["attendance"]
    assert path.exists()


def test_cancel_puts_back_a_planned_meeting_and_the_planned_count(store: Store, open_session: OpenSession) -> None:
    group = store.create_group("One", ["A", "B"], meetings_planned=1, first_meeting=dt.date(2024, 1, 15))
    hold(open_session, group, dt.date(2024, 1, 15))
    raised = add_meeting(store, group, 2)
    run = open_session(raised, clock=at(dt.date(2024, 1, 22)))
    run.planned_before = 1
    run.start()
    assert run.save() and run.cancel() == []
    assert not store.meeting_path(group.id, 2).exists()
    assert store.load_group(group.id).meetings_planned == 1

    # a planned meeting 2 (date agreed at the finish of meeting 1) goes back to what it was
    other = store.create_group("Agreed", ["A", "B"], first_meeting=dt.date(2024, 1, 15))
    hold(open_session, other, dt.date(2024, 1, 15), next_date=dt.date(2024, 1, 25))
    before = store.meeting_path(other.id, 2).read_bytes()
    opened = open_session(other, clock=at(dt.date(2024, 1, 20)))
    opened.start()
    assert opened.save() and opened.cancel() == []
    again = store.load_meeting(other, 2)
    assert again.status == "planned" and again.date == dt.date(2024, 1, 25) and again.planned_date is None
    assert store.meeting_path(other.id, 2).read_bytes() == before


def test_cancel_leaves_a_file_changed_elsewhere(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    run = open_session(sample_group, clock=at(dt.date(2024, 1, 15)))
    run.start()
    assert run.save()
    path = store.meeting_path(sample_group.id, 1)
    newer = path.read_text().replace("schema_version = 2", "schema_version = 3")
    path.write_text(newer)
    assert run.cancel() == ["error"] and "newer homeroom" in str(run.last_error)
    assert path.read_text() == newer
    edited = path.read_text().replace("schema_version = 3", "schema_version = 2")
    edited = edited.replace('private_notes = ""', 'private_notes = "typed by hand"')
    assert "typed by hand" in edited
    path.write_text(edited)
    assert run.cancel() == ["error"] and path.read_text() == edited
    path.write_text(edited.replace('"typed by hand"', '""'))  # changed elsewhere, but still empty
    assert run.cancel() == [] and not path.exists()


def test_a_finished_meeting_cannot_be_cancelled(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    hold(open_session, sample_group, dt.date(2024, 1, 15))
    amend = open_session(sample_group, clock=at(dt.date(2024, 1, 16)), number=1)
    assert amend.cancel() == ["completed"]
    assert store.meeting_path(sample_group.id, 1).exists()


# --- numbers and the demo -------------------------------------------------------------------------


def test_numbers_have_a_decimal_comma_in_indonesian() -> None:
    assert number(4.9) == "4.9" and number(4.0) == "4" and number(0.25, digits=2, sign=True) == "+0.25"
    set_language("id")
    assert (
        number(4.9) == "4,9" and number(-1.5, sign=True) == "-1,5" and number(3.25, width=6) == "   3,3"
    )  # half away from zero, as taught
    assert number(4.9, lang="en") == "4.9"


def test_demo_removes_its_temporary_folder_but_not_a_chosen_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import homeroom_tui.cli.meetings as cli

    seen: list[Path] = []

    def fake_app(root: Path, *args: object, **kwargs: object) -> int:
        seen.append(root)
        assert (root / "groups").is_dir()  # the app runs on the demo data
        return 0

    monkeypatch.setattr(cli, "run_app", fake_app)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    assert main(["demo"]) == 0
    assert seen and not seen[0].exists() and seen[0].parent == tmp_path
    chosen = tmp_path / "mine"
    assert main(["--data-dir", str(chosen), "demo"]) == 0
    assert (chosen / "groups").is_dir()
    assert main(["demo", "--no-tui"]) == 0
    kept = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert (kept / "groups").is_dir()
    shutil.rmtree(kept)
