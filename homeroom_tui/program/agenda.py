"""The agenda: per meeting number and stage, the checklist and the round. Imports no Textual.

Bundled as ``homeroom_tui/data/agenda.toml``; a counselor may override meetings by number with an
``agenda.toml`` in the data folder. A damaged user file falls back to the bundled agenda and says
so. Meetings beyond the last one defined reuse the pattern of meeting 3, the working meeting
(members help each other and state resolutions), as the agenda file's header says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from homeroom_tui.i18n import Lang
from homeroom_tui.model import StageKey
from homeroom_tui.model.common import Strict
from homeroom_tui.store import DamagedFile, Problem
from homeroom_tui.store.files import load_model

AGENDA_FILE: Final = "agenda.toml"
PATTERN_BEYOND: Final = 3
AnswerKey = Literal["checkin", "problem", "resolution", "change", "impression", "ready"]
Panel = Literal["checklist", "round", "attendance", "recall", "observations", "notes"]


class Item(Strict):
    """One checklist item."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")
    """Stable id, saved in the meeting file when ticked."""
    en: str = Field(min_length=1, max_length=200)
    """English text."""
    id: str = Field(min_length=1, max_length=200)
    """Indonesian text."""

    def text(self, lang: Lang) -> str:
        """The item in ``lang``."""
        return self.id if lang == "id" else self.en


class Round(Strict):
    """A prompt answered member by member going around the circle."""

    answer: AnswerKey
    """Which answer of the member it fills in (``ready`` is a tick, not a text)."""
    en: str = Field(min_length=1, max_length=300)
    """The prompt in English."""
    id: str = Field(min_length=1, max_length=300)
    """The prompt in Indonesian."""
    appreciate: bool = False
    """Show a tick for the counselor's appreciation of each answer."""

    def text(self, lang: Lang) -> str:
        """The prompt in ``lang``."""
        return self.id if lang == "id" else self.en


class StagePlan(Strict):
    """What a stage of one meeting holds."""

    checklist: list[Item] = Field(default_factory=list, max_length=30)
    """Items to tick."""
    round: Round | None = None
    """The stage's round, if any."""
    panel: Panel = "checklist"
    """The panel shown first in this stage."""

    @field_validator("checklist")
    @classmethod
    def _unique_keys(cls, items: list[Item]) -> list[Item]:
        keys = [item.key for item in items]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate_key")
        return items


class MeetingPlan(Strict):
    """The agenda of one meeting number."""

    number: int = Field(ge=1, le=100)
    """The meeting number it is for."""
    opening: StagePlan = Field(default_factory=StagePlan)
    """Opening stage."""
    transition: StagePlan = Field(default_factory=StagePlan)
    """Transition stage."""
    activity: StagePlan = Field(default_factory=StagePlan)
    """Activity stage."""
    closing: StagePlan = Field(default_factory=StagePlan)
    """Closing stage."""

    def stage(self, key: StageKey) -> StagePlan:
        """The plan of stage ``key``."""
        plan: StagePlan = getattr(self, key)
        return plan


class AgendaFile(BaseModel):
    """An agenda file."""

    schema_version: int
    meetings: list[MeetingPlan] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_numbers(self) -> AgendaFile:
        numbers = [m.number for m in self.meetings]
        if len(set(numbers)) != len(numbers):
            raise ValueError("duplicate_number")
        return self


@dataclass
class Agenda:
    """The agenda in use and what went wrong loading the counselor's file."""

    meetings: dict[int, MeetingPlan]
    problems: list[Problem] = field(default_factory=list)
    user_file: Path | None = None
    fell_back: bool = False

    def for_meeting(self, number: int) -> MeetingPlan:
        """The plan of meeting ``number``; beyond the last one defined, the pattern of meeting 3."""
        if number in self.meetings:
            return self.meetings[number]
        if number > max(self.meetings, default=0) and PATTERN_BEYOND in self.meetings:
            return self.meetings[PATTERN_BEYOND]
        return MeetingPlan(number=number)


def builtin_agenda_path() -> Path:
    """The bundled agenda inside the package."""
    return Path(str(resources.files("homeroom_tui").joinpath("data", AGENDA_FILE)))


def parse_agenda(path: Path) -> dict[int, MeetingPlan]:
    """Read and validate an agenda file; raises :class:`DamagedFile`."""
    return {m.number: m for m in load_model(path, AgendaFile).meetings}


def load_agenda(data_dir: Path | None = None) -> Agenda:
    """The bundled agenda, with the counselor's meetings (by number) in place of the bundled ones."""
    try:
        meetings = parse_agenda(builtin_agenda_path())
    except DamagedFile as exc:  # only a broken installation gets here
        return Agenda(meetings={}, problems=exc.problems)
    agenda = Agenda(meetings=dict(meetings))
    if data_dir is None:
        return agenda
    user = data_dir / AGENDA_FILE
    if not user.exists() and not user.is_symlink():
        return agenda
    agenda.user_file = user
    try:
        agenda.meetings.update(parse_agenda(user))
    except DamagedFile as exc:
        agenda.problems = exc.problems
        agenda.fell_back = True
    return agenda
