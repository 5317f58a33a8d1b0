"""A counseling group and its members. Imports no Textual."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final, Literal

from pydantic import Field, field_validator, model_validator

from homeroom_tui.model.common import (
    LINE_MAX,
    MEMBERS_MAX,
    SCHEMA_VERSION,
    SHORT_TEXT_MAX,
    Line,
    MemberId,
    Name,
    SchemaVersion,
    StageKey,
    Strict,
    Text,
)


def add_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` plus ``days``, or None past the calendar's end (year 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def member_id(number: int) -> str:
    """The id of the ``number``-th member added to a group: ``K1``, ``K2``, ... (also their alias in reports)."""
    return f"K{number}"


class StageMinutes(Strict):
    """Planned minutes for each of the four stages of a meeting."""

    opening: int = Field(default=10, ge=1, le=600)
    """Opening stage (greeting, purpose, confidentiality, introductions or check-in)."""
    transition: int = Field(default=10, ge=1, le=600)
    """Transition stage (ice-breaker, readiness)."""
    activity: int = Field(default=40, ge=1, le=600)
    """Activity stage: the working part of the meeting."""
    closing: int = Field(default=10, ge=1, le=600)
    """Closing stage: impressions, messages, next meeting."""

    def of(self, stage: StageKey) -> int:
        """Minutes planned for ``stage``."""
        return int(getattr(self, stage))

    @property
    def total(self) -> int:
        """Minutes planned for the whole meeting."""
        return self.opening + self.transition + self.activity + self.closing


class Consent(Strict):
    """What a member consented to, each on the day it was given; a date left out is not recorded.

    ``guardian_needed`` records that a guardian's consent is needed (a minor): research use then
    needs the guardian's date as well. It is kept apart from the date so that the counselor can
    note "needed, not yet given" (the rule: ``program/consent.py``).
    """

    counseling: dt.date | None = None
    """The day the member consented to group counseling."""
    research: dt.date | None = None
    """The day the member consented to the research use of what is recorded about them."""
    guardian: dt.date | None = None
    """The day a parent or guardian consented (where needed)."""
    guardian_needed: bool = False
    """A guardian's consent is needed (e.g. the member is a minor)."""

    @property
    def empty(self) -> bool:
        """Nothing is recorded: the member's file leaves the table out."""
        return self == Consent()


SCALES_MAX: Final = 20
"""Scales a group defines."""
SCALE_ITEMS_MAX: Final = 200
"""Items in one scale."""
SCALE_ID_PATTERN: Final = r"^[a-z0-9][a-z0-9-]{0,47}$"
MISSING_SCORE: Final = "-"
"""How an item without a score is written in ``members.scores.items``."""
INTERVIEW_MAX: Final = 20_000
"""Characters in one interview's notes."""
INTERVIEWS_MAX: Final = 50
"""Interviews kept per member."""


def _empty(value: object) -> bool:
    """A list left out of the file while it is empty (an older homeroom's file stays as it was)."""
    return not value


InterviewKind = Literal["before", "after", "other"]
INTERVIEW_KINDS: Final[tuple[InterviewKind, ...]] = ("before", "after", "other")


class Scale(Strict):
    """A questionnaire the group fills in (e.g. before and after the program). Item texts are not kept
    here (many scales are licensed): the counselor's own ``scales/<id>.toml`` may hold them."""

    id: str = Field(pattern=SCALE_ID_PATTERN)
    """Stable id made from the name (a slug); names the item-text file ``scales/<id>.toml``."""
    name: Name = Field(min_length=1, max_length=LINE_MAX)
    """The scale's name as the counselor writes it."""
    items: int = Field(ge=1, le=SCALE_ITEMS_MAX)
    """How many items the scale has."""
    min: int = Field(default=1, ge=0, le=9)
    """The lowest score of an item (one digit: 0-9)."""
    max: int = Field(default=4, ge=0, le=9)
    """The highest score of an item (one digit: 0-9)."""
    reverse: list[int] = Field(default_factory=list, max_length=SCALE_ITEMS_MAX)
    """Items scored in reverse (1-based numbers): they count as ``min + max - score``."""
    meetings: list[int] = Field(default_factory=list, max_length=100)
    """The meetings at which it is given, e.g. ``[1, 4]`` (before and after)."""

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        if self.max <= self.min:
            raise ValueError("scale_range")
        if any(not 1 <= n <= self.items for n in self.reverse) or len(set(self.reverse)) != len(self.reverse):
            raise ValueError("scale_reverse")
        if any(not 1 <= n <= 100 for n in self.meetings) or len(set(self.meetings)) != len(self.meetings):
            raise ValueError("scale_meetings")
        return self


