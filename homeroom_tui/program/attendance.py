"""Who is in the room: one rule for the runner, the review, the ice-breaker picker and the reports.

- **Present** means present or late. Only they count as present in the runner's header, the
  review and the reports.
- **Taking part** means present, late, or not yet marked: such a member can take turns, give
  answers, be rated and recall names, and counts in the group's expected size (the picker). A
  member marked excused or absent takes no part; whatever was recorded for them before stays.

Imports no Textual.
"""

from __future__ import annotations

from typing import Final

from homeroom_tui.model import AttendanceStatus, Group, Meeting, Member

PRESENT: Final[tuple[AttendanceStatus, ...]] = ("present", "late")
AWAY: Final[tuple[AttendanceStatus, ...]] = ("excused", "absent")


def roster(group: Group, meeting: Meeting) -> list[Member]:
    """The members a meeting is about: the active ones, plus anyone with a record in it."""
    mentioned = meeting.member_ids()
    return [m for m in group.members if m.active or m.id in mentioned]


def attendance_status(meeting: Meeting, member_id: str) -> AttendanceStatus:
    """The member's attendance (``unknown`` when not recorded)."""
    record = meeting.attendance.get(member_id)
    return record.status if record else "unknown"


def attendance_taken(meeting: Meeting) -> bool:
    """Whether anyone's attendance has been marked (``unknown`` is not a mark)."""
    return any(record.status != "unknown" for record in meeting.attendance.values())


def is_present(meeting: Meeting, member_id: str) -> bool:
    """Present or late."""
    return attendance_status(meeting, member_id) in PRESENT


def takes_part(meeting: Meeting, member_id: str) -> bool:
    """Present, late or not yet marked: may take turns, answer, be rated and recall names."""
    return attendance_status(meeting, member_id) not in AWAY


def present_ids(group: Group, meeting: Meeting) -> set[str]:
    """Members on the roster marked present or late (nobody while attendance is not taken)."""
    return {m.id for m in roster(group, meeting) if is_present(meeting, m.id)}


def taking_part(group: Group, meeting: Meeting) -> list[Member]:
    """Members on the roster who take part (present, late or not yet marked), in circle order."""
    return [m for m in roster(group, meeting) if takes_part(meeting, m.id)]


def expected_size(group: Group, meeting: Meeting) -> int:
    """How many members the activities should be planned for: everyone taking part."""
    return len(taking_part(group, meeting))


def recall_peers(group: Group, meeting: Meeting, member_id: str) -> list[Member]:
    """The peers a member can be asked to name, and whose names count in their recall score.

    Once attendance is taken, the peers present or late (a member not marked by the end of a
    meeting was not seen there); before that, everyone taking part, so that recall can come first.
    """
    peers = taking_part(group, meeting) if not attendance_taken(meeting) else None
    if peers is None:
        present = present_ids(group, meeting)
        peers = [m for m in roster(group, meeting) if m.id in present]
    return [m for m in peers if m.id != member_id]
