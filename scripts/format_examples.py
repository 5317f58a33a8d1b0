"""Rewrite the two TOML examples in docs/FORMAT.md from the current model (run after a format change).

    python scripts/format_examples.py

The test tests/unit/test_format_doc.py fails while the examples and the model disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from homeroom_tui.model import Answers, Attendance, Group, IcebreakerUse, Meeting, Member, Observation
from homeroom_tui.store.writing import HEADERS, dump_model

DOC = Path(__file__).resolve().parents[1] / "docs" / "FORMAT.md"
TZ = dt.timezone(dt.timedelta(hours=7))


def examples() -> tuple[str, str]:
    """The example group and meeting files."""
    group = Group(
        id="home-room-2024",
        name="Home Room 2024",
        counselor="Bu Sari",
        created=dt.date(2024, 1, 8),
        first_meeting=dt.date(2024, 1, 15),
        members=[
            Member(id="K1", name="Aisyah Putri", faculty="Psikologi"),
            Member(id="K2", name="Bima Pratama", faculty="Syariah dan Hukum", note="Prefers to sit near the door."),
            Member(id="K3", name="Citra Lestari", active=False),
        ],
    )
    meeting = Meeting.new(group, 2)
    meeting.status = "completed"
    meeting.started_at = dt.datetime(2024, 1, 22, 15, 2, tzinfo=TZ)
    meeting.ended_at = dt.datetime(2024, 1, 22, 16, 18, tzinfo=TZ)
    opening = meeting.stages.opening
    opening.actual_seconds = 745.0
    opening.started_at = meeting.started_at
    opening.ended_at = dt.datetime(2024, 1, 22, 15, 14, 25, tzinfo=TZ)
    opening.extended_min = 2
    opening.checklist = ["greeting", "purpose", "confidentiality", "agree_time", "checkin", "name_recall"]
    opening.round_done = ["K1", "K2"]
    opening.notes = "K2 came late.\nThe snacks helped."
    meeting.attendance = {
        "K1": Attendance(status="present"),
        "K2": Attendance(status="late", arrived_at=dt.time(15, 9)),
        "K3": Attendance(status="excused", note="exam"),
    }
    meeting.icebreaker = IcebreakerUse(id="name-and-snack", rating=4, note="Lots of laughing.")
    meeting.name_recall = {"K1": ["K2"], "K2": []}
    meeting.observations = {
        "K1": Observation(
            open_up=3, join_discussion=4, confidence=3, cross_faculty=2, eye_contact=3, note="Spoke first today."
        )
    }
    meeting.answers = {
        "K1": Answers(checkin="Busy week with practicum.", ready=True),
        "K2": Answers(checkin="Tired but glad to be here.", ready=True),
    }
    meeting.private_notes = 'K2 mentioned trouble at the dormitory; follow up.\nQuote: "I felt less alone."'
    return dump_model(group, HEADERS["group"]).decode(), dump_model(meeting, HEADERS["meeting"]).decode()


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = iter(examples())
    DOC.write_text(
        re.sub(r"```toml\n.*?```", lambda _: f"```toml\n{next(blocks)}```", text, flags=re.S), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
