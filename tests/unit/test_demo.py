"""The demo program: a full, valid, deterministic reference program that never overwrites data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import INDICATORS, STAGE_KEYS, Group, Meeting
from homeroom_tui.program.agenda import load_agenda
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, demo_group, demo_meetings, write_demo
from homeroom_tui.program.icebreakers import load_library

DATES = [dt.date(2024, 1, 15), dt.date(2024, 1, 22), dt.date(2024, 1, 29), dt.date(2024, 2, 5)]
MAIN_ANSWER = {1: "problem", 2: "problem", 3: "resolution", 4: "change"}


def present(meeting: Meeting) -> set[str]:
    return {k for k, a in meeting.attendance.items() if a.status in ("present", "late")}


def recall_score(meeting: Meeting) -> float:
    """Peers named over present peers, summed over the members who recalled."""
    peers = len(present(meeting)) - 1
    named = sum(len(v) for v in meeting.name_recall.values())
    return named / (peers * len(meeting.name_recall))


def mean_indicators(meeting: Meeting, member: str | None = None) -> float:
    values: list[int] = [
        getattr(obs, key)
        for who, obs in meeting.observations.items()
        if member is None or who == member
        for key in INDICATORS
    ]
    return sum(values) / len(values)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Group, list[Meeting]]:
    """The demo as written to disk and read back."""
    store = write_demo(tmp_path_factory.mktemp("demo"))
    everything = store.load_all()
    assert everything.problems == []
    assert [g.id for g in everything.groups] == [DEMO_GROUP_ID]
    return everything.groups[0], everything.meetings[DEMO_GROUP_ID]


@pytest.fixture(scope="module")
def meetings(loaded: tuple[Group, list[Meeting]]) -> list[Meeting]:
    return loaded[1]


def test_demo_passes_check(tmp_path: Path) -> None:
    write_demo(tmp_path / "data")
    assert main(["--data-dir", str(tmp_path / "data"), "check"]) == 0


def test_written_files_read_back_as_built(loaded: tuple[Group, list[Meeting]]) -> None:
    group, meetings = loaded
    assert group == demo_group()
    assert meetings == demo_meetings()
    assert [m.name for m in group.members] == [name for name, _ in DEMO_MEMBERS]
    assert [m.id for m in group.members] == [f"K{n}" for n in range(1, 10)]


def test_writing_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_demo(first)
    write_demo(second)
    files_one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_one == files_two
    assert len(files_one) == 5
    for rel in files_one:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_four_completed_meetings_on_the_study_dates(meetings: list[Meeting]) -> None:
    assert [m.number for m in meetings] == [1, 2, 3, 4]
    assert [m.date for m in meetings] == DATES
    wib = dt.timedelta(hours=7)
    for meeting in meetings:
        assert meeting.status == "completed"
        assert meeting.started_at is not None and meeting.ended_at is not None
        assert meeting.started_at.utcoffset() == wib
        assert meeting.started_at.date() == meeting.date
        start = meeting.started_at.time()
        assert dt.time(14, 55) <= start <= dt.time(15, 5)
        assert dt.time(16, 10) <= meeting.ended_at.time() <= dt.time(16, 25)


def test_stages_run_back_to_back_for_realistic_times(meetings: list[Meeting]) -> None:
    ranges = {"opening": (9, 14), "transition": (8, 12), "activity": (35, 48), "closing": (8, 12)}
    planned = {"opening": 10, "transition": 10, "activity": 40, "closing": 10}
    over = under = extended = 0
    for meeting in meetings:
        clock = meeting.started_at
        for key in STAGE_KEYS:
            stage = meeting.stages[key]
            low, high = ranges[key]
            assert low * 60 <= stage.actual_seconds <= high * 60, (meeting.number, key)
            assert stage.planned_min == planned[key]
            assert stage.started_at == clock
            assert stage.started_at is not None and stage.ended_at is not None
            assert stage.ended_at - stage.started_at == dt.timedelta(seconds=stage.actual_seconds)
            assert stage.resumed_at is None
            assert stage.notes
            over += stage.actual_seconds > (stage.planned_min + stage.extended_min) * 60
            under += stage.actual_seconds < stage.planned_min * 60
            extended += stage.extended_min != 0
            clock = stage.ended_at
        assert clock == meeting.ended_at
    assert over and under
    assert extended == 1


def test_attendance_follows_the_program(meetings: list[Meeting]) -> None:
    def statuses(meeting: Meeting) -> list[str]:
        return sorted(a.status for a in meeting.attendance.values() if a.status != "present")

    assert all(len(m.attendance) == 9 for m in meetings)
    assert statuses(meetings[0]) == ["late"]
    assert statuses(meetings[1]) == ["excused", "late"]
    assert statuses(meetings[2]) == []
    assert statuses(meetings[3]) == ["absent"]
    late_first = next(a for a in meetings[0].attendance.values() if a.status == "late")
    assert late_first.arrived_at is not None
    assert dt.time(15, 5) <= late_first.arrived_at <= dt.time(15, 15)
    excused = next(a for a in meetings[1].attendance.values() if a.status == "excused")
    assert excused.note


def test_absent_members_leave_no_trace(meetings: list[Meeting]) -> None:
    for meeting in meetings:
        here = present(meeting)
        assert set(meeting.observations) == here
        assert set(meeting.answers) == here
        assert set(meeting.name_recall) <= here
        for named in meeting.name_recall.values():
            assert set(named) <= here
        for key in STAGE_KEYS:
            assert set(meeting.stages[key].round_done) <= here


def test_name_recall_grows_over_the_program(meetings: list[Meeting]) -> None:
    assert meetings[0].name_recall == {}
    for meeting in meetings[1:]:
        assert set(meeting.name_recall) == present(meeting)
        for who, named in meeting.name_recall.items():
            assert who not in named
            assert len(set(named)) == len(named)
    scores = [recall_score(m) for m in meetings[1:]]
    assert scores[0] < scores[1] < scores[2]
    assert 0.3 <= scores[0] <= 0.5
    assert 0.6 <= scores[1] <= 0.8
    assert scores[2] >= 0.9


def test_indicators_rise_from_first_to_last_meeting(meetings: list[Meeting]) -> None:
    for meeting in meetings:
        for obs in meeting.observations.values():
            assert all(getattr(obs, key) is not None for key in INDICATORS)
    means = [mean_indicators(m) for m in meetings]
    assert means == sorted(means)
    assert means[0] < 2.0 < 3.5 < means[3]
    assert any(obs.note for m in meetings for obs in m.observations.values())


def test_one_member_changes_little(meetings: list[Meeting]) -> None:
    first, last = meetings[0], meetings[3]
    both = present(first) & present(last)
    change = {k: mean_indicators(last, k) - mean_indicators(first, k) for k in both}
    least = min(change, key=lambda k: change[k])
    assert change[least] <= 1
    assert least == "K6"
    assert sorted(change.values())[1] > 1


def test_rounds_are_answered(meetings: list[Meeting]) -> None:
    for meeting in meetings:
        main_field = MAIN_ANSWER[meeting.number]
        for key in STAGE_KEYS:
            assert meeting.stages[key].round_done
        for answers in meeting.answers.values():
            assert answers.checkin and answers.impression
            assert answers.ready is True
            assert getattr(answers, main_field)
            others = {"problem", "resolution", "change"} - {main_field}
            assert not any(getattr(answers, field) for field in others)
            assert answers.appreciated is (meeting.number in (3, 4))
        assert meeting.private_notes


def test_texts_mention_members_by_first_name(meetings: list[Meeting]) -> None:
    first_names = {name.split()[0] for name, _ in DEMO_MEMBERS}
    texts = [
        text
        for m in meetings
        for a in m.answers.values()
        for text in (a.checkin, a.problem, a.resolution, a.change, a.impression)
    ]
    mentioning = [text for text in texts if any(name in text for name in first_names)]
    assert len(mentioning) >= 5
    notes = [m.private_notes for m in meetings] + [m.stages[k].notes for m in meetings for k in STAGE_KEYS]
    assert any(name in note for note in notes for name in first_names)


def test_ticked_items_exist_in_the_agenda(meetings: list[Meeting]) -> None:
    agenda = load_agenda()
    unticked = 0
    for meeting in meetings:
        plan = agenda.for_meeting(meeting.number)
        for key in STAGE_KEYS:
            keys = [item.key for item in plan.stage(key).checklist]
            ticked = meeting.stages[key].checklist
            assert ticked, (meeting.number, key)
            assert set(ticked) <= set(keys), (meeting.number, key)
            assert len(set(ticked)) == len(ticked)
            unticked += len(keys) - len(ticked)
    assert 0 < unticked <= 10


def test_icebreakers_come_from_the_library_and_fit_the_meeting(meetings: list[Meeting]) -> None:
    library = load_library()
    fitting = {1: {"introductions"}, 2: {"name_recall"}, 3: {"trust", "bonding"}, 4: {"reflection", "closing"}}
    used = []
    for meeting in meetings:
        assert meeting.icebreaker is not None
        item = library.get(meeting.icebreaker.id)
        assert item is not None, meeting.icebreaker.id
        assert item.purpose in fitting[meeting.number]
        assert "transition" in item.stages
        assert meeting.icebreaker.rating is not None and 3 <= meeting.icebreaker.rating <= 5
        assert meeting.icebreaker.note
        used.append(item.id)
    assert len(set(used)) == 4


def test_demo_never_overwrites_existing_files(tmp_path: Path) -> None:
    store = write_demo(tmp_path)
    meeting_path = store.meeting_path(DEMO_GROUP_ID, 2)
    group_path = store.group_path(DEMO_GROUP_ID)
    edited = meeting_path.read_bytes().replace(b"Sepakat bertemu", b"Sudah sepakat bertemu")
    meeting_path.write_bytes(edited)
    removed = store.meeting_path(DEMO_GROUP_ID, 4)
    removed.unlink()
    group_before = group_path.read_bytes()
    assert write_demo(tmp_path).root == tmp_path
    assert meeting_path.read_bytes() == edited
    assert group_path.read_bytes() == group_before
    assert not removed.exists()  # the counselor's deletion stands too


def test_demo_keeps_meeting_files_it_finds_without_a_group_file(tmp_path: Path) -> None:
    store = write_demo(tmp_path)
    meeting_path = store.meeting_path(DEMO_GROUP_ID, 1)
    edited = meeting_path.read_bytes() + b"# kept\n"
    meeting_path.write_bytes(edited)
    store.group_path(DEMO_GROUP_ID).unlink()
    write_demo(tmp_path)
    assert meeting_path.read_bytes() == edited
    assert store.group_path(DEMO_GROUP_ID).exists()


GOLDEN = Path(__file__).parent / "golden" / "demo"


def test_demo_writes_the_recorded_files(tmp_path: Path) -> None:
    """What ``homeroom demo`` writes, byte for byte, as recorded from the first version of the demo.

    The demo is built from a data file; whatever shape that file takes, the meetings it makes stay these.
    """
    store = write_demo(tmp_path / "data")
    folder = store.group_path(DEMO_GROUP_ID).parent
    written = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert written == sorted(p.name for p in GOLDEN.iterdir())
    for name in written:
        assert (folder / name).read_bytes() == (GOLDEN / name).read_bytes(), name
