"""Aliases that replace names, not words: the issue's sentences, the counselor's name, hidden
characters, the group's own name and id, what the export says it did, and a property test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.model import Answers, Group, Meeting, Member, Observation
from homeroom_tui.program.aliases import GROUP_ID_ALIAS, MIN_PART, Aliaser, alias_text, fold, summary_lines
from homeroom_tui.program.icebreakers import Library
from homeroom_tui.program.report import csv_report, markdown_report

NAMES = ["Bagus Santoso", "Ayu Lestari", "Grace Natalia", "Dewi Kartika", "Bima Putra", "Indah"]


def group_of(names: list[str], *, name: str = "Kelompok Selasa", group_id: str = "kelompok-selasa") -> Group:
    members = [Member(id=f"K{i}", name=n, faculty=f"Fakultas {i}") for i, n in enumerate(names, 1)]
    return Group(
        id=group_id,
        name=name,
        counselor="Bu Ratna Dewi, S.Pd.",
        created=dt.date(2024, 1, 1),
        members=members,
    )


# --- the issue's sentences, in both languages ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indonesian
        ("Bagus membantu Ayu", "K1 membantu K2"),
        ("Diskusinya bagus sekali, Grace-nya ayu.", "Diskusinya bagus sekali, K3-nya ayu."),
        ("Bu Ratna Dewi, S.Pd.", "Bu Ratna Dewi, S.Pd."),
        ("Bu Ratna Dewi senang; Dewi belum datang.", "Bu Ratna Dewi senang; K4 belum datang."),
        ("Ratna Dewi memimpin, dewi-dewi di cerita rakyat.", "Ratna Dewi memimpin, dewi-dewi di cerita rakyat."),
        ("Ayulah yang bertanya, Bimakah? Indahpun ikut.", "K2lah yang bertanya, K5kah? K6pun ikut."),
        ("Indah sekali suasananya.", "K6 sekali suasananya."),  # a sentence start: replaced, and listed
        ("suasananya indah sekali", "suasananya indah sekali"),
        ("bagus santoso dan AYU LESTARI", "K1 dan K2"),  # full names in any case
        ("Putra bukan putra", "K5 bukan putra"),
        # English
        ("Bagus helped Ayu", "K1 helped K2"),
        ("Grace's answer was good; the grace period ended.", "K3's answer was good; the grace period ended."),
        ("BIMA spoke up", "K5 spoke up"),
    ],
)
def test_issue_sentences(text: str, expected: str) -> None:
    assert alias_text(text, group_of(NAMES)) == expected


def test_hidden_characters_and_normal_forms_are_ignored_when_matching() -> None:
    group = group_of(["Bi\u200bma Putra", "Jos\u00e9 Ramos", "Ayu Lestari"])  # a zero-width space in the roster
    assert alias_text("Bima K4 datang", group) == "K1 K4 datang"
    assert alias_text("Bi\u2060ma dan A\u200dyu", group) == "K1 dan K3"  # word joiner, zero-width joiner
    assert alias_text("\u202eBima\u202c", group) == "\u202eK1\u202c"  # bidi controls around: kept as written
    assert alias_text("Ｂｉｍａ", group) == "K1"  # fullwidth letters (NFKC)
    assert alias_text("Jose\u0301 datang", group) == "K2 datang"  # decomposed é matches the composed roster
    assert alias_text("Cafe\u0301 Jos\u00e9", group) == "Cafe\u0301 K2"  # the rest stays exactly as written
    assert alias_text("bi\u200bma", group) == "bi\u200bma"  # lowercase: an ordinary word, left as typed


def test_counselor_kept_whole_but_a_members_part_elsewhere_replaced() -> None:
    group = group_of(["Dewi Lestari", "Ratna Sari"])
    aliases = Aliaser(group)
    assert aliases("Bu Ratna Dewi, S.Pd.") == "Bu Ratna Dewi, S.Pd."
    assert aliases("Kata Ratna Dewi: Ratna dan Dewi pulang.") == "Kata Ratna Dewi: K2 dan K1 pulang."
    report = markdown_report(group, [], lang="id", library=Library(items={}))
    assert "Bu Ratna Dewi, S.Pd." in report


def test_a_counselor_named_like_a_member_does_not_protect_the_member() -> None:
    group = group_of(["Ratna Dewi"]).model_copy(update={"counselor": "Ratna Dewi"})
    assert alias_text("Ratna Dewi datang", group) == "K1 datang"


def test_stats_count_replacements_and_list_the_words_to_check() -> None:
    aliases = Aliaser(group_of(NAMES))
    aliases("Bagus membantu Ayu. Diskusinya bagus, Grace-nya ayu.\nIndah sekali!")
    assert aliases.stats.replaced == 4
    assert dict(aliases.stats.ordinary) == {"bagus": 1, "ayu": 1}
    assert dict(aliases.stats.sentence_starts) == {"Bagus": 1, "Indah": 1}
    english = summary_lines(aliases.stats, "en")
    assert english[0] == "Aliases: 4 names replaced."
    assert "ayu (1×), bagus (1×)" in english[1] and "Bagus (1×), Indah (1×)" in english[2]
    indonesian = summary_lines(aliases.stats, "id")
    assert indonesian[0] == "Alias: 4 nama diganti." and "kata biasa" in indonesian[1]


# --- the group's own name and id, faculties ------------------------------------------------------


def meetings_of(group: Group) -> list[Meeting]:
    meeting = Meeting.new(group, 1, dt.date(2024, 1, 15))
    meeting.status = "completed"
    meeting.answers = {"K1": Answers(checkin="Bagus datang bersama Ayu; suasana bagus.")}
    meeting.observations = {"K2": Observation(open_up=3, note="Ayu mulai berani.")}
    return [meeting]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_group_name_and_id_holding_a_name_are_aliased(lang: Lang) -> None:
    group = group_of(
        ["Aisyah Putri", "Bagus Santoso", "Ayu Lestari"], name="Kelompok Aisyah", group_id="kelompok-aisyah"
    )
    aliases = Aliaser(group)
    assert aliases.group_id == GROUP_ID_ALIAS
    assert aliases.group_name(lang) == t_in(lang, "alias.group_name")
    report = markdown_report(group, meetings_of(group), lang=lang, library=Library(items={}))
    table = csv_report(group, meetings_of(group))
    for text in (report, table):
        assert "aisyah" not in text.casefold()
    assert report.startswith(f"# {t_in(lang, 'report.title', name=t_in(lang, 'alias.group_name'))}\n")
    assert t_in(lang, "report.group_aliased", name=t_in(lang, "alias.group_name")) in report
    assert {row["group_id"] for row in csv.DictReader(io.StringIO(table))} == {GROUP_ID_ALIAS}
    named = markdown_report(group, meetings_of(group), lang=lang, names=True, library=Library(items={}))
    assert "Kelompok Aisyah" in named and "kelompok-aisyah" in named


@pytest.mark.parametrize(
    ("name", "group_id", "aliased"),
    [
        ("Kelompok Selasa", "kelompok-selasa", False),
        ("Kelompok bagus", "kelompok-selasa", True),  # the group's name: any case (the safe direction)
        ("Kelompok Selasa", "nuraini-2024", True),  # a slug spells "Nur'aini" without its apostrophe
        ("Grup Öztürk", "grup-ozturk", True),  # nor its accents
        ("Kelompok Alpha", "kelompok-alpha", False),  # "Al" is too short a part to be a name on its own
    ],
)
def test_which_group_names_hold_a_name(name: str, group_id: str, aliased: bool) -> None:
    group = group_of(["Bagus Santoso", "Nur'aini Siti", "Çelik Öztürk", "Al Farisi"], name=name, group_id=group_id)
    aliases = Aliaser(group)
    assert (aliases.group_name("en") != name or aliases.group_id != group_id) is aliased


def test_faculties_only_when_asked_and_the_report_says_so() -> None:
    group = group_of(NAMES)
    for lang in ("en", "id"):
        report = markdown_report(group, meetings_of(group), lang=lang, library=Library(items={}))
        assert "Fakultas 1" not in report
        assert t_in(lang, "report.faculty_left_out") in report
        asked = markdown_report(group, meetings_of(group), lang=lang, faculty=True, library=Library(items={}))
        assert "Fakultas 1" in asked and t_in(lang, "report.faculty_left_out") not in asked
        named = markdown_report(group, meetings_of(group), lang=lang, names=True, library=Library(items={}))
        assert "Fakultas 1" in named


# --- the property ----------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnoprstuwyéöü"
ORDINARY = ["dan", "yang", "sekali", "sudah", "teman", "bagus", "indah", "ayu", "dewi", "putri", "cahaya", "intan"]
CLITIC = st.sampled_from(["", "", "nya", "lah", "kah", "pun", "'s", "-nya"])
HIDDEN = st.sampled_from(["", "", "", "\u200b", "\u200d", "\u2060", "\u00ad", "\u200e", "\ufeff"])
SEPARATORS = [", ", ". ", "; ", ".\n", "! ", " — ", ":\n- "]  # never whitespace alone: no full name across


@st.composite
def a_word(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(ORDINARY)) if draw(st.booleans()) else draw(st.text(LETTERS, min_size=2, max_size=8))


@st.composite
def rosters(draw: st.DrawFn) -> list[str]:
    names = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(a_word(), min_size=1, max_size=3))
        names.append(" ".join(w.capitalize() for w in words))
    return names


def hide(draw: st.DrawFn, word: str) -> str:
    """``word`` with an invisible character somewhere, and perhaps its accents decomposed."""
    at = draw(st.integers(0, len(word)))
    word = word[:at] + draw(HIDDEN) + word[at:]
    return unicodedata.normalize("NFD", word) if draw(st.booleans()) else word


@st.composite
def texts(draw: st.DrawFn, names: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Tokens joined by separators: names written as names, and ordinary lowercase words."""
    tokens, kinds = [], []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["part", "full", "ordinary", "ordinary", "capital"]))
        words = draw(st.sampled_from(names)).split()
        if kind == "part":
            token = hide(draw, draw(st.sampled_from(words))) + draw(CLITIC)
        elif kind == "full":
            case = draw(st.sampled_from([str.lower, str.upper, str.title, lambda s: s]))
            token = " ".join(hide(draw, case(w)) for w in words)
        elif kind == "capital":
            token = draw(st.sampled_from(["Kami", "Hari", "Semua", "Mereka"]))
        else:
            token = draw(st.sampled_from([*ORDINARY, *(w.lower() for w in words)])) + draw(CLITIC)
        tokens.append(token)
        kinds.append(kind)
    separators = [draw(st.sampled_from(SEPARATORS)) for _ in tokens[1:]]
    return tokens, kinds, separators


