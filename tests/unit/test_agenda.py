"""The bundled agenda follows the technique (name recall in meeting 2, problem, resolution, change);
the counselor can override meetings; a bad file falls back."""

from pathlib import Path

from homeroom_tui.model import STAGE_KEYS
from homeroom_tui.program.agenda import builtin_agenda_path, load_agenda, parse_agenda


def test_bundled_agenda_has_four_meetings_complete_in_both_languages() -> None:
    meetings = parse_agenda(builtin_agenda_path())
    assert sorted(meetings) == [1, 2, 3, 4]
    for plan in meetings.values():
        for key in STAGE_KEYS:
            stage = plan.stage(key)
            assert 3 <= len(stage.checklist) <= 8
            assert all(item.english.strip() and item.indonesian.strip() for item in stage.checklist)
            assert stage.round is not None and stage.round.english and stage.round.indonesian


def test_bundled_agenda_follows_the_protocol() -> None:
    meetings = parse_agenda(builtin_agenda_path())
    assert meetings[2].opening.panel == "recall"
    assert "name_recall" in {i.key for i in meetings[2].opening.checklist}
    assert meetings[1].activity.round is not None and meetings[1].activity.round.answer == "problem"
    assert meetings[3].activity.round is not None and meetings[3].activity.round.answer == "resolution"
    assert meetings[3].activity.round.appreciate
    assert meetings[4].activity.round is not None and meetings[4].activity.round.answer == "change"
    assert meetings[4].activity.round.appreciate
    assert all(meetings[n].transition.round.answer == "ready" for n in meetings)  # type: ignore[union-attr]
    assert load_agenda().for_meeting(6) == meetings[3]


def test_counselor_overrides_a_meeting(tmp_path: Path) -> None:
    (tmp_path / "agenda.toml").write_text(
        "schema_version = 1\n[[meetings]]\nnumber = 1\n[meetings.opening]\n"
        'checklist = [{ key = "tea", en = "Make tea", id = "Buat teh" }]\n'
    )
    agenda = load_agenda(tmp_path)
    assert not agenda.fell_back
    assert [i.key for i in agenda.for_meeting(1).opening.checklist] == ["tea"]
    assert agenda.for_meeting(2) == parse_agenda(builtin_agenda_path())[2]


def test_damaged_override_falls_back(tmp_path: Path) -> None:
    (tmp_path / "agenda.toml").write_text("schema_version = 1\n[[meetings]]\nnumber = 0\n")
    agenda = load_agenda(tmp_path)
    assert agenda.fell_back and agenda.problems
    assert agenda.items == parse_agenda(builtin_agenda_path())
