"""The meeting session: stages, checklists, rounds, attendance, recall, observations, finishing."""

import datetime as dt

import pytest

from homeroom_tui.model import Group
from homeroom_tui.program.agenda import Agenda, MeetingPlan
from homeroom_tui.program.session import MeetingSession
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from tests.conftest import OpenSession

PLAN = MeetingPlan.model_validate(
    {
        "number": 1,
        "opening": {
            "checklist": [{"key": "greeting", "en": "Greet", "id": "Salam"}],
            "round": {"answer": "checkin", "en": "Introduce yourself", "id": "Perkenalkan diri"},
            "panel": "attendance",
        },
        "transition": {"round": {"answer": "ready", "en": "Ready?", "id": "Siap?"}},
        "activity": {"round": {"answer": "resolution", "en": "Resolve", "id": "Tekad", "appreciate": True}},
    }
)
AGENDA = Agenda(items={1: PLAN, 3: PLAN.model_copy(update={"number": 3})})


def stage_of(session: MeetingSession) -> str:
    """The current stage, unnarrowed (mypy would pin a property after the first assert)."""
    return session.stage


def test_start_runs_the_opening_clock_and_stage_changes_move_it(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock()
    session = open_session(sample_group, clock=clock, agenda=AGENDA)
    session.start()
    assert session.meeting.status == "in_progress" and stage_of(session) == "opening"
    clock.advance(600 + 120)
    assert session.behind_plan() == 120
    assert session.next_stage()
    assert stage_of(session) == "transition"
    assert session.meeting.stages.opening.actual_seconds == 720
    assert session.meeting.stages.opening.ended_at == clock.now()
    clock.advance(300)
    assert session.behind_plan() == 120  # transition may still finish early
    assert session.previous_stage()
    assert stage_of(session) == "opening"
    assert not session.previous_stage()
    for _ in range(3):
        session.next_stage()
    assert stage_of(session) == "closing" and not session.next_stage()


def test_checklist_round_and_appreciation(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    session = open_session(sample_group, agenda=AGENDA)
    session.start()
    assert session.toggle_item("greeting") and session.meeting.stages.opening.checklist == ["greeting"]
    assert not session.toggle_item("greeting")
    session.set_round_answer("K1", "I'm Ani from Psikologi")
    assert session.turn_taken("K1")
    assert [m.id for m in session.waiting()] == ["K2", "K3"]
    assert session.meeting.answers["K1"].checkin == "I'm Ani from Psikologi"
    session.next_stage()  # transition: the round is "ready?", a tick
    assert session.toggle_turn("K2")
    assert session.meeting.answers["K2"].ready is True
    session.next_stage()
    session.set_round_answer("K3", "Greet someone new every day")
    assert session.toggle_appreciated("K3")
    assert session.meeting.answers["K3"].resolution.startswith("Greet")
    assert session.meeting.answers["K3"].appreciated


def test_attendance_cycle_late_time_and_all_present(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock(dt.datetime(2024, 1, 15, 15, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    session = open_session(sample_group, clock=clock, agenda=AGENDA)
    assert session.present_count() == 0 and not session.attendance_taken()  # not taken yet: nobody counts
    assert [m.id for m in session.participants()] == ["K1", "K2", "K3"]  # ... but everyone takes part
    assert session.cycle_attendance("K1") == "present"
    assert session.cycle_attendance("K2") == "present"
    assert session.cycle_attendance("K2") == "late"
    assert session.meeting.attendance["K2"].arrived_at == dt.time(15, 7, 30)
    assert session.cycle_attendance("K2") == "excused"
    assert session.meeting.attendance["K2"].arrived_at is None
    session.all_present()
    assert session.meeting.attendance["K3"].status == "present"
    assert session.meeting.attendance["K2"].status == "excused"
    assert session.present_count() == 2
    assert [m.id for m in session.waiting()] == ["K1", "K3"]  # absent members get no turn
    session.set_turn("K2", True)
    session.set_indicator("K2", "open_up", 4)
    assert not session.turn_taken("K2") and session.observation("K2").open_up is None  # nor turns nor ratings
    session.set_attendance("K3", "absent")
    assert [m.id for m in session.participants()] == ["K1"]


def test_cursor_targets_follow_the_work(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    session = open_session(sample_group, agenda=AGENDA)
    session.start()
    assert session.next_waiting() is not None and session.next_waiting().id == "K1"  # type: ignore[union-attr]
    session.set_round_answer("K2", "Budi")
    assert session.next_waiting("K1").id == "K3"  # type: ignore[union-attr]  # round the circle from K1
    assert session.next_waiting("K3").id == "K1"  # type: ignore[union-attr]  # wraps to whoever is left
    session.set_attendance("K1", "absent")
    assert session.next_waiting("K3") is not None and session.next_waiting("K3").id == "K3"  # type: ignore[union-attr]
    assert session.first_unticked() == 0
    session.next_stage()  # transition: no checklist
    assert session.first_unticked() == 0
    session.previous_stage()
    session.toggle_item("greeting")
    assert session.first_unticked() == 0  # everything ticked: the top of the list
    assert session.first_not_fully_rated().id == "K2"  # type: ignore[union-attr]  # K1 is absent
    session.append_stage_notes("one")
    session.append_stage_notes("two")
    assert session.meeting.stages.opening.notes == "one\ntwo"


def test_the_notes_line_is_in_the_notes_at_every_key_and_never_empties_them(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    session = open_session(sample_group, agenda=AGENDA)
    session.start()
    session.set_stage_notes("saved before")
    session.save()
    for typed in ("d", "dr", "draft"):
        session.type_notes_line(typed)
    assert session.dirty and session.meeting.stages.opening.notes == "saved before\ndraft"
    session.save()
    assert store.load_meeting(sample_group, 1).stages.opening.notes == "saved before\ndraft"
    session.type_notes_line("   ")  # emptied again (spaces only): the notes as they were
    assert session.meeting.stages.opening.notes == "saved before"
    session.type_notes_line("line one")
    assert session.end_notes_line()  # Enter: it stays, the next line goes after it
    assert not session.end_notes_line()
    session.type_notes_line("line two")
    session.type_notes_line("")
    assert not session.end_notes_line()  # nothing added
    session.type_notes_line("line two")
    session.next_stage()  # a stage change ends the line: it stays in the opening's notes
    session.type_notes_line("transition")
    assert session.meeting.stages.opening.notes == "saved before\nline one\nline two"
    assert session.meeting.stages.transition.notes == "transition"
    session.set_stage_notes("transition, edited in the notes panel")  # the panel's text is the notes now
    session.type_notes_line("more")
    assert session.meeting.stages.transition.notes == "transition, edited in the notes panel\nmore"


def test_name_recall_scores_and_change_since_last_time(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    first = open_session(sample_group, 1, agenda=AGENDA)
    first.all_present()
    first.toggle_named("K1", "K2")
    assert first.recall_score("K1") is not None and first.recall_score("K1").named == 1  # type: ignore[union-attr]
    first.meeting.status = "completed"
    assert first.save()

    second = open_session(sample_group, 2, agenda=AGENDA)
    second.all_present()
    second.set_attendance("K3", "absent")
    second.name_all("K1")
    assert second.named("K1") == ["K2"]  # only present peers
    score = second.recall_score("K1")
    assert score is not None and (score.named, score.possible) == (1, 1) and score.fraction == 1.0
    second.name_none("K2")
    assert second.group_recall() is not None and (second.group_recall().named, second.group_recall().possible) == (1, 2)  # type: ignore[union-attr]
    last = second.last_recall_meeting()
    assert last is not None and last.number == 1
    before = second.recall_score("K1", last)
    assert before is not None and (before.named, before.possible) == (1, 2)
    assert not second.toggle_named("K1", "K1")


def test_observations_and_previous_values(store: Store, sample_group: Group, open_session: OpenSession) -> None:
    first = open_session(sample_group, 1, agenda=AGENDA)
    first.set_indicator("K1", "open_up", 2)
    first.set_indicator("K1", "eye_contact", 9)
    assert first.observation("K1").eye_contact == 5
    first.set_observation_note("K1", "quiet")
    assert first.save()
    second = open_session(sample_group, 2, agenda=AGENDA)
    previous = second.previous_observation("K1")
    assert previous is not None and previous.open_up == 2 and previous.note == "quiet"
    with pytest.raises(ValueError):
        second.set_indicator("K1", "charisma", 3)


def test_save_failure_keeps_everything_and_retries(
    store: Store, sample_group: Group, monkeypatch: pytest.MonkeyPatch, open_session: OpenSession
) -> None:
    session = open_session(sample_group, agenda=AGENDA)
    session.start()
    session.set_private_notes("remember this")

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "save_meeting", full)
    assert not session.save()
    assert session.dirty and isinstance(session.last_error, OSError)
    monkeypatch.undo()
    assert session.save() and not session.dirty and session.last_error is None
    assert store.load_meeting(sample_group, 1).private_notes == "remember this"


def test_finish_completes_and_plans_the_next_meeting(
    store: Store, sample_group: Group, open_session: OpenSession
) -> None:
    clock = FakeClock()
    session = open_session(sample_group, clock=clock, agenda=AGENDA)
    session.start()
    clock.advance(60)
    assert session.next_meeting_date() == dt.date(2024, 1, 22)
    assert session.finish(dt.date(2024, 1, 23))
    saved = store.load_meeting(sample_group, 1)
    assert saved.status == "completed" and saved.ended_at == clock.now()
    assert saved.stages.opening.resumed_at is None and saved.stages.opening.actual_seconds == 60
    following = store.load_meeting(sample_group, 2)
    assert following.status == "planned" and following.date == dt.date(2024, 1, 23)


def test_meetings_beyond_the_agenda_reuse_meeting_three() -> None:
    assert AGENDA.for_meeting(7).number == 3
    assert AGENDA.for_meeting(2).opening.checklist == []  # not defined: empty, not a crash
