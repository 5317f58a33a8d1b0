"""Texts in both languages: ``english`` and ``indonesian`` in Python, the keys ``en`` and ``id`` in the files."""

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from homeroom_tui.program.agenda import AgendaFile, builtin_agenda_path, parse_agenda
from homeroom_tui.program.icebreakers import Icebreaker, builtin_path, parse_library
from homeroom_tui.store import DamagedFile

AGENDA = """schema_version = 1

[[meetings]]
number = 1

[meetings.opening]
checklist = [
    { key = "tea", en = "Make tea", id = "Buat teh" },
]
round = { answer = "checkin", en = "How are you?", id = "Apa kabar?" }
"""

ICEBREAKER = {
    "id": "our-own-game",
    "name": {"en": "Our Own Game", "id": "Permainan Kami"},
    "summary": {"en": "Made by us.", "id": "Buatan kami."},
    "steps": {"en": ["Sit in a circle.", "Play."], "id": ["Duduk melingkar.", "Main."]},
    "safety": {"en": "Nobody has to speak.", "id": "Tidak ada yang wajib bicara."},
    "purpose": "bonding",
    "stages": ["transition"],
    "duration_min": 5,
    "duration_max": 10,
    "group_min": 2,
    "group_max": 12,
    "energy": "medium",
    "movement": False,
    "materials": [],
    "prep_minutes": 0,
    "tags": [],
    "evergreen": False,
}


def written(data: dict[str, Any]) -> str:
    return tomli_w.dumps(data, multiline_strings=True)


def test_an_agenda_with_the_id_key_loads_and_is_written_back_with_it(tmp_path: Path) -> None:
    path = tmp_path / "agenda.toml"
    path.write_text(AGENDA, encoding="utf-8")
    opening = parse_agenda(path)[1].opening
    item, prompt = opening.checklist[0], opening.round
    assert prompt is not None
    assert (item.english, item.indonesian, item.text("en"), item.text("id")) == ("Make tea", "Buat teh") * 2
    assert (prompt.english, prompt.indonesian, prompt.text("id")) == ("How are you?", "Apa kabar?", "Apa kabar?")

    again = AgendaFile.model_validate(tomllib.loads(AGENDA)).model_dump(by_alias=True, exclude_unset=True)
    assert again == tomllib.loads(AGENDA)
    assert 'en = "Make tea"' in written(again) and 'id = "Buat teh"' in written(again)


def test_an_icebreaker_with_the_id_key_loads_and_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    text = written({"schema_version": 1, "icebreakers": [ICEBREAKER]})
    path = tmp_path / "icebreakers.toml"
    path.write_text(text, encoding="utf-8")
    entry = parse_library(path)["our-own-game"]
    assert entry.id == "our-own-game"  # the slug: a different thing from the Indonesian text
    assert (entry.name.english, entry.name.indonesian) == ("Our Own Game", "Permainan Kami")
    assert entry.steps.text("id") == ["Duduk melingkar.", "Main."]
    assert entry.safety is not None and entry.safety.text("en") == "Nobody has to speak."

    dumped = entry.model_dump(mode="python", exclude_none=True, by_alias=True)
    assert written({"schema_version": 1, "icebreakers": [dumped]}) == text


@pytest.mark.parametrize("where", ["name", "steps"])
def test_the_python_names_are_not_keys_of_the_file(tmp_path: Path, where: str) -> None:
    english = ICEBREAKER[where]["en"]  # type: ignore[index]
    entry = {**ICEBREAKER, where: {"english": english, "indonesian": english}}
    path = tmp_path / "icebreakers.toml"
    path.write_text(written({"schema_version": 1, "icebreakers": [entry]}), encoding="utf-8")
    with pytest.raises(DamagedFile) as info:
        parse_library(path)
    problems = [str(p) for p in info.value.problems]
    assert any(f"{where}.en" in p for p in problems) and any(f"{where}.english" in p for p in problems), problems


def test_the_bundled_files_are_written_back_as_they_were_read() -> None:
    agenda = tomllib.loads(builtin_agenda_path().read_text(encoding="utf-8"))
    assert AgendaFile.model_validate(agenda).model_dump(by_alias=True, exclude_unset=True) == agenda
    library = tomllib.loads(builtin_path().read_text(encoding="utf-8"))["icebreakers"]
    loaded = [Icebreaker.model_validate(raw).model_dump(by_alias=True, exclude_unset=True) for raw in library]
    assert loaded == library