def surviving_names(group: Group, text: str) -> list[str]:
    """Name parts written as names (capitalised), and full names in any case, still in ``text``."""
    folded_text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    found = []
    for member in group.members:
        words = member.name.split()
        parts = [w for w in words if len(words) == 1 or len(w) >= MIN_PART]
        for part in parts:
            for m in re.finditer(rf"(?<!\w){re.escape(part)}(?=(?:nya|lah|kah|pun)?(?!\w))", folded_text, re.I):
                if m.group()[0].isupper():
                    found.append(m.group())
        if len(words) >= 2 and fold(member.name) in fold(text):
            found.append(member.name)
    return found


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_no_name_survives_and_no_ordinary_word_changes(data: st.DataObject) -> None:
    names = data.draw(rosters())
    group = group_of(names)
    tokens, kinds, separators = data.draw(texts(names))
    text = tokens[0] + "".join(s + t for s, t in zip(separators, tokens[1:], strict=True))
    out = alias_text(text, group)
    assert surviving_names(group, out) == []
    # every ordinary word stays as typed (a capitalised one too, unless it is a name part), and the
    # separators too: an alias never holds a separator, so the pieces line up with the tokens
    parts = {fold(w) for n in names for w in n.split()}
    pattern = "(" + "|".join(re.escape(s) for s in SEPARATORS) + ")"
    pieces = re.split(pattern, out)
    assert pieces[1::2] == separators
    for token, kind, piece in zip(tokens, kinds, pieces[::2], strict=True):
        if kind == "ordinary" or (kind == "capital" and fold(token) not in parts):
            assert piece == token


