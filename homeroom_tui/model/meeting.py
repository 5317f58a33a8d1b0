"""One meeting of a group: stages, attendance, ice-breaker, recall, observations, rounds, notes.

Imports no Textual.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from homeroom_tui.model.common import (
    LINE_MAX,
    MEMBERS_MAX,
    NOTE_MAX,
    SCHEMA_VERSION,
    SHORT_TEXT_MAX,
    STAGE_KEYS,
    AwareDatetime,
    ClockTime,
    Line,
    MemberId,
    SchemaVersion,
    StageKey,
    Strict,
    Text,
)
from homeroom_tui.model.group import Group

MeetingStatus = Literal["planned", "in_progress", "completed"]
AttendanceStatus = Literal["present", "late", "excused", "absent", "unknown"]
ATTENDANCE_STATUSES: Final[tuple[AttendanceStatus, ...]] = (
    "present",
    "late",
    "excused",
    "absent",
    "unknown",
)

INDICATORS: Final = ("open_up", "join_discussion", "confidence", "cross_faculty", "eye_contact")
"""The five social-contact indicators the counselor observes, in the order the practice lists them
(opening up, joining the discussion, confidence, friends across faculties, eye contact)."""

AnswerKey = Literal["checkin", "problem", "resolution", "change", "impression"]
"""Which of a member's round answers (the fields of :class:`Answers` holding text)."""
ANSWER_KEYS: Final[tuple[AnswerKey, ...]] = ("checkin", "problem", "resolution", "change", "impression")
"""The round answers a member can give, meeting by meeting."""


class Stage(Strict):
    """One of the four stages of a meeting."""

    planned_min: int = Field(ge=1, le=600)
    """Minutes planned for the stage."""
    actual_seconds: float = Field(default=0.0, ge=0, le=86_400, allow_inf_nan=False)
    """Seconds the stage actually ran (pauses excluded)."""
    started_at: AwareDatetime | None = None
    """When the stage was first entered."""
    ended_at: AwareDatetime | None = None
    """When the stage was last left."""
    resumed_at: AwareDatetime | None = None
    """Set while the stage's clock runs: when ``actual_seconds`` was last brought up to date.

    After a crash the stage has run for ``actual_seconds`` plus the time since ``resumed_at``.
    """
    extended_min: int = Field(default=0, ge=-600, le=600)
    """Minutes the counselor added to (or took from) the plan during the meeting."""
    checklist: list[str] = Field(default_factory=list, max_length=200)
    """Ids of the checklist items ticked."""
    round_done: list[MemberId] = Field(default_factory=list, max_length=MEMBERS_MAX)
    """Members who have had their turn in the stage's round."""
    notes: Text = Field(default="", max_length=NOTE_MAX)
    """Free notes for the stage."""


class Stages(Strict):
    """All four stages; a meeting file always lists every one of them."""

    opening: Stage
    """Opening stage."""
    transition: Stage
    """Transition stage."""
    activity: Stage
    """Activity stage."""
    closing: Stage
    """Closing stage."""

    def __getitem__(self, key: StageKey) -> Stage:
        if key not in STAGE_KEYS:
            raise KeyError(key)
        stage: Stage = getattr(self, key)
        return stage


class Attendance(Strict):
    """Whether a member came."""

    status: AttendanceStatus = "unknown"
    """present, late, excused, absent or unknown."""
    arrived_at: ClockTime | None = None
    """Local time a late member arrived."""
    note: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """Short note, e.g. the reason for an absence."""


class IcebreakerUse(Strict):
    """The ice-breaker used in the transition stage."""

    id: str = Field(min_length=1, max_length=100)
    """The activity's id in the ice-breaker library."""
    rating: int | None = Field(default=None, ge=1, le=5)
    """How well it worked, 1 to 5."""
    note: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """Short note on how it went."""


class Observation(Strict):
    """The counselor's judgement of one member on the five social-contact indicators."""

    open_up: int | None = Field(default=None, ge=1, le=5)
    """Dares to open up about themself."""
    join_discussion: int | None = Field(default=None, ge=1, le=5)
    """Wants to join the discussion with the others."""
    confidence: int | None = Field(default=None, ge=1, le=5)
    """Speaks with confidence in front of the other members."""
    cross_faculty: int | None = Field(default=None, ge=1, le=5)
    """Makes friends with members from other faculties."""
    eye_contact: int | None = Field(default=None, ge=1, le=5)
    """Dares to look the person they talk with in the eye."""
    note: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """Short note."""


class SelfRating(Strict):
    """A member's rating of themself on the five social-contact indicators (1-5 each, optional).

    Entered at the end of a meeting, by the counselor from paper or by the member in the runner's
    pass-the-laptop mode; shown beside the counselor's :class:`Observation` in review.
    """

    open_up: int | None = Field(default=None, ge=1, le=5)
    """I dare to open up about myself."""
    join_discussion: int | None = Field(default=None, ge=1, le=5)
    """I want to join the discussion with the others."""
    confidence: int | None = Field(default=None, ge=1, le=5)
    """I speak with confidence in front of the other members."""
    cross_faculty: int | None = Field(default=None, ge=1, le=5)
    """I make friends with members from other faculties."""
    eye_contact: int | None = Field(default=None, ge=1, le=5)
    """I dare to look the person I talk with in the eye."""


