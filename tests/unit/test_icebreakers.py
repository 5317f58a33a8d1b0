"""The ice-breaker library and the picker (no Textual)."""

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from homeroom_tui.model import STAGE_KEYS, Group, IcebreakerUse, Meeting
from homeroom_tui.program.icebreakers import (
    PURPOSES,
    Filters,
    Icebreaker,
    Picker,
    PickRequest,
    builtin_path,
    candidates,
    describe_text,
    load_library,
    parse_library,
    preferred_purposes,
    request_for,
)
from homeroom_tui.store import DamagedFile, Store

ROOT_FILE = Path(__file__).resolve().parents[2] / "icebreakers.toml"


@pytest.fixture(scope="module")
def builtin() -> dict[str, Icebreaker]:
    return parse_library(builtin_path())


def test_bundled_library_is_valid_complete_and_large_enough(builtin: dict[str, Icebreaker]) -> None:
    raw = tomllib.loads(ROOT_FILE.read_text(encoding="utf-8"))["icebreakers"]
    assert len(builtin) >= 40
    assert len(raw) == len(builtin), "ids are not unique"
    for item in builtin.values():
        for text in (item.name, item.summary):
            assert text.english.strip() and text.indonesian.strip()
        assert len(item.steps.english) == len(item.steps.indonesian) >= 2
        if item.debrief:
            assert len(item.debrief.english) == len(item.debrief.indonesian)
        assert set(item.stages) <= set(STAGE_KEYS)


def test_library_covers_the_program(builtin: dict[str, Icebreaker]) -> None:
    by_purpose = {p: [i for i in builtin.values() if i.purpose == p] for p in PURPOSES}
    assert len(by_purpose["name_recall"]) >= 5  # meeting 2's name recall
    assert len(by_purpose["introductions"]) >= 5  # low-pressure openers for meeting 1
    assert len(by_purpose["trust"]) + len(by_purpose["bonding"]) >= 8  # meetings 2-3
    assert len(by_purpose["reflection"]) + len(by_purpose["closing"]) >= 5  # meeting 4
    assert any(not i.materials and not i.movement for i in builtin.values())
    assert any(i.evergreen for i in builtin.values())


def test_packaged_copy_is_the_root_file() -> None:
    assert builtin_path().read_bytes() == ROOT_FILE.read_bytes()


def request(**kw: object) -> PickRequest:
    return PickRequest(**kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("req", "check"),
    [
        (request(stage="closing"), lambda i: "closing" in i.stages),
        (request(size=2), lambda i: i.group_min <= 2 <= i.group_max),
        (request(size=20), lambda i: i.group_max >= 20),
        (request(minutes=5), lambda i: i.duration_min <= 5),
        (request(filters=Filters(energy="high")), lambda i: i.energy == "high"),
        (request(filters=Filters(purpose="trust")), lambda i: i.purpose == "trust"),
        (request(filters=Filters(no_materials=True)), lambda i: not i.materials),
        (request(filters=Filters(no_movement=True)), lambda i: not i.movement),
    ],
)
def test_picker_filters(builtin: dict[str, Icebreaker], req: PickRequest, check: object) -> None:
    found = candidates(builtin.values(), req).items
    assert found, "the filter left nothing: the test would prove nothing"
    assert all(check(i) for i in found)  # type: ignore[operator]
    unfiltered = PickRequest(stage=None if req.stage != "transition" else "transition")
    assert len(found) < len(candidates(builtin.values(), unfiltered).items), "the filter kept everything"


def test_ranking_prefers_the_purpose_of_the_meeting(builtin: dict[str, Icebreaker]) -> None:
    assert preferred_purposes(1, 4)[0] == "introductions"
    assert preferred_purposes(2, 4)[0] == "name_recall"
    assert preferred_purposes(3, 4)[0] == "trust"
    assert preferred_purposes(4, 4)[0] == "reflection"
    assert preferred_purposes(5, 8)[0] == "trust"  # beyond 4: the pattern of meeting 3
    found = candidates(builtin.values(), request(meeting_number=2, size=9)).items
    assert found[0].purpose == "name_recall"
    picker = Picker(candidates(builtin.values(), request(meeting_number=2, size=9)), request(meeting_number=2), seed=1)
    assert all(picker.roll().purpose == "name_recall" for _ in range(3))  # type: ignore[union-attr]


def test_seeded_picks_are_repeatable_and_rerolls_do_not_repeat(builtin: dict[str, Icebreaker]) -> None:
    req = request(meeting_number=3, size=9, minutes=15)
    found = candidates(builtin.values(), req)
    first = [Picker(found, req, seed=42).roll() for _ in range(2)]
    assert first[0] == first[1]
    picker = Picker(found, req, seed=7)
    seen = [picker.roll() for _ in range(len(found.items))]
    assert len({i.id for i in seen if i}) == len(found.items)  # a full cycle shows each once
    assert picker.roll() is not None  # and then it starts over


def test_no_repeat_across_meetings_unless_evergreen(
    store: Store, sample_group: Group, builtin: dict[str, Icebreaker]
) -> None:
    done = Meeting.new(sample_group, 1)
    done.icebreaker = IcebreakerUse(id="name-and-snack")
    evergreen = next(i for i in builtin.values() if i.evergreen)
    earlier = Meeting.new(sample_group, 2)
    earlier.icebreaker = IcebreakerUse(id=evergreen.id)
    current = Meeting.new(sample_group, 3)
    req = request_for(sample_group, current, [done, earlier, current], stage=None)
    ids = {i.id for i in candidates(builtin.values(), req).items}
    assert "name-and-snack" not in ids
    assert evergreen.id in ids
    # the current meeting's own choice does not count as "already done"
    current.icebreaker = IcebreakerUse(id="name-and-snack")
    assert "name-and-snack" not in request_for(sample_group, current, [current]).used