def test_a_label_instead_of_the_id_for_some_members() -> None:
    """A research export writes "another member" for those it leaves out; a shared part names both, once each."""
    group = group_of([*NAMES, "Bima Santoso"])
    labels = {"K2": "another member", "K7": "another member"}
    aliases = Aliaser(group, labels=labels)
    assert aliases("Bagus membantu Ayu Lestari; bagus sekali") == "K1 membantu another member; bagus sekali"
    assert aliases("Santoso") == "K1/another member"  # K1 and K7 share it
    assert aliases("Bima") == "K5/another member"


def test_a_name_written_with_markup_signs_is_replaced_whole_and_by_its_letters() -> None:
    """A member entered as "[b]Bima[/b]" (a name is data, markup look-alikes included): the name as
    written and the word "Bima" alone are both replaced in free text; "Plan B" and "bima" are not."""
    group = group_of(["[b]Bima[/b]", "Citra Lestari"])
    aliases = Aliaser(group)
    assert aliases("Saya dan [b]Bima[/b] pergi.") == "Saya dan K1 pergi."
    assert aliases("Bima datang, lalu Bimanya pulang.") == "K1 datang, lalu K1nya pulang."
    assert aliases("Plan B, kata bima.") == "Plan B, kata bima."  # a letter of [b], an ordinary word