class ScaleScores(Strict):
    """One member's item scores on one scale at one meeting: one character per item, a digit or ``-``
    (not answered), spaces between groups of five allowed (``"34213 -2431"``)."""

    scale: str = Field(pattern=SCALE_ID_PATTERN)
    """The scale's id."""
    meeting: int = Field(ge=1, le=100)
    """The meeting at which it was given."""
    items: str = Field(pattern=r"^[0-9 -]*$", max_length=SCALE_ITEMS_MAX * 2)
    """The item scores in order; ``-`` where an item has no score."""

    @property
    def values(self) -> list[int | None]:
        """The scores, item by item (None: missing)."""
        return [None if c == MISSING_SCORE else int(c) for c in self.items if c != " "]


class Interview(Strict):
    """A dated interview with the member: needs analysis before the program, in depth after it, or other."""

    kind: InterviewKind
    """``before`` (needs analysis), ``after`` (in-depth, after the program) or ``other``."""
    date: dt.date
    """The day it was held."""
    text: Text = Field(min_length=1, max_length=INTERVIEW_MAX)
    """The counselor's notes of the interview (confidential, like every note)."""


class Member(Strict):
    """A student in the group."""

    id: MemberId
    """Stable id, ``K1``, ``K2``, ... in the order added; used as the alias in reports."""
    name: Name = Field(min_length=1, max_length=LINE_MAX)
    """The student's name as the counselor writes it."""
    faculty: Line | None = Field(default=None, max_length=LINE_MAX)
    """Optional faculty, department or class."""
    note: Text | None = Field(default=None, max_length=SHORT_TEXT_MAX)
    """Optional short note about the member (private)."""
    active: bool = True
    """False once the member has left the group; their past records are kept."""
    consent: Consent | None = None
    """Consent to counseling and research use, with dates; left out while nothing is recorded."""
    scores: list[ScaleScores] = Field(default_factory=list, max_length=SCALES_MAX * 100, exclude_if=_empty)
    """Item scores per scale and meeting (``[[members.scores]]``); left out while there are none."""
    interviews: list[Interview] = Field(default_factory=list, max_length=INTERVIEWS_MAX, exclude_if=_empty)
    """Interview notes, in the order added (``[[members.interviews]]``); left out while there are none."""

    @field_validator("consent")
    @classmethod
    def _empty_consent_is_none(cls, value: Consent | None) -> Consent | None:
        return None if value is not None and value.empty else value