def test_refill_when_every_fitting_activity_was_done(builtin: dict[str, Icebreaker]) -> None:
    req = request(filters=Filters(purpose="name_recall"), size=9)
    fitting = candidates(builtin.values(), req).items
    non_evergreen = [i.id for i in fitting if not i.evergreen]
    exhausted = request(filters=Filters(purpose="name_recall"), size=9, used=frozenset(i.id for i in fitting))
    found = candidates(builtin.values(), exhausted)
    if any(i.evergreen for i in fitting):
        assert not found.refilled and all(i.evergreen for i in found.items)
    only_plain = [i for i in builtin.values() if not i.evergreen]
    found = candidates(
        only_plain, request(filters=Filters(purpose="name_recall"), size=9, used=frozenset(non_evergreen))
    )
    assert found.refilled
    assert {i.id for i in found.items} == set(non_evergreen)


def test_present_members_decide_the_size(store: Store, sample_group: Group) -> None:
    meeting = Meeting.new(sample_group, 1)
    assert request_for(sample_group, meeting, []).size == 3  # attendance not taken: everyone active
    meeting.attendance = {"K1": {"status": "present"}, "K2": {"status": "late"}, "K3": {"status": "absent"}}  # type: ignore[dict-item]
    assert request_for(sample_group, meeting, []).size == 2


USER_FILE = """schema_version = 1

[[icebreakers]]
id = "name-and-snack"
name = { en = "Name and Snack (our way)", id = "Nama dan Camilan (versi kami)" }
summary = { en = "Our variant.", id = "Versi kami." }
steps = { en = ["Do it our way."], id = ["Lakukan dengan cara kami."] }
purpose = "name_recall"
stages = ["transition"]
duration_min = 5
duration_max = 10
group_min = 2
group_max = 12
energy = "low"
movement = false
materials = []
prep_minutes = 0

[[icebreakers]]
id = "our-own-game"
name = { en = "Our Own Game", id = "Permainan Kami" }
summary = { en = "Made by us.", id = "Buatan kami." }
steps = { en = ["Play."], id = ["Main."] }
purpose = "bonding"
stages = ["transition"]
duration_min = 5
duration_max = 10
group_min = 2
group_max = 12
energy = "medium"
movement = false
materials = ["pens"]
prep_minutes = 2
"""


def test_user_file_overrides_and_adds_by_id(tmp_path: Path, builtin: dict[str, Icebreaker]) -> None:
    (tmp_path / "icebreakers.toml").write_text(USER_FILE)
    library = load_library(tmp_path)
    assert not library.problems and not library.fell_back
    assert len(library) == len(builtin) + 1
    assert library.items["name-and-snack"].name.english == "Name and Snack (our way)"
    assert library.items["our-own-game"].purpose == "bonding"
    explicit = tmp_path / "elsewhere.toml"
    explicit.write_text(USER_FILE)
    assert load_library(None, explicit).items["our-own-game"]


def test_damaged_user_file_falls_back_naming_entry_and_field(tmp_path: Path, builtin: dict[str, Icebreaker]) -> None:
    bad = USER_FILE.replace('energy = "medium"', 'energy = "wild"').replace(
        'group_max = 12\nenergy = "low"', 'group_max = 1\nenergy = "low"'
    )
    path = tmp_path / "icebreakers.toml"
    path.write_text(bad)
    library = load_library(tmp_path)
    assert library.fell_back
    assert library.items == builtin
    messages = [str(p) for p in library.problems]
    assert any("icebreakers[2] (our-own-game).energy" in m and "(line 30)" in m and "low" in m for m in messages), (
        messages
    )
    assert any("icebreakers[1] (name-and-snack)" in m and "group_min is larger" in m for m in messages), messages
    assert path.read_text() == bad


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("schema_version = 1\nicebreakers = 3\n", "icebreakers"),
        (USER_FILE.replace('"our-own-game"', '"name-and-snack"'), "used by an earlier entry"),
        (
            USER_FILE.replace(
                'steps = { en = ["Play."], id = ["Main."] }', 'steps = { en = ["Play.", "Stop."], id = ["Main."] }'
            ),
            "same number",
        ),
        (USER_FILE.replace('id = "Permainan Kami"', 'id = ""'), "must not be empty"),
        (USER_FILE + '\n[[icebreakers]]\nid = "x"\n', "required field is missing"),
        ("not toml", "not valid TOML"),
    ],
)
def test_bad_entries_are_named(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "icebreakers.toml"
    path.write_text(content)
    with pytest.raises(DamagedFile) as info:
        parse_library(path)
    assert any(expected in str(p) for p in info.value.problems), info.value.problems


def test_describe_in_both_languages(builtin: dict[str, Icebreaker]) -> None:
    from homeroom_tui.i18n import set_language

    item = builtin["name-and-snack"]
    english = describe_text(item, "en")
    assert item.steps.english[0] in english and "Steps" in english
    set_language("id")
    indonesian = describe_text(item, "id")
    assert item.steps.indonesian[0] in indonesian and "Langkah" in indonesian and "Steps" not in indonesian


def test_group_and_meeting_dates_unaffected(sample_group: Group) -> None:
    assert sample_group.planned_date(2) == dt.date(2024, 1, 22)
