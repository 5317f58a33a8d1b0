import re
import string

import pytest

from homeroom_tui.cli.common import checked_text
from homeroom_tui.i18n import CATALOGS, detect_language, set_language, t, t_count_in, t_in
from homeroom_tui.model import ATTENDANCE_STATUSES, INDICATORS, STAGE_KEYS


def placeholders(text: str) -> set[str]:
    names = {field for _, field, _, _ in string.Formatter().parse(text) if field}
    names |= set(re.findall(r"%\((\w+)\)|%s", text))
    return names


def test_every_key_exists_in_both_languages() -> None:
    en, id_ = set(CATALOGS["en"]), set(CATALOGS["id"])
    assert en - id_ == set(), f"missing in Indonesian: {sorted(en - id_)}"
    assert id_ - en == set(), f"missing in English: {sorted(id_ - en)}"


@pytest.mark.parametrize("key", sorted(CATALOGS["en"]))
def test_translations_are_complete_and_keep_placeholders(key: str) -> None:
    en, id_ = CATALOGS["en"][key], CATALOGS["id"][key]
    assert id_.strip(), f"{key} is empty in Indonesian"
    assert placeholders(en) == placeholders(id_), key


def test_practice_vocabulary_is_translated() -> None:
    for stage in STAGE_KEYS:
        assert t_in("en", f"stage.{stage}") != t_in("id", f"stage.{stage}")
    for status in ATTENDANCE_STATUSES:
        assert t_in("id", f"attendance.{status}") != t_in("en", f"attendance.{status}")
    for indicator in INDICATORS:
        assert t_in("id", f"indicator.{indicator}") != t_in("en", f"indicator.{indicator}")
    assert t_in("id", "stage.opening") == "Tahap awal (pembentukan)"


def test_source_uses_only_known_keys() -> None:
    """Every literal t("...") key used in the package exists in the catalogs."""
    from pathlib import Path

    import homeroom_tui

    root = Path(homeroom_tui.__file__).parent
    used: set[str] = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text()))
        used |= set(re.findall(r"""Binding\([^)]*?["'](key\.[a-z_]+)["']""", path.read_text()))
    assert used, "found no keys: the pattern is wrong"
    assert sorted(used - set(CATALOGS["en"])) == []


@pytest.mark.parametrize(
    ("choice", "env", "expected"),
    [
        ("id", {}, "id"),
        ("en", {"HOMEROOM_LANG": "id"}, "en"),
        (None, {"HOMEROOM_LANG": "id"}, "id"),
        (None, {"LANG": "id_ID.UTF-8"}, "id"),
        (None, {"LC_ALL": "in_ID"}, "id"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        (None, {}, "en"),
        ("xx", {}, "en"),
    ],
)
def test_language_detection(choice: str | None, env: dict[str, str], expected: str) -> None:
    assert detect_language(choice, env) == expected


def test_t_formats_in_current_language() -> None:
    set_language("id")
    assert t("cli.check_bad", problems="3 masalah", files="3 berkas") == "3 masalah dalam 3 berkas yang diperiksa."
    set_language("en")
    assert t("cli.check_bad", problems="3 problems", files="3 files") == "3 problems in 3 files checked."


@pytest.mark.parametrize(
    ("problems", "files", "en", "id_"),
    [
        (1, 1, "1 problem in 1 file checked.", "1 masalah dalam 1 berkas yang diperiksa."),
        (2, 1, "2 problems in 1 file checked.", "2 masalah dalam 1 berkas yang diperiksa."),
        (1, 3, "1 problem in 3 files checked.", "1 masalah dalam 3 berkas yang diperiksa."),
        (0, 0, "0 problems in 0 files checked.", "0 masalah dalam 0 berkas yang diperiksa."),
    ],
)
def test_counts_have_real_plurals(problems: int, files: int, en: str, id_: str) -> None:
    """English says "1 problem", "2 problems"; Indonesian has one form for every count."""
    set_language("id")
    assert checked_text("cli.check_bad", problems, files) == id_
    set_language("en")
    assert checked_text("cli.check_bad", problems, files) == en


def test_plural_texts_in_the_command_line() -> None:
    assert t_count_in("en", "cli.ib.count", 1) == "1 ice-breaker."
    assert t_count_in("en", "cli.ib.count", 12) == "12 ice-breakers."
    assert t_count_in("id", "cli.ib.count", 12) == "12 ice-breaker."
    assert t_count_in("en", "cli.check_ok", 1) == "The 1 file checked is fine."
    assert t_count_in("en", "cli.check_ok", 2) == "All 2 files are fine."
    two_files = t_count_in("en", "cli.files", 2)
    assert t_count_in("en", "cli.check_ok_warnings", 1, files=two_files) == (
        "2 files checked, all fine; 1 field holds control characters (see the warnings)."
    )
    assert "2 fields hold control characters" in t_count_in("en", "cli.check_ok_warnings", 2, files=two_files)
    assert "2 kolom berisi" in t_count_in("id", "cli.check_ok_warnings", 2, files="2 berkas")


def test_no_command_line_text_says_a_count_with_parentheses() -> None:
    for lang in ("en", "id"):
        for key, text in CATALOGS[lang].items():
            if key.startswith("cli."):
                assert "(s)" not in text and "segera hadir" not in text and "coming soon" not in text, key