class Answers(Strict):
    """What a member said in the rounds of a meeting."""

    checkin: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """Introduction (meeting 1) or how they are and what they did this week."""
    problem: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """The social-interaction problem they shared."""
    resolution: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """What they resolve to change."""
    change: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """How they changed since the first meeting."""
    impression: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """Impression and message at the close."""
    ready: bool | None = None
    """Said they were ready in the transition round."""
    appreciated: bool = False
    """The counselor appreciated their resolution or change."""
    quote: AnswerKey | None = None
    """The answer the counselor chose in review as this member's quote of the meeting (the study's displays)."""


AttachmentKind = Literal["photo", "audio", "form", "other"]
ATTACHMENTS_MAX: Final = 500
"""Files attached to one meeting."""


class Attachment(Strict):
    """A file (photo, audio recording, scanned form) kept with a meeting's documentation.

    homeroom copies it into ``groups/<group>/attachments/<meeting-number>/`` and never opens it.
    """

    file: str = Field(min_length=1, max_length=255, pattern=r"^[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*$")
    """The copy's file name in the meeting's attachments folder (no folder, no leading dot)."""
    original_name: Line = Field(default="", max_length=LINE_MAX)
    """The file's name where it came from."""
    kind: AttachmentKind = "other"
    """photo, audio, form (a scan, a PDF) or other; guessed from the extension."""
    size: int = Field(ge=0)
    """Bytes."""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the content, to tell that the copy is whole."""
    added_at: AwareDatetime
    """When it was attached."""
    note: Text = Field(default="", max_length=SHORT_TEXT_MAX)
    """What it shows or holds."""
    members: list[MemberId] = Field(default_factory=list, max_length=MEMBERS_MAX)
    """Who appears in it or whom it concerns (empty: the group as a whole)."""


class Meeting(Strict):
    """One meeting of a group, saved as its own file."""

    schema_version: SchemaVersion = SCHEMA_VERSION
    """Version of the file format."""
    group_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    """Id of the group the meeting belongs to."""
    number: int = Field(ge=1, le=100)
    """1 for the first meeting of the program, 2 for the second, ..."""
    date: dt.date
    """The day the meeting was held (the day it started); while it is only planned, the day planned."""
    planned_date: dt.date | None = None
    """The day the meeting was planned for, kept when it starts (absent: ``date`` was the plan too)."""
    status: MeetingStatus = "planned"
    """planned, in_progress or completed."""
    started_at: AwareDatetime | None = None
    """When the meeting started."""
    agreed_end: AwareDatetime | None = None
    """When the meeting is to end, as agreed with the members in the opening stage (to the minute)."""
    ended_at: AwareDatetime | None = None
    """When the meeting ended."""
    amended_at: AwareDatetime | None = None
    """When the meeting was last changed in review, after it was completed."""
    current_stage: StageKey | None = None
    """The stage the meeting is in (while in progress), so a restart reopens it there."""
    stages: Stages
    """The four stages."""
    attendance: dict[MemberId, Attendance] = Field(default_factory=dict)
    """Attendance per member id."""
    icebreaker: IcebreakerUse | None = None
    """The ice-breaker used, if any yet."""
    name_recall: dict[MemberId, list[MemberId]] = Field(default_factory=dict)
    """Per member: the ids of the peers they named correctly."""
    observations: dict[MemberId, Observation] = Field(default_factory=dict)
    """Per member: the five indicators."""
    self_ratings: dict[MemberId, SelfRating] = Field(default_factory=dict)
    """Per member: their own rating of themself on the five indicators (schema 2, optional)."""
    answers: dict[MemberId, Answers] = Field(default_factory=dict)
    """Per member: round answers."""
    private_notes: Text = Field(default="", max_length=NOTE_MAX)
    """The counselor's private notes; left out of reports unless asked for."""
    attachments: list[Attachment] = Field(default_factory=list, max_length=ATTACHMENTS_MAX)
    """Files attached to the meeting (photos, recordings, scanned forms), copied into the group's folder."""

    @field_validator("name_recall")
    @classmethod
    def _recall_sane(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for who, named in value.items():
            if who in named:
                raise ValueError(f"recall_self:{who}")
            if len(set(named)) != len(named):
                raise ValueError(f"recall_duplicate:{who}")
        return value

    @model_serializer(mode="wrap")
    def _leave_out_empty(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A meeting without self-ratings is written as before they existed (no empty table)."""
        data: dict[str, Any] = handler(self)
        if not self.self_ratings:
            data.pop("self_ratings", None)
        return data

    @model_validator(mode="after")
    def _times_in_order(self) -> Meeting:
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            raise ValueError("ended_before_started")
        return self

    @classmethod
    def new(cls, group: Group, number: int, date: dt.date | None = None) -> Meeting:
        """A planned meeting for ``group`` with the group's default stage minutes."""
        when = date or group.planned_date(number) or dt.date.today()
        stages = Stages(**{key: Stage(planned_min=group.minutes.of(key)) for key in STAGE_KEYS})
        return cls(group_id=group.id, number=number, date=when, stages=stages)

    @property
    def scheduled_date(self) -> dt.date:
        """The day the meeting was planned for."""
        return self.planned_date or self.date

    def member_ids(self) -> set[str]:
        """Every member id the meeting mentions."""
        ids: set[str] = set(self.attendance) | set(self.observations) | set(self.answers) | set(self.self_ratings)
        for who, named in self.name_recall.items():
            ids.add(who)
            ids.update(named)
        for key in STAGE_KEYS:
            ids.update(self.stages[key].round_done)
        for attachment in self.attachments:
            ids.update(attachment.members)
        return ids
