"""The data model: pydantic classes for groups and meetings, and the texts in both languages of the
agenda and the ice-breaker library (``bilingual``). Imports no Textual.
"""

from homeroom_tui.model.common import (
    LINE_MAX,
    MEMBERS_MAX,
    NOTE_MAX,
    SCHEMA_VERSION,
    SHORT_TEXT_MAX,
    STAGE_KEYS,
    StageKey,
    normalise_newlines,
)
from homeroom_tui.model.group import Consent, Group, Member, StageMinutes
from homeroom_tui.model.meeting import (
    ANSWER_KEYS,
    ATTENDANCE_STATUSES,
    INDICATORS,
    Answers,
    Attachment,
    AttachmentKind,
    Attendance,
    AttendanceStatus,
    IcebreakerUse,
    Meeting,
    MeetingStatus,
    Observation,
    Stage,
    Stages,
)

__all__ = [
    "ANSWER_KEYS",
    "ATTENDANCE_STATUSES",
    "INDICATORS",
    "LINE_MAX",
    "MEMBERS_MAX",
    "NOTE_MAX",
    "SCHEMA_VERSION",
    "SHORT_TEXT_MAX",
    "STAGE_KEYS",
    "Answers",
    "Attachment",
    "AttachmentKind",
    "Attendance",
    "AttendanceStatus",
    "Consent",
    "Group",
    "IcebreakerUse",
    "Meeting",
    "MeetingStatus",
    "Member",
    "Observation",
    "Stage",
    "StageKey",
    "StageMinutes",
    "Stages",
    "normalise_newlines",
]