class Group(Strict):
    """One counseling group: its plan and its members."""

    schema_version: SchemaVersion = SCHEMA_VERSION
    """Version of the file format."""
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    """Stable id made from the name (a slug); also the folder name."""
    name: Name = Field(min_length=1, max_length=LINE_MAX)
    """The group's name."""
    counselor: Line = Field(default="", max_length=LINE_MAX)
    """Who leads the group."""
    created: dt.date
    """The day the group was created."""
    meetings_planned: int = Field(default=4, ge=1, le=100)
    """How many meetings the program has."""
    first_meeting: dt.date | None = None
    """Date of meeting 1; later meetings follow every ``every_days`` days."""
    every_days: int = Field(default=7, ge=1, le=365)
    """Days between two meetings."""
    minutes: StageMinutes = Field(default_factory=StageMinutes)
    """Default planned minutes per stage."""
    scales: list[Scale] = Field(default_factory=list, max_length=SCALES_MAX, exclude_if=_empty)
    """Questionnaire scales the group fills in (``[[scales]]``, optional)."""
    members: list[Member] = Field(default_factory=list, max_length=MEMBERS_MAX)
    """The members, in the order they were added."""

    @model_validator(mode="after")
    def _dates_fit_the_calendar(self) -> Group:
        if self.first_meeting is not None:
            try:
                self.first_meeting + dt.timedelta(days=self.every_days * (self.meetings_planned - 1))
            except OverflowError:
                raise ValueError("date_overflow") from None
        return self

    @model_validator(mode="after")
    def _unique_member_ids(self) -> Group:
        seen: set[str] = set()
        for member in self.members:
            if member.id in seen:
                raise ValueError(f"duplicate_member:{member.id}")
            seen.add(member.id)
        return self

    @model_validator(mode="after")
    def _scores_fit_their_scales(self) -> Group:
        scales: dict[str, Scale] = {}
        for scale in self.scales:
            if scale.id in scales:
                raise ValueError(f"duplicate_scale:{scale.id}")
            scales[scale.id] = scale
        for member in self.members:
            seen: set[tuple[str, int]] = set()
            for scores in member.scores:
                given = scales.get(scores.scale)
                if given is None:
                    raise ValueError(f"unknown_scale:{member.id}/{scores.scale}")
                values = scores.values
                if len(values) != given.items:
                    raise ValueError(f"scale_items:{member.id}/{given.id}")
                if any(v is not None and not given.min <= v <= given.max for v in values):
                    raise ValueError(f"scale_score:{member.id}/{given.id}")
                if (given.id, scores.meeting) in seen:
                    raise ValueError(f"duplicate_scores:{member.id}/{given.id}")
                seen.add((given.id, scores.meeting))
        return self

    def scale(self, scale_id: str) -> Scale | None:
        """The scale with ``scale_id``, or None."""
        return next((s for s in self.scales if s.id == scale_id), None)

    @classmethod
    def new(
        cls,
        group_id: str,
        name: str,
        members: Sequence[str],
        *,
        created: dt.date,
        counselor: str = "",
        meetings_planned: int = 4,
        first_meeting: dt.date | None = None,
        every_days: int = 7,
    ) -> Group:
        """A new group whose ``members`` (blank lines left out) get K1, K2, ... in order.

        Validated as one document, so that an error names the member: ``members[2].name``.
        """
        names = [member.strip() for member in members if member.strip()]
        fields: dict[str, object] = {
            "id": group_id,
            "name": name.strip(),
            "counselor": counselor.strip(),
            "created": created,
            "meetings_planned": meetings_planned,
            "every_days": every_days,
            "members": [{"id": member_id(n), "name": member} for n, member in enumerate(names, 1)],
        }
        if first_meeting is not None:
            fields["first_meeting"] = first_meeting
        return cls.model_validate(fields)

    @property
    def active_members(self) -> list[Member]:
        """Members who are still in the group."""
        return [m for m in self.members if m.active]

    def member(self, member_id: str) -> Member | None:
        """The member with ``member_id``, or None."""
        return next((m for m in self.members if m.id == member_id), None)

    def next_member_id(self) -> str:
        """The id for a member added now: never reuses the id of a removed member."""
        numbers = [int(m.id[1:]) for m in self.members]
        return member_id(max(numbers, default=0) + 1)

    def add_member(self, name: str, faculty: str | None = None) -> Member:
        """Add a member with the next free id and return it."""
        member = Member(id=self.next_member_id(), name=name.strip(), faculty=faculty)
        self.members = [*self.members, member]
        return member

    def planned_date(self, number: int) -> dt.date | None:
        """The planned date of meeting ``number`` (1-based), if a first date is set."""
        if self.first_meeting is None:
            return None
        return add_days(self.first_meeting, self.every_days * (number - 1))
