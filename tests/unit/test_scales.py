"""Questionnaire scales and interviews without a screen: totals, reverse scoring, what is missing, the
range, the group file (version 1 and 2), the scale form, item-text files, interviews and their search."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from homeroom_tui.i18n import set_language, t
from homeroom_tui.model import Group, Interview, Member, Scale, ScaleScores
from homeroom_tui.program.interviews import interview_records, typed_interview, with_interview
from homeroom_tui.program.members import changed_fields, save_member
from homeroom_tui.program.review import SearchIndex
from homeroom_tui.program.scales import (
    ScaleForm,
    administrations,
    check_score,
    load_texts,
    member_changes,
    member_values,
    save_scale,
    scale_totals,
    scores_text,
    total,
    typed_scale,
    with_scores,
)
from homeroom_tui.store import DamagedFile, Store, dump_model, load_model
from homeroom_tui.store.writing import HEADERS
from tests.hostile_data import MARKUP, TITLE_ESCAPE

DAY = dt.date(2024, 1, 10)
SCALE = Scale(id="anx", name="Anxiety", items=4, min=1, max=4, reverse=[2, 4], meetings=[1, 4])


def group_with_scale(*scores: ScaleScores) -> Group:
    group = Group.new("g", "G", ["Ani", "Budi"], created=DAY)
    members = [{**group.members[0].model_dump(), "scores": list(scores)}, group.members[1].model_dump()]
    return Group.model_validate({**group.model_dump(exclude={"members"}), "scales": [SCALE], "members": members})


# --- totals -----------------------------------------------------------------------------------------


def test_a_total_counts_reverse_items_as_min_plus_max_minus_the_score() -> None:
    # items 1..4 scored 4 3 2 1; items 2 and 4 reversed: 4 + (5-3) + 2 + (5-1) = 12
    assert total(SCALE, [4, 3, 2, 1]).value == 12
    assert total(SCALE, [1, 1, 1, 1]).value == 1 + 4 + 1 + 4
    plain = SCALE.model_copy(update={"reverse": []})
    assert total(plain, [4, 3, 2, 1]).value == 10


def test_a_total_with_a_missing_item_is_incomplete_never_guessed() -> None:
    incomplete = total(SCALE, [4, None, 2, None])
    assert incomplete.value is None and incomplete.missing == 2 and not incomplete.complete
    assert incomplete.text() == t("member.scale.incomplete", missing=2, items=4)
    assert incomplete.text() == "incomplete: 2 of 4 items missing"
    assert total(SCALE, [4, 3]).missing == 2  # fewer values than items: missing too
    assert total(SCALE, [4, 3, 2, 1]).text() == "12"


def test_a_score_outside_the_range_is_refused_with_a_message() -> None:
    assert check_score(SCALE, 3, 4) is None and check_score(SCALE, 3, 1) is None
    assert check_score(SCALE, 3, 5) == t("member.scale.out_of_range", score=5, item=3, low=1, high=4)
    assert check_score(SCALE, 1, 0) is not None


def test_scores_are_written_one_character_an_item_with_a_space_after_every_fifth() -> None:
    values = [1, 2, None, 4, 3, 2, None]
    assert scores_text(values) == "12-43 2-"
    assert ScaleScores(scale="anx", meeting=1, items="12-43 2-").values == values


def test_entered_scores_replace_the_administration_and_an_empty_one_is_dropped() -> None:
    group = group_with_scale()
    ani = group.members[0]
    ani = with_scores(ani, SCALE, 1, [4, 3, None, 1])
    assert member_values(ani, SCALE, 1) == [4, 3, None, 1]
    assert member_values(ani, SCALE, 4) == [None] * 4
    ani = with_scores(ani, SCALE, 4, [1, 1, 1, 1])
    ani = with_scores(ani, SCALE, 1, [None] * 4)
    assert [(s.scale, s.meeting) for s in ani.scores] == [("anx", 4)]
    assert changed_fields(group.members[0], ani) == ["scores"]


def test_before_and_after_totals_per_member() -> None:
    group = group_with_scale(
        ScaleScores(scale="anx", meeting=1, items="4321"), ScaleScores(scale="anx", meeting=4, items="1-11")
    )
    set_language("en")
    [change] = member_changes(group, group.members[0])
    assert change.text() == "Anxiety: 12 (m1) → incomplete: 1 of 4 items missing (m4)"
    assert member_changes(group, group.members[1]) == []
    assert [(m, x.value) for m, x in scale_totals(group)] == [("K1", 12), ("K1", None)]
    assert [(s.id, n) for s, n in administrations(group, group.members[1])] == [("anx", 1), ("anx", 4)]


# --- the group file --------------------------------------------------------------------------------

VERSION_1 = """schema_version = 1
id = "home-room-a"
name = "Home Room A"
created = 2024-01-08

