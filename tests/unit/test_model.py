import datetime as dt

import pytest
from pydantic import ValidationError

from homeroom_tui.model import STAGE_KEYS, Group, Meeting, Member
from homeroom_tui.model.slug import slugify
from homeroom_tui.program.progress import progress


def make_group(**kw: object) -> Group:
    base: dict[str, object] = {"id": "g", "name": "G", "created": dt.date(2024, 1, 1)}
    base.update(kw)
    return Group.model_validate(base)


def test_group_defaults_follow_the_reference_program() -> None:
    group = make_group()
    assert group.meetings_planned == 4
    assert group.every_days == 7
    assert (group.minutes.opening, group.minutes.transition, group.minutes.activity, group.minutes.closing) == (
        10,
        10,
        40,
        10,
    )
    assert group.minutes.total == 70


def test_member_ids_are_k_numbers_in_order_and_never_reused() -> None:
    group = make_group()
    ids = [group.add_member(n).id for n in ("Ani", "Budi", "Citra")]
    assert ids == ["K1", "K2", "K3"]
    # Removing a member keeps their record (inactive); a new member never takes a used id.
    group.members[2].active = False
    assert group.add_member("Dewi").id == "K4"
    assert [m.name for m in group.active_members] == ["Ani", "Budi", "Dewi"]


def test_duplicate_member_ids_rejected() -> None:
    with pytest.raises(ValidationError, match="duplicate_member:K1"):
        make_group(members=[Member(id="K1", name="A"), Member(id="K1", name="B")])


@pytest.mark.parametrize("bad", ["k1", "K0", "X1", "K", "K12345", ""])
def test_member_id_pattern(bad: str) -> None:
    with pytest.raises(ValidationError):
        Member(id=bad, name="A")


def test_blank_names_rejected() -> None:
    with pytest.raises(ValidationError):
        Member(id="K1", name="   ")
    with pytest.raises(ValidationError):
        make_group(name="  ")


def test_planned_dates_follow_every_days() -> None:
    group = make_group(first_meeting=dt.date(2024, 1, 15))
    assert [group.planned_date(n) for n in (1, 2, 3, 4)] == [
        dt.date(2024, 1, 15),
        dt.date(2024, 1, 22),
        dt.date(2024, 1, 29),
        dt.date(2024, 2, 5),
    ]
    assert make_group().planned_date(1) is None


def test_new_meeting_lists_all_four_stages_with_group_minutes() -> None:
    group = make_group(first_meeting=dt.date(2024, 1, 15), minutes={"activity": 45})
    meeting = Meeting.new(group, 2)
    assert meeting.date == dt.date(2024, 1, 22)
    assert [meeting.stages[k].planned_min for k in STAGE_KEYS] == [10, 10, 45, 10]
    assert meeting.status == "planned"


def test_meeting_requires_every_stage() -> None:
    group = make_group()
    data = Meeting.new(group, 1).model_dump()
    del data["stages"]["closing"]
    with pytest.raises(ValidationError) as info:
        Meeting.model_validate(data)
    assert info.value.errors()[0]["loc"] == ("stages", "closing")


def test_timestamps_need_an_offset() -> None:
    group = make_group()
    meeting = Meeting.new(group, 1)
    with pytest.raises(ValidationError, match="timezone_missing"):
        meeting.started_at = dt.datetime(2024, 1, 15, 9, 0)
    aware = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    meeting.started_at = aware
    assert meeting.started_at.utcoffset() == dt.timedelta(hours=7)


def test_name_recall_cannot_name_self_or_twice() -> None:
    group = make_group()
    meeting = Meeting.new(group, 2)
    with pytest.raises(ValidationError, match="recall_self"):
        meeting.name_recall = {"K1": ["K1"]}
    with pytest.raises(ValidationError, match="recall_duplicate"):
        meeting.name_recall = {"K1": ["K2", "K2"]}


def test_notes_normalise_line_breaks() -> None:
    meeting = Meeting.new(make_group(), 1)
    meeting.private_notes = "a\r\nb\rc"
    assert meeting.private_notes == "a\nb\nc"


def test_observations_are_one_to_five() -> None:
    meeting = Meeting.new(make_group(), 1)
    data = meeting.model_dump()
    data["observations"] = {"K1": {"open_up": 6}}
    with pytest.raises(ValidationError):
        Meeting.model_validate(data)


def test_progress_counts_completed_and_finds_next_meeting() -> None:
    group = make_group(first_meeting=dt.date(2024, 1, 15))
    m1 = Meeting.new(group, 1)
    m1.status = "completed"
    m2 = Meeting.new(group, 2, date=dt.date(2024, 1, 23))
    m2.status = "in_progress"
    state = progress(group, [m1, m2])
    assert (state.done, state.planned, state.next_number, state.next_date) == (1, 4, 2, dt.date(2024, 1, 23))
    for m in (m2,):
        m.status = "completed"
    extra = [Meeting.new(group, n) for n in (3, 4)]
    for m in extra:
        m.status = "completed"
    assert progress(group, [m1, m2, *extra]).finished


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Kelompok Rumah 1", "kelompok-rumah-1"),
        ("  Home Room: Fakultas Psikologi!  ", "home-room-fakultas-psikologi"),
        ("Élève Ça", "eleve-ca"),
        ("😀", "group"),
        ("a" * 100, "a" * 48),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_new_group_numbers_members_in_order_and_adds_after_them() -> None:
    group = Group.new("home-room", " Home Room ", ["Aisyah", "  ", " Bima "], created=dt.date(2024, 1, 1))
    assert [(m.id, m.name) for m in group.members] == [("K1", "Aisyah"), ("K2", "Bima")]
    assert group.name == "Home Room"
    assert group.first_meeting is None
    assert group.add_member("Citra").id == "K3"


def test_new_group_names_the_member_a_field_is_refused_for() -> None:
    with pytest.raises(ValidationError) as caught:
        Group.new("g", "G", ["Aisyah", "x" * 500], created=dt.date(2024, 1, 1))
    assert caught.value.errors()[0]["loc"] == ("members", 1, "name")
