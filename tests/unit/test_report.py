"""Reports: aliasing names in free text, the Markdown report, the CSV, and golden files of the demo.

Golden files: tests/unit/golden/ holds the Markdown report (English and Indonesian) and the CSV of
the demo program. After an intended change to the report or the demo, regenerate them with

    HOMEROOM_UPDATE_GOLDEN=1 PYTHONPATH=. python -m pytest -q tests/unit/test_report.py

(the golden tests then write the files instead of comparing), and review the diff before committing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest

from homeroom_tui.i18n import Lang, set_language, t_in
from homeroom_tui.model import (
    INDICATORS,
    Answers,
    Attendance,
    Group,
    IcebreakerUse,
    Meeting,
    Member,
    Observation,
    SelfRating,
)
from homeroom_tui.program.attendance import roster
from homeroom_tui.program.demo import demo_group, demo_meetings
from homeroom_tui.program.icebreakers import Library, load_library
from homeroom_tui.program.report import CSV_COLUMNS, alias_text, cell, csv_report, markdown_report

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("HOMEROOM_UPDATE_GOLDEN") == "1"
PRIVATE = "RAHASIA-PRIBADI"


def make_group() -> Group:
    names = [
        "Aisyah Putri",
        "Bima Pratama",
        "Nur'aini Siti-Rahma",
        "Çelik Öztürk",
        "Al Farisi",
        "Dewi Lestari",
        "Muhammad Rizki",
        "Muhammad Fauzi",
    ]
    members = [Member(id=f"K{i}", name=name, faculty="Psikologi") for i, name in enumerate(names, 1)]
    members[5] = members[5].model_copy(update={"active": False})
    members[0] = members[0].model_copy(update={"note": f"{PRIVATE} member note"})
    return Group(id="test", name="Test", counselor="Bu Sari", created=dt.date(2024, 1, 1), members=members)


def make_meetings(group: Group) -> list[Meeting]:
    first = Meeting.new(group, 1, dt.date(2024, 1, 15))
    first.status = "completed"
    first.attendance = {
        "K1": Attendance(status="present"),
        "K2": Attendance(status="late", arrived_at=dt.time(15, 10), note="Bima ketinggalan bus"),
        "K3": Attendance(status="absent", note="sakit"),
    }
    first.stages.opening.notes = "Aisyah | Bima\nsecond line"
    first.icebreaker = IcebreakerUse(id="no-such-icebreaker", rating=2, note="Putri tertawa")
    first.name_recall = {"K1": ["K2"], "K2": ["K1"]}
    first.observations = {
        "K1": Observation(open_up=1, join_discussion=2, confidence=1, cross_faculty=1, eye_contact=2, note="pelan"),
        "K2": Observation(open_up=2, note="Bimalah yang paling ramai"),
    }
    first.answers = {
        "K1": Answers(checkin="Saya aisyah, teman BIMA.", problem="gugup", ready=True),
        "K2": Answers(checkin="Bima's here; Bimasakti is a galaxy", impression="senang"),
    }
    first.private_notes = f"{PRIVATE}: Dewi Lestari left"
    second = Meeting.new(group, 2, dt.date(2024, 1, 22))
    second.observations = {
        "K1": Observation(open_up=4, join_discussion=3, confidence=3, cross_faculty=2, eye_contact=2)
    }
    second.answers = {"K1": Answers(change="Sekarang berani menyapa Muhammad.", appreciated=True)}
    return [first, second]


def name_parts(group: Group) -> set[str]:
    return {p for m in group.members for w in m.name.split() for p in (w, *w.split("-")) if len(p) >= 3}


def leaked(group: Group, text: str) -> list[str]:
    """Name parts found in ``text`` written as names (capitalised, optionally with an Indonesian suffix),
    and full names in any case."""
    found = [
        part
        for part in name_parts(group)
        for m in re.finditer(rf"(?<!\w){re.escape(part)}(?:nya|lah|kah|pun|ku|mu)?(?!\w)", text, re.IGNORECASE)
        if m.group()[0].isupper()
    ]
    found += [m.name for m in group.members if m.name.casefold() in text.casefold()]
    return found


# --- alias_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aisyah Putri datang", "K1 datang"),
        ("aisyah dan PUTRI", "aisyah dan K1"),  # a lowercase part is an ordinary word (and listed)
        ("aisyah putri, AISYAH PUTRI", "K1, K1"),
        ("Putri Bima", "K1 K2"),
        ("Aisyah\n  Putri", "K1"),
        ("Bimasakti bukan Bima", "Bimasakti bukan K2"),
        ("Bima's book, Bimalah, Bimanya", "K2's book, K2lah, K2nya"),
        ("Nur'aini dan Nur’aini", "K3 dan K3"),
        ("Siti, Rahma, Siti-Rahma", "K3, K3, K3"),
        ("çelik ÖZTÜRK; ÖZTÜRK, çelik", "K4; K4, çelik"),
        ("Öztürkler", "Öztürkler"),
        ("Al Farisi, Al-Qur'an, al", "K5, Al-Qur'an, al"),
        ("Farisi", "K5"),
        ("Dewi left", "K6 left"),
        ("Muhammad Rizki and Muhammad", "K7 and K7/K8"),
        ("(Bima)", "(K2)"),
        ("no names here", "no names here"),
        ("", ""),
    ],
)
def test_alias_text(text: str, expected: str) -> None:
    assert alias_text(text, make_group()) == expected


def test_alias_text_without_members() -> None:
    group = make_group().model_copy(update={"members": []})
    assert alias_text("Bima", group) == "Bima"


def test_cell_escapes_pipes_and_line_breaks() -> None:
    assert cell("a | b\nc\r\n") == r"a \| b<br>c"


# --- Markdown ---------------------------------------------------------------------------------

SECTIONS = (
    "report.plan",
    "panel.attendance",
    "report.timing",
    "report.icebreakers",
    "report.recall",
    "report.indicators",
    "report.rounds",
)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_markdown_has_every_section(lang: Lang) -> None:
    group, meetings = make_group(), make_meetings(make_group())
    text = markdown_report(group, meetings, lang=lang)
    assert text.startswith(f"# {t_in(lang, 'report.title', name='Test')}\n")
    for key in SECTIONS:
        assert f"\n## {t_in(lang, key)}\n" in text, key
    for key in ("common.members", "report.group_averages", "common.least_changed"):
        assert f"\n### {t_in(lang, key)}\n" in text, key
    assert t_in(lang, "common.meeting_title", number=2, date="2024-01-22") in text
    assert t_in(lang, "stage.activity") in text
    assert t_in(lang, "attendance.late") + " 15:10" in text
    assert t_in(lang, "indicator.eye_contact") in text
    assert "no-such-icebreaker" in text  # an id the library does not know is shown as it is


def test_markdown_language_is_the_argument_not_the_current_one() -> None:
    group, meetings = make_group(), make_meetings(make_group())
    english = markdown_report(group, meetings, lang="en")
    set_language("id")
    assert markdown_report(group, meetings, lang="en") == english
    assert markdown_report(group, meetings, lang="id") != english


def test_markdown_numbers_and_changes() -> None:
    group, meetings = make_group(), make_meetings(make_group())
    text = markdown_report(group, meetings, lang="id")
    assert "| K1 | P1 → P2 | 1 → 4 (+3) | 2 → 3 (+1) | 1 → 3 (+2) | 1 → 2 (+1) | 2 → 2 (0) | +1,4 |" in text
    assert "| K2 | P1 | 2 | – | – | – | – | – |" in text
    assert "2/2 (100%)" in text


def test_markdown_tables_are_well_formed() -> None:
    group, meetings = make_group(), make_meetings(make_group())
    text = markdown_report(group, meetings, lang="en", names=True, private=True)
    assert r"Aisyah \| Bima<br>second line" in text
    table: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            counts = {len(re.split(r"(?<!\\)\|", row)) for row in table}
            assert len(counts) == 1, table
            assert set(table[1]) <= set("|-")
            table = []


def test_markdown_aliases_everywhere_by_default() -> None:
    group, meetings = make_group(), make_meetings(make_group())
    text = markdown_report(group, meetings, lang="en", private=True)
    assert leaked(group, text) == []
    assert "K2 ketinggalan bus" in text
    assert "K2lah yang paling ramai" in text
    assert "K2's here; Bimasakti is a galaxy" in text


def test_markdown_with_names() -> None:
    group, meetings = make_group(), make_meetings(make_group())
    text = markdown_report(group, meetings, lang="en", names=True)
    for member in group.members:
        assert member.name in text
    assert "Aisyah Putri (K1)" in text
    assert "Bima ketinggalan bus" in text  # text as typed


def test_private_notes_only_when_asked() -> None:
    group, meetings = make_group(), make_meetings(make_group())
    for names in (False, True):
        assert PRIVATE not in markdown_report(group, meetings, lang="en", names=names)
        assert PRIVATE not in csv_report(group, meetings, names=names)
        with_private = markdown_report(group, meetings, lang="en", names=names, private=True)
        assert f"{PRIVATE}: " in with_private
        assert f"{PRIVATE} member note" in with_private
        assert t_in("en", "common.private_notes") in with_private


def test_markdown_without_meetings() -> None:
    text = markdown_report(make_group(), [], lang="id", library=Library(items={}))
    assert t_in("id", "report.no_meetings") in text
    assert t_in("id", "panel.attendance") not in text


def test_markdown_is_deterministic() -> None:
    group, meetings = demo_group(), demo_meetings()
    assert markdown_report(group, meetings, lang="en") == markdown_report(group, list(reversed(meetings)), lang="en")


# --- CSV --------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def test_csv_rows_and_values() -> None:
    group = make_group()
    meetings = make_meetings(group)
    rows = read_csv(csv_report(group, meetings))
    assert len(rows) == sum(len(roster(group, m)) for m in meetings) == 7 + 7  # inactive K6 is in no meeting
    by_key = {(r["meeting"], r["alias"]): r for r in rows}
    k2 = by_key[("1", "K2")]
    assert k2["member"] == "K2"
    assert (k2["attendance"], k2["arrived_at"]) == ("late", "15:10")
    assert (k2["recall_named"], k2["recall_possible"]) == ("1", "1")
    assert (k2["open_up"], k2["join_discussion"]) == ("2", "")
    assert k2["checkin"] == "K2's here; Bimasakti is a galaxy"
    assert k2["observation_note"] == "K2lah yang paling ramai"
    assert (k2["ready"], k2["appreciated"]) == ("", "false")
    k1 = by_key[("1", "K1")]
    assert [k1[i] for i in INDICATORS] == ["1", "2", "1", "1", "2"]
    assert (k1["checkin"], k1["ready"]) == ("Saya aisyah, teman K2.", "true")  # lowercase: an ordinary word
    assert by_key[("1", "K3")]["attendance"] == "absent"
    assert by_key[("2", "K1")]["change"] == "Sekarang berani menyapa K7/K8."
    assert by_key[("2", "K1")]["appreciated"] == "true"
    assert by_key[("2", "K5")]["attendance"] == "unknown"
    assert by_key[("2", "K5")]["recall_named"] == ""


def test_csv_has_the_members_own_ratings_last() -> None:
    group = make_group()
    meetings = make_meetings(group)
    first = next(m for m in meetings if m.number == 1)
    first.self_ratings = {"K1": SelfRating(open_up=4, eye_contact=2)}
    rows = read_csv(csv_report(group, meetings))
    assert CSV_COLUMNS[-5:] == tuple(f"self_{key}" for key in INDICATORS)
    by_key = {(r["meeting"], r["alias"]): r for r in rows}
    assert [by_key[("1", "K1")][f"self_{k}"] for k in INDICATORS] == ["4", "", "", "", "2"]
    assert [by_key[("1", "K1")][k] for k in INDICATORS] == ["1", "2", "1", "1", "2"]  # the counselor's, unchanged
    assert all(by_key[("1", "K2")][f"self_{k}"] == "" for k in INDICATORS)
    assert all(r[f"self_{k}"] == "" for r in rows if r["meeting"] == "2" for k in INDICATORS)


def test_csv_with_names() -> None:
    group = make_group()
    rows = read_csv(csv_report(group, make_meetings(group), names=True))
    first = next(r for r in rows if r["alias"] == "K2")
    assert first["member"] == "Bima Pratama"
    assert first["checkin"] == "Bima's here; Bimasakti is a galaxy"


def test_csv_aliases_everything() -> None:
    group = make_group()
    assert leaked(group, csv_report(group, make_meetings(group))) == []


# --- the demo program ---------------------------------------------------------------------------


def test_demo_exports_leak_no_name() -> None:
    group, meetings = demo_group(), demo_meetings()
    assert len(meetings) == 4
    for lang in ("en", "id"):
        assert leaked(group, markdown_report(group, meetings, lang=lang, private=True)) == []
    assert leaked(group, csv_report(group, meetings)) == []
    named = markdown_report(group, meetings, lang="id", names=True)
    assert all(m.name in named for m in group.members)


def test_demo_csv_has_a_row_per_member_per_meeting() -> None:
    group, meetings = demo_group(), demo_meetings()
    rows = read_csv(csv_report(group, meetings))
    assert len(rows) == len(group.members) * len(meetings)
    assert [(r["meeting"], r["alias"]) for r in rows[:2]] == [("1", "K1"), ("1", "K2")]
    k8 = next(r for r in rows if r["meeting"] == "4" and r["alias"] == "K8")
    assert (k8["attendance"], k8["open_up"], k8["checkin"]) == ("absent", "", "")


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with HOMEROOM_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs: run with HOMEROOM_UPDATE_GOLDEN=1 and review"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden_markdown(lang: Lang) -> None:
    set_language(lang)
    golden(f"demo-report.{lang}.md", markdown_report(demo_group(), demo_meetings(), lang=lang, library=load_library()))
    set_language("en")


def test_golden_csv() -> None:
    golden("demo.csv", csv_report(demo_group(), demo_meetings()))
