"""One member's record: under their own name (or id), every other member as "another member", nothing private."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from homeroom_tui.model import (
    Answers,
    Attendance,
    Consent,
    Group,
    Interview,
    Meeting,
    Observation,
    Scale,
    ScaleScores,
    SelfRating,
)
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, write_demo
from homeroom_tui.program.record import (
    UnknownMember,
    member_record,
    named_by,
    record_html,
    record_markdown,
)
from homeroom_tui.store import Store
from tests import hostile_data


def demo(tmp_path: Path) -> tuple[Group, list[Meeting]]:
    store = write_demo(tmp_path / "d")
    group = store.load_group(DEMO_GROUP_ID)
    meetings, problems = store.load_meetings(group)
    assert not problems
    return group, meetings


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def other_parts(own: str) -> set[str]:
    own_parts = {p.casefold() for p in own.split()}
    return {p.casefold() for name, _ in DEMO_MEMBERS if name != own for p in name.split()} - own_parts


@pytest.mark.parametrize(("lang", "another"), [("en", "another member"), ("id", "anggota lain")])
def test_demo_record_under_own_name_with_no_other_name(tmp_path: Path, lang: str, another: str) -> None:
    group, meetings = demo(tmp_path)
    record = member_record(group, meetings, "K3", lang=lang)  # type: ignore[arg-type]
    for text in (record_markdown(record), record_html(record)):
        assert "Citra Lestari" in text
        assert another in text  # her answers mention other members
        assert not words(text) & other_parts("Citra Lestari")
        others = {m.id.casefold() for m in group.members if m.id != "K3"}
        assert not words(text) & others
        faculties = {m.faculty for m in group.members if m.id != "K3" and m.faculty}
        assert not any(f in text for f in faculties)


def test_alias_shows_the_id_and_no_name_at_all(tmp_path: Path) -> None:
    group, meetings = demo(tmp_path)
    record = member_record(group, meetings, "k3", lang="en", alias=True)
    text = record_markdown(record)
    assert text.startswith("# Record of K3\n")
    every_part = {p.casefold() for name, _ in DEMO_MEMBERS for p in name.split()}
    assert not words(text) & every_part
    assert "Faculty" not in text  # one member per faculty would name them
    assert "Faculty" in record_markdown(member_record(group, meetings, "K3", lang="en", alias=True, faculty=True))


def test_unknown_member(tmp_path: Path) -> None:
    group, meetings = demo(tmp_path)
    with pytest.raises(UnknownMember):
        member_record(group, meetings, "K99", lang="en")


def small_group(tmp_path: Path) -> tuple[Store, Group]:
    store = Store(tmp_path / "data")
    group = store.create_group(
        "Kelompok Sore",
        ["Aisyah Putri", "Bima Pratama", "Dewi Lestari", "Muhammad Ali", "Muhammad Rizky"],
        counselor="Bu Ratna",
        first_meeting=dt.date(2024, 1, 15),
        today=dt.date(2024, 1, 8),
    )
    return store, group


def test_names_ids_and_shared_parts_in_the_members_own_words(tmp_path: Path) -> None:
    _, group = small_group(tmp_path)
    group.members[3].consent = Consent(counseling=dt.date(2024, 1, 10), guardian_needed=True)
    first = Meeting.new(group, 1)
    first.status = "completed"
    first.attendance = {m.id: Attendance(status="present") for m in group.members}
    first.attendance["K4"] = Attendance(status="late", note="Muhammad Ali terlambat karena Bima")
    first.answers = {
        "K4": Answers(
            checkin="Saya dibantu Bima Pratama, Dewi-nya baik, dan K2 juga. Muhammad Rizky teman saya.",
            impression="Kata Muhammad, bagus sekali.",
        ),
        "K2": Answers(checkin="Saya Bima"),
    }
    first.observations = {"K4": Observation(open_up=2, note="Duduk dekat Aisyah dan bima pratama"), "K2": Observation()}
    first.name_recall = {"K4": ["K1", "K2"], "K1": ["K4"], "K2": ["K3"], "K3": ["K4", "K1"]}
    first.private_notes = "PRIVATE-SECRET about the group"
    first.stages.activity.notes = "STAGE-NOTE Bima and Dewi"
    second = Meeting.new(group, 2)
    second.status = "completed"
    second.attendance = {m.id: Attendance(status="present") for m in group.members}
    second.observations = {"K4": Observation(open_up=4)}
    second.name_recall = {"K4": ["K1", "K2", "K3", "K5"], "K1": ["K4", "K2"]}
    record = member_record(group, [second, first], "K4", lang="en")
    text = record_markdown(record)
    assert "# Record of Muhammad Ali" in text
    assert not {"aisyah", "putri", "bima", "pratama", "dewi", "lestari", "rizky"} & words(text)
    assert not {"k1", "k2", "k3", "k5"} & words(text)
    assert "PRIVATE-SECRET" not in text and "STAGE-NOTE" not in text
    own = "Saya dibantu another member, another member-nya baik, dan another member juga. another member teman saya."
    assert own in text
    assert "Kata Muhammad Ali/another member, bagus sekali." in text  # "Muhammad" alone could be either
    assert "| M1 | 2024-01-15 | late | Muhammad Ali terlambat karena another member |" in text
    assert "| Dares to open up about themself | 2 | 4 | 2 → 4 (+2) |" in text
    assert "| M1 | 2/4 (50%) | 2/3 (66.7%) |" in text  # of K1, K2, K3 who recalled, K1 and K3 named them
    assert "| M2 | 4/4 (100%) | 1/1 (100%) |" in text
    assert "Counseling consent: 2024-01-10" in text
    assert "Guardian consent: – (Guardian consent needed)" in text
    assert named_by(group, first, "K4") is not None


def test_no_meetings_yet(tmp_path: Path) -> None:
    _, group = small_group(tmp_path)
    text = record_markdown(member_record(group, [Meeting.new(group, 1)], "K1", lang="id"))
    assert text.startswith("# Catatan Aisyah Putri\n") and "## " not in text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src")]


@pytest.mark.parametrize("member_id", ["K1", "K2", "K3", "K4", "K5", "K6", "K7"])
def test_hostile_text_stays_text_and_other_names_stay_out(tmp_path: Path, member_id: str) -> None:
    store = hostile_data.write_hostile(tmp_path / "data")
    group = store.load_group(hostile_data.GROUP_ID)
    meetings, _ = store.load_meetings(group)
    record = member_record(group, meetings, member_id, lang="en")
    markdown, page = record_markdown(record), record_html(record)
    tags = _Tags()
    tags.feed(page)
    assert tags.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "main", "dl", "dt"} | {
        "dd",
        "section",
        "h2",
        "table",
        "thead",
        "tr",
        "th",
        "tbody",
        "td",
        "footer",
    }
    assert not tags.urls and "<script" not in page.lower()
    assert "\x1b" not in page and "\x07" not in page  # shown as escapes, as in the program report
    assert hostile_data.PRIVATE.split()[0] not in markdown + page
    own = set(re.findall(r"[^\W\d_]{3,}", group.member(member_id).name.casefold()))  # type: ignore[union-attr]
    for other in group.members:
        if other.id == member_id:
            continue
        name = other.name
        parts = set(re.findall(r"[^\W\d_]{3,}", name.casefold())) - own
        assert not parts & words(markdown), other.id
        assert not parts & words(page), other.id
        assert name not in markdown and html.escape(name) not in page
        assert other.faculty is None or (other.faculty not in markdown and html.escape(other.faculty) not in page)
    assert "[@click" not in markdown.replace("\\[@click", "")  # any markup look-alike is escaped


def with_study_data(group: Group, member_id: str, interview_text: str) -> Group:
    """``group`` with two scales (one reverse-scored, one left incomplete) and interviews on ``member_id``."""
    scales = [
        Scale(id="anxiety", name="Anxiety", items=3, min=1, max=4, reverse=[2], meetings=[1, 2]),
        Scale(id="esteem", name="Esteem", items=2, min=1, max=4, meetings=[1]),
    ]
    members = []
    for member in group.members:
        if member.id == member_id:
            scores = [
                ScaleScores(scale="anxiety", meeting=1, items="341"),
                ScaleScores(scale="anxiety", meeting=2, items="4-2"),  # one item missing
            ]
            interviews = [
                Interview(kind="after", date=dt.date(2024, 2, 9), text="After: " + interview_text),
                Interview(kind="before", date=dt.date(2024, 1, 8), text="Before: " + interview_text),
            ]
            member = member.model_copy(update={"scores": scores, "interviews": interviews})
        members.append(member)
    return group.model_copy(update={"scales": scales, "members": members})


def test_own_ratings_scales_and_interviews(tmp_path: Path) -> None:
    _, group = small_group(tmp_path)
    group = with_study_data(group, "K4", "Bima Pratama and K2 helped, Muhammad Ali said")
    first, second = Meeting.new(group, 1), Meeting.new(group, 2)
    for meeting in (first, second):
        meeting.status = "completed"
        meeting.attendance = {m.id: Attendance(status="present") for m in group.members}
    first.observations = {"K4": Observation(open_up=2, confidence=3)}
    first.self_ratings = {"K4": SelfRating(open_up=4, eye_contact=3), "K2": SelfRating(open_up=1)}
    second.observations = {"K4": Observation(open_up=4)}
    second.self_ratings = {"K4": SelfRating(open_up=5)}
    record = member_record(group, [second, first], "K4", lang="en")
    text = record_markdown(record)
    assert "## Their own ratings beside the counselor's (1-5)" in text
    assert "| Dares to open up about themself | 2/4 ! | 4/5 | 4 → 5 (+1) |" in text
    assert "| Speaks with confidence in the group | 3/– | – | – |" in text
    assert "| Looks the other person in the eye | –/3 | – | – |" in text
    assert "| Wants to join the discussion | – | – | – |" in text
    assert "| Anxiety | M1 | 5 |" in text  # item 2 reverse-scored: 3 + 1 + 1
    assert "| Anxiety | M2 | incomplete: 1 of 3 items missing |" in text
    assert "Esteem" not in text  # given at meeting 1, no score entered: nothing to say
    before = text.index("| 2024-01-08 | before the program | Before: another member and another member helped")
    assert before < text.index("| 2024-02-09 | after the program | After:")
    assert "Muhammad Ali said" in text
    assert not {"bima", "pratama", "k2"} & words(text)
    page = record_html(record)
    assert "2/4 !" in page and "incomplete: 1 of 3 items missing" in page and "before the program" in page
    indonesian = record_markdown(member_record(group, [first, second], "K4", lang="id"))
    assert "belum lengkap" in indonesian and "sebelum program" in indonesian
    nobody = record_markdown(member_record(group, [first, second], "K1", lang="en"))
    assert "## Their own ratings beside the counselor's (1-5)\n\nNothing recorded" in nobody.replace(".", "")


@pytest.mark.parametrize("member_id", ["K1", "K3", "K7"])
def test_hostile_interviews_and_scales_stay_text(tmp_path: Path, member_id: str) -> None:
    store = hostile_data.write_hostile(tmp_path / "data")
    group = store.load_group(hostile_data.GROUP_ID)
    meetings, _ = store.load_meetings(group)
    group = with_study_data(group, member_id, f"{hostile_data.ANSWER} {hostile_data.NOTE} <b>x</b>")
    for meeting in meetings:
        meeting.self_ratings = {member_id: SelfRating(open_up=1)}
    record = member_record(group, meetings, member_id, lang="en")
    markdown, page = record_markdown(record), record_html(record)
    assert "\x1b" not in page and "\x07" not in page and "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<b>x</b>" not in markdown
    assert "before the program" in markdown and "Anxiety" in page
    own = set(re.findall(r"[^\W\d_]{3,}", group.member(member_id).name.casefold()))  # type: ignore[union-attr]
    for other in group.members:
        if other.id != member_id:
            parts = set(re.findall(r"[^\W\d_]{3,}", other.name.casefold())) - own
            assert not parts & words(markdown) and not parts & words(page), other.id