[[members]]
id = "K1"
name = "Ani"
"""


def test_a_version_1_group_file_loads_without_scales_and_stays_without_them(store: Store) -> None:
    path = store.group_path("home-room-a")
    path.parent.mkdir(parents=True)
    path.write_text(VERSION_1)
    group = store.load_group("home-room-a")
    assert group.scales == [] and group.members[0].scores == [] and group.members[0].interviews == []
    store.save_group(group)
    text = path.read_text()
    assert "schema_version = 2" in text
    assert "scales" not in text and "scores" not in text and "interviews" not in text


@pytest.mark.parametrize(
    ("items", "reason"),
    [
        ("4321 1", t("err.value.scale_items", arg="K1/anx")),
        ("4351", t("err.value.scale_score", arg="K1/anx")),
    ],
)
def test_scores_that_do_not_fit_their_scale_make_the_file_damaged(tmp_path: Path, items: str, reason: str) -> None:
    good = dump_model(group_with_scale(ScaleScores(scale="anx", meeting=1, items="4321")), HEADERS["group"]).decode()
    path = tmp_path / "group.toml"
    path.write_text(good.replace('items = "4321"', f'items = "{items}"'))
    with pytest.raises(DamagedFile) as caught:
        load_model(path, Group)
    assert reason in str(caught.value.problems[0])
    path.write_text(good.replace('scale = "anx"', 'scale = "other"'))
    with pytest.raises(DamagedFile):
        load_model(path, Group)


def test_a_group_with_scales_scores_and_interviews_round_trips(tmp_path: Path) -> None:
    group = group_with_scale(ScaleScores(scale="anx", meeting=1, items="43-1"))
    ani = with_interview(group.members[0], Interview(kind="before", date=DAY, text="Line one\nline [b]two"))
    assert isinstance(ani, Member)
    group = Group.model_validate({**group.model_dump(exclude={"members"}), "members": [ani, group.members[1]]})
    path = tmp_path / "group.toml"
    path.write_bytes(dump_model(group, HEADERS["group"]))
    assert load_model(path, Group) == group


# --- the scale form ---------------------------------------------------------------------------------


def test_a_typed_scale_gets_an_id_from_its_name_and_its_fields_read() -> None:
    group = group_with_scale()
    scale = typed_scale(group, ScaleForm(" Anxiety ", "20", "0-3", "3, 5 5", "4 1"))
    assert scale == Scale(id="anxiety", name="Anxiety", items=20, min=0, max=3, reverse=[3, 5], meetings=[1, 4])
    again = typed_scale(group, ScaleForm("anx", "5", "1-4", "", "1"))
    assert isinstance(again, Scale) and again.id == "anx-2"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (ScaleForm(" ", "5", "1-4", "", "1"), "member.scale.err.name"),
        (ScaleForm("A", "x", "1-4", "", "1"), "member.scale.err.items"),
        (ScaleForm("A", "0", "1-4", "", "1"), "member.scale.err.items"),
        (ScaleForm("A", "5", "4-1", "", "1"), "member.scale.err.range"),
        (ScaleForm("A", "5", "1-10", "", "1"), "member.scale.err.range"),
        (ScaleForm("A", "5", "1-4", "6", "1"), "member.scale.err.reverse"),
        (ScaleForm("A", "5", "1-4", "a", "1"), "member.scale.err.reverse"),
        (ScaleForm("A", "5", "1-4", "", ""), "member.scale.err.meetings"),
        (ScaleForm("A", "5", "1-4", "", "0"), "member.scale.err.meetings"),
    ],
)
def test_a_scale_typed_wrong_is_refused_naming_the_field(form: ScaleForm, message: str) -> None:
    refused = typed_scale(group_with_scale(), form)
    assert isinstance(refused, str) and refused == t(message, most=200, items=5)


def test_a_scale_with_scores_keeps_its_items_and_range(store: Store, sample_group: Group) -> None:
    group = group_with_scale(ScaleScores(scale="anx", meeting=1, items="4321"))
    refused = typed_scale(group, ScaleForm("Anxiety", "5", "1-4", "", "1"), SCALE)
    assert refused == t("member.scale.err.in_use")
    renamed = typed_scale(group, ScaleForm("Kecemasan", "4", "1-4", "2", "1, 2"), SCALE)
    assert isinstance(renamed, Scale) and renamed.id == "anx" and renamed.reverse == [2]


def test_a_scale_is_saved_into_the_group_file_as_it_is_on_disk(store: Store, sample_group: Group) -> None:
    saved = save_scale(store, sample_group.id, None, SCALE)
    assert store.load_group(sample_group.id).scales == [SCALE] == saved.scales
    with pytest.raises(DamagedFile):  # a stale "before": nothing written
        save_scale(store, sample_group.id, SCALE.model_copy(update={"name": "Old"}), SCALE)
    with pytest.raises(DamagedFile):  # the same id twice
        save_scale(store, sample_group.id, None, SCALE)
    assert store.load_group(sample_group.id).scales == [SCALE]


# --- item texts ------------------------------------------------------------------------------------


def test_item_texts_come_from_the_counselors_file_and_a_damaged_one_is_named(tmp_path: Path) -> None:
    other = SCALE.model_copy(update={"id": "other"})
    assert load_texts(tmp_path, [SCALE]).texts == {}
    (tmp_path / "scales").mkdir()
    hostile = f"{MARKUP[0]} item {MARKUP[2]}"
    (tmp_path / "scales" / "anx.toml").write_text(f'schema_version = 1\nitems = ["{hostile}", "second"]\n')
    (tmp_path / "scales" / "other.toml").write_text('schema_version = 1\nitems = ["unclosed]\n')
    found = load_texts(tmp_path, [SCALE, other])
    assert found.item("anx", 1) == hostile and found.item("anx", 2) == "second" and found.item("anx", 3) == ""
    assert "other" not in found.texts
    [problem] = found.problems
    assert "other.toml" in str(problem)
    (tmp_path / "scales" / "other.toml").write_text("schema_version = 1\nitems = [3]\n")
    [problem] = load_texts(tmp_path, [other]).problems
    assert "other.toml" in str(problem) and "items" in str(problem)


# --- interviews ------------------------------------------------------------------------------------


def test_an_interview_typed_wrong_is_refused_naming_the_field() -> None:
    assert typed_interview("before", "2024-01-10", "notes") == Interview(kind="before", date=DAY, text="notes")
    assert typed_interview("later", "2024-01-10", "notes") == t("member.interview.err.kind")
    assert typed_interview("after", "10/01/2024", "notes") == t("member.err.date", field=t("common.date"))
    assert typed_interview("after", "", "notes") == t("member.err.date", field=t("common.date"))
    assert typed_interview("other", "2024-01-10", "  \n ") == t("member.interview.err.text")
    assert typed_interview("other", "2024-01-10", "a\r\nb") == Interview(kind="other", date=DAY, text="a\nb")


def test_interviews_are_added_edited_deleted_and_saved_in_the_group_file(store: Store, sample_group: Group) -> None:
    ani = sample_group.members[0]
    later = Interview(kind="after", date=dt.date(2024, 2, 6), text=f"After {TITLE_ESCAPE}")
    first = Interview(kind="before", date=DAY, text="Before")
    added = with_interview(ani, later)
    assert isinstance(added, Member)
    added2 = with_interview(added, first)
    assert isinstance(added2, Member)
    saved = save_member(store, sample_group.id, ani, added2)
    assert store.load_group(sample_group.id).members[0].interviews == [later, first]
    records = interview_records(saved)
    assert [(r.member_id, r.index, r.kind, r.text) for r in records] == [
        ("K1", 1, "before", "Before"),
        ("K1", 0, "after", f"After {TITLE_ESCAPE}"),
    ]
    edited = with_interview(added2, first.model_copy(update={"text": "Changed"}), 1)
    deleted = with_interview(edited, None, 0) if isinstance(edited, Member) else edited
    assert isinstance(deleted, Member) and [i.text for i in deleted.interviews] == ["Changed"]


def test_review_search_finds_interviews_and_names_the_member_and_the_interview(sample_group: Group) -> None:
    set_language("en")
    ani = with_interview(sample_group.members[0], Interview(kind="before", date=DAY, text="Takut bicara di kelas"))
    assert isinstance(ani, Member)
    group = Group.model_validate({**sample_group.model_dump(exclude={"members"}), "members": [ani]})
    index = SearchIndex([(sample_group, [])])
    assert index.search("takut") == []
    index.update_interviews(group)
    [hit] = index.search("takut")
    assert (hit.member_id, hit.meeting_number, hit.spans) == ("K1", 0, ((0, 5),))
    assert hit.interview == "Interview before the program · 2024-01-10"
    assert SearchIndex([(group, [])]).search("KELAS")[0].text == "Takut bicara di kelas"
