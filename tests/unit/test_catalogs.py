"""The catalogs hold only texts the program shows, once each."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import get_args

from pydantic_core.core_schema import ErrorType

import homeroom_tui
from homeroom_tui.i18n import CATALOGS, plural, set_language, t_count, t_count_in
from homeroom_tui.model import ANSWER_KEYS, ATTENDANCE_STATUSES, INDICATORS, STAGE_KEYS
from homeroom_tui.model.group import INTERVIEW_KINDS
from homeroom_tui.model.meeting import MeetingStatus
from homeroom_tui.program.members import CONSENT_KINDS
from homeroom_tui.program.scales import SCALE_FIELDS
from homeroom_tui.terms import Energy, Purpose

PACKAGE = Path(homeroom_tui.__file__).parent
ROOT = PACKAGE.parent
CATALOG_FILES = {PACKAGE / "i18n" / "en.py", PACKAGE / "i18n" / "id.py"}


def source_text() -> str:
    """Every file that can name a catalog key: the package's code and templates, and scripts/."""
    files = [*PACKAGE.rglob("*.py"), *(PACKAGE / "templates").rglob("*"), *(ROOT / "scripts").rglob("*.py")]
    return "\n".join(path.read_text() for path in sorted(files) if path.is_file() and path not in CATALOG_FILES)


def library_materials() -> set[str]:
    library = tomllib.loads((ROOT / "icebreakers.toml").read_text())
    return {m.strip().lower() for item in library["icebreakers"] for m in item.get("materials", [])}


def value_error_codes(source: str) -> set[str]:
    """The codes the models raise as ``ValueError("code")`` or ``ValueError(f"code:{arg}")``."""
    return set(re.findall(r"""ValueError\(f?["']([a-z_]+)[:"']""", source))


def dynamic_keys(source: str) -> dict[str, tuple[str, set[str]]]:
    """Keys built at run time from a prefix: the prefix -> (where it is built, the suffixes it can take)."""
    panels = {"checklist", "round", "attendance", "recall", "observations", "notes", "icebreaker", "selfrating"}
    return {
        "stage.": ("program/report.py, screens/review.py: t(f'stage.{key}')", set(STAGE_KEYS)),
        "stage_short.": ("screens/meeting.py stepper: t(f'stage_short.{key}')", set(STAGE_KEYS)),
        "attendance.": ("widgets/panels.py, program/report.py: t(f'attendance.{status}')", set(ATTENDANCE_STATUSES)),
        "review.att_short.": ("screens/review.py member view: t(f'review.att_short.{s}')", set(ATTENDANCE_STATUSES)),
        "meeting_status.": (
            "screens/review.py, program/report.py: t(f'meeting_status.{status}')",
            set(get_args(MeetingStatus)),
        ),
        "indicator.": ("widgets/panels.py, program/report.py: t(f'indicator.{key}')", set(INDICATORS)),
        "indicator_short.": ("widgets/panels.py grid columns: t(f'indicator_short.{key}')", set(INDICATORS)),
        "review.ind_short.": ("screens/review.py: t(f'review.ind_short.{i}')", set(INDICATORS)),
        "review.answer.": ("screens/review.py member view: t(f'review.answer.{key}')", set(ANSWER_KEYS)),
        "report.answer.": ("program/report.py, program/html_report.py: t(f'report.answer.{k}')", set(ANSWER_KEYS)),
        "energy.": ("program/icebreakers.py card: t(f'energy.{item.energy}')", set(get_args(Energy))),
        "energy_level.": (
            "widgets/icebreaker_picker.py filter, cli: t(f'energy_level.{energy}')",
            set(get_args(Energy)),
        ),
        "purpose.": ("program/icebreakers.py, picker, cli: t(f'purpose.{item.purpose}')", set(get_args(Purpose))),
        "material.": ("program/icebreakers.py material_name: f'material.{material}'", library_materials()),
        "panel.": ("screens/meeting.py PANELS: f'panel.{name}'", panels),
        "panel_short.": ("screens/meeting.py PANELS tabs: t(f'panel_short.{name}')", panels),
        "cmd.panel_": ("screens/meeting.py PANELS: f'cmd.panel_{name}'", panels),
        "entered.": (
            "screens/meeting.py cancel refused: t(f'entered.{kind}'), kinds from program/program_end.py",
            {
                "attendance",
                "tick",
                "answer",
                "rating",
                "recall",
                "icebreaker",
                "note",
            },
        ),
        "review.where.": (
            "screens/review.py search: the first part of program/review.py texts()' where",
            {
                "stages",
                "private_notes",
                "answers",
                "observations",
                "attendance",
                "icebreaker",
            },
        ),
        "member.field.consent.": (
            "program/members.py edited_member, screens/member_details.py: t(f'member.field.consent.{kind}')",
            set(CONSENT_KINDS),
        ),
        "member.field.": ("screens/member_details.py saved: t(f'member.field.{field}')", {"scores", "interviews"}),
        "member.scale.field.": (
            "screens/member_research.py ScaleDialog: t(f'member.scale.field.{name}')",
            set(SCALE_FIELDS),
        ),
        "member.scale.placeholder.": (
            "screens/member_research.py ScaleDialog: t(f'member.scale.placeholder.{name}')",
            set(SCALE_FIELDS),
        ),
        "member.interview.kind.": (
            "program/interviews.py title: t(f'member.interview.kind.{kind}')",
            set(INTERVIEW_KINDS),
        ),
        "review.consent.": ("screens/review/members.py consent_line: t(f'review.consent.{kind}')", set(CONSENT_KINDS)),
        "report.missing.": ("program/fidelity.py: t_in(lang, f'report.missing.{kind}')", {"icebreaker", "attendance"}),
        "cli.ib.col.": (
            "cli.py icebreakers list: t(f'cli.ib.col.{c}')",
            {
                "id",
                "name",
                "minutes",
                "size",
                "energy",
                "purpose",
            },
        ),
        "err.value.": ("store/errors.py: f'err.value.{code}' from a model's ValueError", value_error_codes(source)),
        "err.": ("store/errors.py: f'err.{kind}' for pydantic's error types", set(get_args(ErrorType))),
    }


