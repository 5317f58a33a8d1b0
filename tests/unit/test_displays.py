"""The study's data displays (issue 14, item 6): the members × meetings matrix with one quote per cell,
the first-vs-last effects matrix, Markdown and CSV; research members only, aliased."""

import csv
import datetime as dt
import io

from homeroom_tui.model import Answers, Attendance, Consent, Group, Meeting, Observation
from homeroom_tui.program.displays import DISPLAYS_COLUMNS, displays, displays_csv, displays_markdown, quote_key, short
from homeroom_tui.program.research_scope import ResearchScope

CONSENTED = Consent(research=dt.date(2024, 1, 10))


def program() -> tuple[Group, list[Meeting]]:
    group = Group(id="kelompok-rabu", name="Kelompok Rabu", created=dt.date(2024, 1, 1))
    for name in ("Aisyah Putri", "Bima Pratama", "Citra Lestari"):
        group.add_member(name)
    group.members[0].consent = CONSENTED
    group.members[1].consent = CONSENTED
    group.members[2].consent = Consent(counseling=dt.date(2024, 1, 10))  # counseling only: left out
    meetings = []
    for number in (1, 2, 3):
        m = Meeting.new(group, number)
        m.attendance = {x.id: Attendance(status="present") for x in group.members}
        meetings.append(m)
    meetings[1].attendance["K2"] = Attendance(status="absent")
    meetings[0].observations = {"K1": Observation(open_up=2, confidence=1), "K2": Observation(open_up=3)}
    meetings[2].observations = {"K1": Observation(open_up=4, confidence=1), "K2": Observation(open_up=3)}
    meetings[0].answers = {
        "K1": Answers(checkin="Saya dari Lahat.", problem="Saya malu bicara dengan Citra Lestari."),
        "K2": Answers(checkin="  ", problem="Saya | rindu =rumah"),
        "K3": Answers(checkin="Citra di sini."),
    }
    meetings[2].answers = {"K1": Answers(checkin="Baik.", change="Sekarang saya berani.", quote="change")}
    return group, meetings


def test_the_quote_is_the_marked_answer_else_the_first_that_says_something() -> None:
    assert quote_key(Answers(checkin="hi", change="more", quote="change")) == "change"
    assert quote_key(Answers(checkin="hi", change="more")) == "checkin"
    assert quote_key(Answers(checkin=" \n", problem="x")) == "problem"
    assert quote_key(Answers(checkin="hi", quote="change")) == "checkin"  # the marked answer was emptied since
    assert quote_key(Answers()) is None and quote_key(None) is None


def test_short_keeps_one_line_and_cuts_at_a_word() -> None:
    assert short("a\nb   c") == "a b c"
    cut = short("kata " * 60, 40)
    assert len(cut) <= 40 and cut.endswith("kata…")


def test_matrix_effects_and_missing_ratings() -> None:
    group, meetings = program()
    data = displays(ResearchScope(group, "en"), meetings)
    matrix = dict(data.matrix())
    assert list(matrix) == ["K1", "K2"]  # K3 has no research consent
    k1 = matrix["K1"]
    assert k1[0].ratings == (2, None, 1, None, None) and k1[0].quote_key == "checkin" and not k1[0].marked
    assert k1[1].ratings == (None,) * 5 and k1[1].quote == ""  # not rated, said nothing
    assert k1[2].quote == "Sekarang saya berani." and k1[2].marked
    assert matrix["K2"][0].quote == "Saya | rindu =rumah"  # a blank check-in is skipped
    assert matrix["K2"][1].attendance == "absent"
    effects = dict(data.effects())
    assert [(e.first, e.last, e.change) for e in effects["K1"]][:3] == [(2, 4, 2), (None, None, None), (1, 1, 0)]
    assert effects["K2"][0].change == 0


def test_markdown_is_aliased_leaves_the_others_out_and_escapes() -> None:
    group, meetings = program()
    text = displays_markdown(ResearchScope(group, "en"), meetings)
    assert "1 member without recorded research consent is left out of this export." in text
    for name in ("Aisyah", "Bima", "Citra", "Lestari", "K3"):
        assert name not in text, name
    assert "Saya malu bicara dengan another member." not in text  # K1's check-in is the quote, not this
    assert "| K1 | present<br>2 – 1 – –<br>“Saya dari Lahat.”† |" in text
    assert "“Sekarang saya berani.” |" in text  # marked by the counselor: no †
    assert r"Saya \| rindu =rumah" in text
    assert "| K1 | 2 → 4 (+2) | – | 1 → 1 (0) | – | – |" in text
    assert "| Group mean (members rated at two meetings or more) | 2.5 → 3.5 (+1) |" in text
    assert "| Members up / same / down | 1 up / 1 same / 0 down |" in text


def test_an_excluded_members_name_in_anothers_words_becomes_another_member_also_with_names() -> None:
    group, meetings = program()
    meetings[0].answers["K1"] = Answers(problem="Saya malu bicara dengan Citra Lestari.")
    scope = ResearchScope(group, "id", names=True)
    text = displays_markdown(scope, meetings)
    assert "Saya malu bicara dengan anggota lain." in text
    assert "Citra" not in text and "Aisyah Putri" in text
    assert "1 anggota tanpa persetujuan penelitian" in text
    assert scope.stats.replaced == 1


def test_csv_is_long_form_with_formulas_neutralised() -> None:
    group, meetings = program()
    rows = list(csv.DictReader(io.StringIO(displays_csv(ResearchScope(group, "en"), meetings))))
    assert tuple(rows[0]) == DISPLAYS_COLUMNS
    assert [(r["member"], r["meeting"]) for r in rows] == [(m, n) for m in ("K1", "K2") for n in "123"]
    first = rows[0]
    assert (first["open_up"], first["join_discussion"], first["quote_answer"], first["quote_marked"]) == (
        "2",
        "",
        "checkin",
        "false",
    )
    assert rows[2]["quote_marked"] == "true"
    assert rows[3]["quote"] == "Saya | rindu =rumah"
    assert rows[4]["attendance"] == "absent" and rows[4]["quote"] == ""


def test_nobody_with_consent_gives_an_empty_display_that_says_so() -> None:
    group, meetings = program()
    for member in group.members:
        member.consent = None
    text = displays_markdown(ResearchScope(group, "en"), meetings)
    assert "3 members without recorded research consent are left out" in text
    assert "| K1" not in text and "Nothing recorded." in text


def test_a_group_named_after_a_member_left_out_is_group_a_also_with_names() -> None:
    group, meetings = program()
    group = group.model_copy(update={"name": "Kelompok Citra", "id": "kelompok-citra"})
    scope = ResearchScope(group, "en", names=True)
    assert (scope.group_name, scope.group_id) == ("Group A", "group-a")
    assert "Citra" not in displays_markdown(scope, meetings)
    kept = group.model_copy(update={"name": "Kelompok Aisyah"})
    assert ResearchScope(kept, "en", names=True).group_name == "Kelompok Aisyah"  # her own name, with names
    assert ResearchScope(kept, "en").group_name == "Group A"  # aliased: no member's name at all
