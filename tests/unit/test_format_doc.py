"""The examples in docs/FORMAT.md are real files: they load, and they are what homeroom writes."""

import re
from pathlib import Path

from homeroom_tui.model import Consent, Group, Meeting, Member
from homeroom_tui.store import dump_model, load_model
from homeroom_tui.store.writing import HEADERS

DOC = Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md"


def examples() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_format_doc_examples_load_and_match_what_homeroom_writes(tmp_path: Path) -> None:
    group_text, meeting_text = examples()
    group_path = tmp_path / "group.toml"
    group_path.write_text(group_text, encoding="utf-8")
    group = load_model(group_path, Group)
    assert dump_model(group, HEADERS["group"]).decode() == group_text

    meeting_path = tmp_path / "meeting-02.toml"
    meeting_path.write_text(meeting_text, encoding="utf-8")
    meeting = load_model(meeting_path, Meeting)
    assert dump_model(meeting, HEADERS["meeting"]).decode() == meeting_text
    assert set(meeting.member_ids()) <= {m.id for m in group.members}


def test_every_member_field_is_documented() -> None:
    """The group table names each member field, and the consent table each of its own."""
    doc = DOC.read_text(encoding="utf-8")
    for field in Member.model_fields:
        assert f"`members.{field}`" in doc or f"`[members.{field}]`" in doc, field
    consent_row = next(line for line in doc.splitlines() if line.startswith("| `[members.consent]`"))
    for field in Consent.model_fields:
        assert f"`{field}`" in consent_row, field
