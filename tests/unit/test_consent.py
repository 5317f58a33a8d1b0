"""Consent per member: the model (version-1 files keep loading), the research rule, and saving one member."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from homeroom_tui.i18n import set_language, t
from homeroom_tui.model import Consent, Group, Member
from homeroom_tui.program.consent import has_research_consent, research_members, without_research_consent
from homeroom_tui.program.members import MemberEdit, changed_fields, edited_member, save_member, typed_day
from homeroom_tui.store import DamagedFile, Store, dump_model, load_model
from homeroom_tui.store.writing import HEADERS

DAY = dt.date(2024, 1, 10)

VERSION_1 = """schema_version = 1
id = "home-room-a"
name = "Home Room A"
created = 2024-01-08

[[members]]
id = "K1"
name = "Ani"
active = true
"""


def member(**consent: Any) -> Member:
    return Member(id="K1", name="Ani", consent=Consent(**consent) if consent else None)


# --- the model ------------------------------------------------------------------------------------


def test_a_version_1_group_file_loads_without_consent_and_is_written_as_version_2(store: Store) -> None:
    path = store.group_path("home-room-a")
    path.parent.mkdir(parents=True)
    path.write_text(VERSION_1)
    group = store.load_group("home-room-a")
    assert group.schema_version == 1 and group.members[0].consent is None
    group.members[0].consent = Consent(counseling=DAY)
    store.save_group(group)
    text = path.read_text()
    assert "schema_version = 2" in text and "[members.consent]\ncounseling = 2024-01-10\n" in text
    assert store.load_group("home-room-a").members[0].consent == Consent(counseling=DAY)


def test_consent_is_left_out_of_the_file_while_nothing_is_recorded(tmp_path: Path) -> None:
    group = Group.new("g", "G", ["Ani", "Budi"], created=DAY)
    group.members[0].consent = Consent()  # empty: the same as not recorded
    assert group.members[0].consent is None
    group.members[1].consent = Consent(research=DAY, guardian_needed=True)
    text = dump_model(group, HEADERS["group"]).decode()
    assert text.count("[members.consent]") == 1
    assert "research = 2024-01-10\nguardian_needed = true" in text
    path = tmp_path / "group.toml"
    path.write_text(text)
    assert load_model(path, Group) == group


def test_an_inline_consent_table_written_by_hand_loads(tmp_path: Path) -> None:
    path = tmp_path / "group.toml"
    path.write_text(
        VERSION_1.replace(
            "active = true\n", "active = true\nconsent = { counseling = 2024-01-10, guardian = 2024-01-09 }\n"
        )
    )
    consent = load_model(path, Group).members[0].consent
    assert consent == Consent(counseling=DAY, guardian=dt.date(2024, 1, 9))


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('consent = { research = "2024-01-10" }', "research"),  # a date in quotes is text, not a date
        ("consent = { researh = 2024-01-10 }", "researh"),  # a typo is reported, not ignored
        ('consent = { guardian_needed = "yes" }', "guardian_needed"),
    ],
)
def test_a_wrong_consent_field_makes_the_file_damaged_and_names_it(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "group.toml"
    path.write_text(VERSION_1.replace("active = true\n", f"active = true\n{line}\n"))
    with pytest.raises(DamagedFile) as caught:
        load_model(path, Group)
    assert field in str(caught.value)


# --- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("consent", "allowed"),
    [
        ({}, False),
        ({"counseling": DAY}, False),  # counseling consent is not consent to research use
        ({"counseling": DAY, "research": DAY}, True),
        ({"research": DAY}, True),
        ({"research": DAY, "guardian_needed": True}, False),  # needed, not yet given
        ({"research": DAY, "guardian_needed": True, "guardian": DAY}, True),
        ({"guardian": DAY, "guardian_needed": True}, False),  # the guardian alone is not the member
    ],
)
def test_research_consent_needs_the_members_date_and_the_guardians_where_needed(
    consent: dict[str, Any], allowed: bool
) -> None:
    assert has_research_consent(member(**consent)) is allowed


def test_research_members_keeps_the_groups_order_and_includes_members_who_left() -> None:
    group = Group.new("g", "G", ["Ani", "Budi", "Citra", "Dewi"], created=DAY)
    group.members[0].consent = Consent(counseling=DAY)
    group.members[1].consent = Consent(research=DAY)
    group.members[2].consent = Consent(research=DAY)
    group.members[2].active = False
    assert [m.id for m in research_members(group)] == ["K2", "K3"]
    assert [m.id for m in without_research_consent(group)] == ["K1", "K4"]


# --- editing one member ----------------------------------------------------------------------------


def edit(**fields: Any) -> MemberEdit:
    typed: dict[str, Any] = {
        "name": "Ani",
        "faculty": "",
        "note": "",
        "active": True,
        "counseling": "",
        "research": "",
        "guardian": "",
        "guardian_needed": False,
    }
    return MemberEdit(**(typed | fields))


def test_typed_days_are_iso_dates_or_empty() -> None:
    assert typed_day(" 2024-01-10 ") == DAY
    assert typed_day("") is None
    for bad in ("10-01-2024", "2024-02-30", "20240110", "2024-1-10", "yesterday"):
        with pytest.raises(ValueError):
            typed_day(bad)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_bad_date_is_refused_naming_the_field(lang: str) -> None:
    set_language(lang)  # type: ignore[arg-type]
    try:
        said = edited_member(member(), edit(research="10/01/2024"))
        assert said == t("member.err.date", field=t("member.field.consent.research"))
        said = edited_member(member(), edit(guardian="2024-13-01"))
        assert isinstance(said, str) and t("member.field.consent.guardian") in said
        assert edited_member(member(), edit(name="  ")) == t("member.err.name")
        said = edited_member(member(), edit(faculty="Psi\x1b]0;x\x07"))
        assert said == t("form.err.controls", field=t("member.field.faculty"))
    finally:
        set_language("en")


def test_an_edit_gives_the_member_and_what_changed() -> None:
    before = Member(id="K1", name="Ani", faculty="Psikologi", note="old")
    after = edited_member(
        before, edit(name=" Ani Lestari ", faculty="", note="a\r\nb", active=False, research="2024-01-10")
    )
    assert isinstance(after, Member)
    assert after.name == "Ani Lestari" and after.faculty is None and after.note == "a\nb" and not after.active
    assert after.consent == Consent(research=DAY)
    assert changed_fields(before, after) == ["name", "faculty", "note", "active", "consent.research"]
    emptied = edited_member(after, edit(name="Ani Lestari", note="a\nb", active=False))
    assert isinstance(emptied, Member) and emptied.consent is None
    assert changed_fields(after, emptied) == ["consent.research"]


def test_saving_a_member_keeps_what_was_saved_meanwhile(store: Store, sample_group: Group) -> None:
    before = sample_group.members[0]
    other = store.load_group(sample_group.id)  # another homeroom renames Budi meanwhile
    other.members[1].name = "Budi Santoso"
    store.save_group(other)
    after = before.model_copy(update={"consent": Consent(counseling=DAY)})
    saved = save_member(store, sample_group.id, before, after)
    on_disk = store.load_group(sample_group.id)
    assert on_disk == saved
    assert on_disk.members[0].consent == Consent(counseling=DAY)
    assert on_disk.members[1].name == "Budi Santoso"


def test_a_member_changed_on_disk_since_is_not_overwritten(store: Store, sample_group: Group) -> None:
    before = sample_group.members[0]
    other = store.load_group(sample_group.id)
    other.members[0].note = "written by hand meanwhile"
    store.save_group(other)
    raw = store.group_path(sample_group.id).read_bytes()
    with pytest.raises(DamagedFile):
        save_member(store, sample_group.id, before, before.model_copy(update={"name": "Ani L"}))
    assert store.group_path(sample_group.id).read_bytes() == raw


def test_a_damaged_group_file_is_never_overwritten(store: Store, sample_group: Group) -> None:
    path = store.group_path(sample_group.id)
    damaged = path.read_bytes().replace(b'name = "Ani"', b'name = "Ani')
    path.write_bytes(damaged)
    before = sample_group.members[0]
    with pytest.raises(DamagedFile):
        save_member(store, sample_group.id, before, before.model_copy(update={"name": "Ani L"}))
    assert path.read_bytes() == damaged
