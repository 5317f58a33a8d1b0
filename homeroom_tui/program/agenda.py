"""The agenda: per meeting number and stage, the checklist and the round. Imports no Textual.

Bundled as ``homeroom_tui/data/agenda.toml``; a counselor may override meetings by number with an
``agenda.toml`` in the data folder. A damaged user file falls back to the bundled agenda and says
so. Meetings beyond the last one defined reuse the pattern of meeting 3, the working meeting
(members help each other and state resolutions), as the agenda file's header says.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator, model_validator

from homeroom_tui.model import StageKey
from homeroom_tui.model.bilingual import Bilingual
from homeroom_tui.model.common import Strict
from homeroom_tui.store.overlay import Overlaid
from homeroom_tui.store.reading import load_model

AGENDA_FILE: Final = "agenda.toml"
PATTERN_BEYOND: Final = 3
AnswerKey = Literal["checkin", "problem", "resolution", "change", "impression", "ready"]
Panel = Literal["checklist", "round", "attendance", "recall", "observations", "notes"]


ItemText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
"""A checklist item's text in one language."""
RoundText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
"""A round's prompt in one language."""


class Item(Bilingual[ItemText]):
    """One checklist item: its text in both languages (``text(lang)``) and a stable key."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")
    """Stable id, saved in the meeting file when ticked."""


class Round(Bilingual[RoundText]):
    """A prompt answered member by member going around the circle, in both languages (``text(lang)``)."""

    answer: AnswerKey
    """Which answer of the member it fills in (``ready`` is a tick, not a text)."""
    appreciate: bool = False
    """Show a tick for the counselor's appreciation of each answer."""


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
class Agenda(Overlaid[int, MeetingPlan]):
    """The agenda in use (``items``: the meeting plans by number) and what went wrong loading the counselor's file."""

    def for_meeting(self, number: int) -> MeetingPlan:
        """The plan of meeting ``number``; beyond the last one defined, the pattern of meeting 3."""
        if number in self.items:
            return self.items[number]
        if number > max(self.items, default=0) and PATTERN_BEYOND in self.items:
            return self.items[PATTERN_BEYOND]
        return MeetingPlan(number=number)


def builtin_agenda_path() -> Path:
    """The bundled agenda inside the package."""
    return Path(str(resources.files("homeroom_tui").joinpath("data", AGENDA_FILE)))


def parse_agenda(path: Path) -> dict[int, MeetingPlan]:
    """Read and validate an agenda file; raises :class:`DamagedFile`."""
    return {m.number: m for m in load_model(path, AgendaFile).meetings}


def load_agenda(data_dir: Path | None = None) -> Agenda:
    """The bundled agenda, with the counselor's meetings (by number) in place of the bundled ones."""
    user = data_dir / AGENDA_FILE if data_dir is not None else None
    return Agenda.load(builtin_agenda_path(), parse_agenda, user)