def is_used(key: str, source: str, dynamic: dict[str, tuple[str, set[str]]]) -> bool:
    if f'"{key}"' in source or f"'{key}'" in source:
        return True
    base, _, form = key.rpartition(".")
    if form in ("one", "other") and (f'"{base}"' in source or f"'{base}'" in source):
        return True  # t_count(base, n) picks base.one or base.other
    return any(key.startswith(prefix) and key[len(prefix) :] in suffixes for prefix, (_, suffixes) in dynamic.items())


def test_every_key_is_used_somewhere() -> None:
    source = source_text()
    dynamic = dynamic_keys(source)
    unused = [key for key in CATALOGS["en"] if not is_used(key, source, dynamic)]
    assert unused == [], f"catalog keys nobody uses: {unused}"


def test_the_key_finder_finds_what_it_should() -> None:
    source = source_text()
    dynamic = dynamic_keys(source)
    assert is_used("home.title", source, dynamic)  # a literal t("...")
    assert is_used("stage.closing", source, dynamic)  # built as f"stage.{key}"
    assert is_used("err.value.recall_self", source, dynamic)  # ValueError(f"recall_self:{who}")
    assert is_used("err.int_type", source, dynamic)  # a pydantic error type
    assert is_used("review.hits.one", source, dynamic)  # t_count("review.hits", n)
    assert not is_used("stage.lunch", source, dynamic)
    assert not is_used("home.nothing_here", source, dynamic)
    assert {"blank", "recall_self", "duplicate_key"} <= dynamic["err.value."][1]
    assert "soft ball" in dynamic["material."][1]


# English texts that sit under two or more keys on purpose, with the reason. Keys of the action
# tables (``key.*``, the footer's and help's labels, checked against the README) are left out:
# an action's label may read like the heading of what it opens without being that heading.
SAME_ENGLISH = {
    **{
        frozenset({f"stage.{s}", f"stage_short.{s}"}): "the stage's name and its short tab label differ in Indonesian"
        for s in STAGE_KEYS
    },
    frozenset({"common.icebreaker", "panel.icebreaker", "panel_short.icebreaker"}): (
        "the activity vs the runner's panel, 'Ice breaking' in Indonesian; panel_short.* is built for every panel"
    ),
    frozenset({"home.title", "help.section.home"}): "Indonesian: 'Kelompok' vs the help's 'Daftar kelompok'",
    frozenset({"home.col.name", "report.group_row"}): "the column of group names vs a table's whole-group row",
    frozenset({"form.meetings", "report.meetings_planned"}): "Indonesian: the form asks for a number (Jumlah)",
    frozenset({"purpose.name_recall", "entered.recall"}): "Indonesian: 'mengingat nama' vs 'ingat nama'",
    frozenset({"review.answer.change", "report.answer.change", "report.col.recall_change"}): (
        "the member's answer, built per answer key on the screen and in the report (other answers differ"
        " there: 'Shared' / 'Problem shared'), vs the change in name recall"
    ),
    frozenset({"review.answer.checkin", "report.answer.checkin"}): "answers built per key; others differ",
    frozenset({"review.answer.resolution", "report.answer.resolution"}): "answers built per key; others differ",
    frozenset({"panel.checklist", "panel_short.checklist"}): "Indonesian: 'Daftar periksa' vs the tab's 'Daftar'",
    frozenset({"panel.round", "panel_short.round"}): "panel_short.{name} is built for every panel's tab",
    frozenset({"panel.attendance", "panel_short.attendance"}): "panel_short.{name} is built for every panel's tab",
    frozenset({"panel.notes", "panel_short.notes"}): "panel_short.{name} is built for every panel's tab",
    frozenset({"panel.recall", "report.col.recall"}): "Indonesian: 'Ingat nama' vs 'Mengingat nama'",
    frozenset({"entered.attendance", "review.where.attendance"}): "built from a kind: what was entered, where a hit is",
    frozenset({"report.missing.attendance", "run.attendance_not_taken"}): (
        "Indonesian: 'tidak dicatat' (was not, in a report) vs 'belum dicatat' (not yet, live)"
    ),
}


