"""Shared types and helpers for the data model. Imports no Textual."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from homeroom_tui.terms import STAGE_KEYS as STAGE_KEYS
from homeroom_tui.terms import StageKey as StageKey

SCHEMA_VERSION: Final = 2
"""The file format version this homeroom writes; it reads every version up to this one.

Version 2 added ``planned_date`` and ``agreed_end`` to meetings (and the other fields of that round). A version-1
file loads as it is and is written as version 2 only when it is saved.
"""

SchemaVersion = Literal[1, 2]
"""The versions this homeroom reads."""


MEMBER_ID_PATTERN: Final = r"^K[1-9][0-9]{0,3}$"

# --- lengths: the one rule for what is saved, read and typed ---------------------------------
# The fields below use these limits, the input widgets read them (homeroom_tui/widgets/limited.py),
# so homeroom never writes what it would refuse to read.

LINE_MAX: Final = 200
"""Characters in a one-line field: a group's, member's or counselor's name, a faculty."""
SHORT_TEXT_MAX: Final = 10_000
"""Characters in a round answer or a short note (attendance, observation, ice-breaker, member)."""
NOTE_MAX: Final = 100_000
"""Characters in a stage's notes or the private notes of a meeting."""
MEMBERS_MAX: Final = 100
"""Members in a group."""


def normalise_newlines(value: str) -> str:
    """Notes typed on Windows or pasted from elsewhere keep one kind of line break."""
    if "\r" not in value:
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def single_line(value: str) -> str:
    """Names and other one-line fields: a pasted line break becomes a space; control characters are refused."""
    value = re.sub(r"\r\n|\r|\n", " ", value)
    if not value.isprintable() and any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c == "\x85" for c in value):
        raise ValueError("control_chars")
    return value


def not_blank(value: str) -> str:
    """A name or text that must say something: one of only spaces is refused as ``blank``."""
    if not value.strip():
        raise ValueError("blank")
    return value


def _check_aware(value: datetime) -> datetime:
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("timezone_missing")
    if offset.total_seconds() % 60:
        raise ValueError("timezone_seconds")
    return value


def _check_clock(value: time) -> time:
    # TOML local times carry no offset; keep it that way so a file round-trips.
    if value.tzinfo is not None:
        raise ValueError("time_with_offset")
    return value


Text = Annotated[str, AfterValidator(normalise_newlines)]
"""Free text typed by the counselor: line breaks are normalised to ``\\n``."""

Line = Annotated[str, AfterValidator(single_line)]
"""A one-line text such as a name: line breaks become spaces."""

Name = Annotated[str, AfterValidator(single_line), AfterValidator(not_blank)]
"""A one-line name that says something (a group's, a member's): line breaks become spaces; not blank."""

MemberId = Annotated[str, StringConstraints(pattern=MEMBER_ID_PATTERN)]
"""``K1``, ``K2``, ...: a member's stable id, also their alias in reports."""

AwareDatetime = Annotated[datetime, AfterValidator(_check_aware)]
"""A timestamp with its timezone offset (whole minutes, as TOML can store)."""

ClockTime = Annotated[time, AfterValidator(_check_clock)]
"""A local time of day without offset, e.g. a late arrival."""


class Strict(BaseModel):
    """Base for every saved model.

    Unknown keys are errors, so typos in a hand edit show up; types are strict, so ``"4"`` is
    not taken for ``4`` nor a number for a date (TOML has real numbers, dates and times).
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True)