def test_one_english_text_has_one_key() -> None:
    keys_of: dict[str, set[str]] = {}
    for key, text in CATALOGS["en"].items():
        if not key.startswith("key."):
            keys_of.setdefault(text, set()).add(key)
    shared = {frozenset(keys): text for text, keys in keys_of.items() if len(keys) > 1}
    unexplained = sorted((text, sorted(keys)) for keys, text in shared.items() if keys not in SAME_ENGLISH)
    assert unexplained == [], f"the same English under several keys: keep one key, or explain it: {unexplained}"
    stale = [sorted(keys) for keys in SAME_ENGLISH if keys not in shared]
    assert stale == [], f"allowed duplicates that are gone: {stale}"


def test_counted_texts_have_both_forms() -> None:
    """Every key given to t_count / t_count_in has a ``.one`` and an ``.other`` form."""
    source = source_text()
    counted = set(re.findall(r"""\bt_count(?:_in)?\((?:[\w.]+, )?\s*["']([a-z_.]+)["']""", source))
    counted |= {"program.add_meeting_early"}  # app.py: t_count("program.add_meeting" if ... else "...early", n)
    assert {"home.problems", "review.hits", "alias.replaced", "report.schedule_value"} <= counted
    for key in sorted(counted):
        assert {f"{key}.one", f"{key}.other"} <= set(CATALOGS["en"]), key
        assert key not in CATALOGS["en"], f"{key} is counted: only its .one and .other forms belong in the catalog"


def test_no_count_is_written_with_a_parenthesised_plural() -> None:
    """ "1 problem", "2 problems", never "problem(s)" (the command line's texts are the cli's to change)."""
    guessed = {key: text for key, text in CATALOGS["en"].items() if re.search(r"\w\((s|es)\)", text)}
    assert [key for key in guessed if not key.startswith("cli.")] == []


def test_counts_have_real_plurals() -> None:
    assert [plural("en", n) for n in (0, 1, 2, 21)] == ["other", "one", "other", "other"]
    assert {plural("id", n) for n in (0, 1, 2)} == {"other"}
    assert t_count_in("en", "alias.replaced", 1) == "Aliases: 1 name replaced."
    assert t_count_in("en", "alias.replaced", 4) == "Aliases: 4 names replaced."
    assert t_count_in("id", "alias.replaced", 1) == "Alias: 1 nama diganti."
    assert t_count_in("en", "report.schedule_value", 7, date="2024-01-15") == "first meeting 2024-01-15, every 7 days"
    set_language("en")
    assert t_count("home.problems", 1) == "1 file could not be read and was left as it is:"
    assert t_count("review.hits", 3) == "3 matches · Enter opens the meeting"


def test_both_catalogs_list_the_keys_in_the_same_order_under_the_same_headings() -> None:
    """en.py and id.py are ordered by screen, the same way, so a key is found at the same place in both."""
    assert list(CATALOGS["en"]) == list(CATALOGS["id"])
    en, id_ = ((PACKAGE / "i18n" / f"{lang}.py").read_text().splitlines() for lang in ("en", "id"))
    headings = [line for line in en if line.strip().startswith("# ")]
    assert len(headings) >= 10, "one heading per screen or area"
    assert headings == [line for line in id_ if line.strip().startswith("# ")]

    # A heading sits on the line before the key it introduces, at the same key in both files.
    def heading_keys(lines: list[str]) -> list[str]:
        return [lines[i + 1].split('"')[1] for i, line in enumerate(lines) if line.strip().startswith("# ")]

    assert heading_keys(en) == heading_keys(id_)
