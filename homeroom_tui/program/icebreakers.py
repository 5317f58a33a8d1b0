"""The ice-breaker library and the picker. Imports no Textual.

The library is ``icebreakers.toml``: the built-in one shipped with homeroom, merged by id with the
counselor's own file (``icebreakers.toml`` in the data folder, or ``--icebreakers PATH``). A
damaged user file never stops anything: homeroom falls back to the built-in library and says so.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, ValidationError, model_validator

from homeroom_tui.i18n import Lang, has, t
from homeroom_tui.model import STAGE_KEYS, Group, Meeting, StageKey
from homeroom_tui.model.bilingual import Bilingual
from homeroom_tui.model.common import Strict, not_blank
from homeroom_tui.program.attendance import expected_size
from homeroom_tui.store import DamagedFile, Problem
from homeroom_tui.store.errors import find_line, validation_problems
from homeroom_tui.store.overlay import Overlaid
from homeroom_tui.store.reading import read_versioned
from homeroom_tui.terms import ENERGIES as ENERGIES
from homeroom_tui.terms import PURPOSES as PURPOSES
from homeroom_tui.terms import Energy as Energy
from homeroom_tui.terms import Purpose as Purpose

USER_FILE: Final = "icebreakers.toml"


LibraryText = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(not_blank)]
"""A text of the library in one language; not blank."""


class BilingualText(Bilingual[LibraryText]):
    """A text of the library in both languages (``text(lang)``)."""


class BilingualList(Bilingual[Annotated[list[str], Field(min_length=1, max_length=20)]]):
    """A list of texts in both languages, item for item (``text(lang)`` is the list)."""

    @model_validator(mode="after")
    def _same_length(self) -> BilingualList:
        if len(self.english) != len(self.indonesian):
            raise ValueError("languages_differ")
        if any(not item.strip() for item in [*self.english, *self.indonesian]):
            raise ValueError("blank")
        return self


class Icebreaker(Strict):
    """One activity of the library."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    """Stable slug, unique in the library."""
    name: BilingualText
    """Short name."""
    summary: BilingualText
    """One sentence."""
    steps: BilingualList
    """What the counselor does, step by step."""
    debrief: BilingualList | None = None
    """Questions to ask afterwards."""
    purpose: Purpose
    """What it is for."""
    stages: list[StageKey] = Field(min_length=1)
    """The stages it suits."""
    duration_min: int = Field(ge=1, le=120)
    """Shortest sensible run, minutes."""
    duration_max: int = Field(ge=1, le=120)
    """Longest sensible run, minutes."""
    group_min: int = Field(ge=1, le=100)
    """Fewest members it works with."""
    group_max: int = Field(ge=1, le=100)
    """Most members it works with."""
    energy: Energy
    """low, medium or high."""
    movement: bool
    """Members get up and move."""
    materials: list[str] = Field(max_length=20)
    """What to bring; empty for none."""
    prep_minutes: int = Field(ge=0, le=240)
    """Preparation before the meeting."""
    safety: BilingualText | None = None
    """What to watch for with anxious or withdrawn members."""
    tags: list[str] = Field(default_factory=list, max_length=20)
    """Free tags."""
    evergreen: bool = False
    """May be repeated across meetings."""

    @model_validator(mode="after")
    def _ranges(self) -> Icebreaker:
        if self.duration_min > self.duration_max:
            raise ValueError("duration_range")
        if self.group_min > self.group_max:
            raise ValueError("group_range")
        return self


class LibraryFile(BaseModel):
    """The top of an ice-breaker file; entries are validated one by one."""

    schema_version: int
    icebreakers: list[dict[str, Any]]


@dataclass
class Library(Overlaid[str, Icebreaker]):
    """The ice-breakers in use (``items``, by id), and what went wrong loading the counselor's own file."""

    def get(self, icebreaker_id: str) -> Icebreaker | None:
        """The activity with ``icebreaker_id``, if the library has it."""
        return self.items.get(icebreaker_id)

    def __len__(self) -> int:
        return len(self.items)


def builtin_path() -> Path:
    """The bundled library: inside the installed package, or at the root of a source checkout."""
    packaged = resources.files("homeroom_tui").joinpath("data", USER_FILE)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / USER_FILE


def _entry_line(text: str, index: int, loc: Sequence[str | int]) -> int | None:
    """Line of field ``loc`` inside the ``index``-th ``[[icebreakers]]`` table (0-based)."""
    headers = [n for n, line in enumerate(text.splitlines()) if re.match(r"^\s*\[\[\s*icebreakers\s*\]\]", line)]
    if index >= len(headers):
        return None
    start = headers[index]
    end = headers[index + 1] if index + 1 < len(headers) else None
    segment = "\n".join(text.splitlines()[start:end])
    line = find_line(segment, ("icebreakers", *loc))
    return start + line if line is not None else start + 1


def parse_library(path: Path) -> dict[str, Icebreaker]:
    """Read and validate one ice-breaker file; raises :class:`DamagedFile` naming each bad entry and field."""
    text, data = read_versioned(path)
    try:
        top = LibraryFile.model_validate(data)
    except ValidationError as exc:
        raise DamagedFile(validation_problems(path, text, exc)) from None
    items: dict[str, Icebreaker] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(top.icebreakers):
        label = f"icebreakers[{index + 1}]" + (f" ({raw['id']})" if isinstance(raw.get("id"), str) else "")
        try:
            entry = Icebreaker.model_validate(raw)
        except ValidationError as exc:
            for item in validation_problems(path, "", exc):
                loc = item.where
                line = _entry_line(text, index, _loc_parts(loc))
                where = f"{label}.{loc}" if loc else label
                if line:
                    where = t("where.field_line", field=where, line=line)
                problems.append(Problem(path, where, item.reason))
            continue
        if entry.id in items:
            line = _entry_line(text, index, ("id",))
            where = t("where.field_line", field=f"{label}.id", line=line) if line else f"{label}.id"
            problems.append(Problem(path, where, t("ib.err.duplicate_id", id=entry.id)))
            continue
        items[entry.id] = entry
    if problems:
        raise DamagedFile(problems)
    return items


def _loc_parts(dotted: str) -> list[str]:
    return [p for p in re.split(r"[.\[\]]", dotted) if p and not p.isdigit()]


def load_library(data_dir: Path | None = None, user_file: Path | None = None) -> Library:
    """The built-in library merged by id with the counselor's file; never raises for a bad user file."""
    candidate = user_file or (data_dir / USER_FILE if data_dir is not None else None)
    return Library.load(builtin_path(), parse_library, candidate, named=user_file is not None)


# --- the picker ------------------------------------------------------------------------------

PREFERRED: Final[dict[str, tuple[Purpose, ...]]] = {
    "first": ("introductions", "energizer", "bonding"),
    "second": ("name_recall", "bonding", "trust"),
    "middle": ("trust", "bonding", "energizer"),
    "last": ("reflection", "closing", "bonding"),
}


def preferred_purposes(meeting_number: int, meetings_planned: int) -> tuple[Purpose, ...]:
    """Purposes that fit this point of the program, best first: introductions first, then name recall,
    trust in the middle meetings, reflection and closing at the last (``PREFERRED``)."""
    if meeting_number <= 1:
        return PREFERRED["first"]
    if meeting_number >= max(meetings_planned, 2):
        return PREFERRED["last"]
    if meeting_number == 2:
        return PREFERRED["second"]
    return PREFERRED["middle"]


@dataclass(frozen=True)
class Filters:
    """The counselor's filters, each toggled with one key in the picker."""

    energy: Energy | None = None
    purpose: Purpose | None = None
    no_materials: bool = False
    no_movement: bool = False


@dataclass(frozen=True)
class PickRequest:
    """What the picker needs to know about the moment."""

    stage: StageKey | None = "transition"
    """The stage; None for any."""
    size: int | None = None
    minutes: float | None = None
    meeting_number: int = 1
    meetings_planned: int = 4
    used: frozenset[str] = frozenset()
    filters: Filters = Filters()


@dataclass(frozen=True)
class Candidates:
    """The fitting activities, best first, and whether used ones had to come back."""

    items: list[Icebreaker]
    refilled: bool = False
    closest: bool = False
    """Nothing fitted (often: too few minutes left): these are the closest fits, shortest first."""


def fits(item: Icebreaker, request: PickRequest) -> bool:
    """Whether ``item`` suits the stage, the members present, the minutes left and the filters."""
    f = request.filters
    return (
        (request.stage is None or request.stage in item.stages)
        and (request.size is None or item.group_min <= request.size <= item.group_max)
        and (request.minutes is None or item.duration_min <= request.minutes)
        and (f.energy is None or item.energy == f.energy)
        and (f.purpose is None or item.purpose == f.purpose)
        and not (f.no_materials and item.materials)
        and not (f.no_movement and item.movement)
    )


def rank_key(item: Icebreaker, request: PickRequest) -> tuple[int, int, str]:
    """Purpose fitting this meeting first, then the shorter activities, then by id (stable)."""
    preferred = preferred_purposes(request.meeting_number, request.meetings_planned)
    tier = preferred.index(item.purpose) if item.purpose in preferred else len(preferred)
    return (tier, item.duration_min, item.id)


def candidates(items: Iterable[Icebreaker], request: PickRequest) -> Candidates:
    """Fitting activities the group has not done yet, ranked; all fitting ones when none is left."""
    items = list(items)
    fitting = [item for item in items if fits(item, request)]
    fresh = [item for item in fitting if item.evergreen or item.id not in request.used]
    refilled = not fresh and bool(fitting)
    chosen = fresh or fitting
    if chosen:
        return Candidates(sorted(chosen, key=lambda item: rank_key(item, request)), refilled)
    return Candidates(closest_fits(items, request), closest=True)


def closest_fits(items: Iterable[Icebreaker], request: PickRequest) -> list[Icebreaker]:
    """When nothing fits: the activities that fit all but the minutes (else all but the minutes and
    the group's size, else any), not done yet where possible, shortest first. Never empty for a
    library that has anything in it."""
    items = list(items)
    relaxed = (
        dataclasses.replace(request, minutes=None),
        dataclasses.replace(request, minutes=None, size=None),
        dataclasses.replace(request, minutes=None, size=None, stage=None),
        dataclasses.replace(request, minutes=None, size=None, stage=None, filters=Filters()),
    )
    for loose in relaxed:
        found = [item for item in items if fits(item, loose)]
        if found:
            fresh = [item for item in found if item.evergreen or item.id not in request.used] or found
            return sorted(fresh, key=lambda item: (item.duration_min, item.id))
    return []


class Picker:
    """A random pick among the best-ranked candidates that can be re-rolled; seedable for exact tests."""

    def __init__(self, found: Candidates, request: PickRequest, seed: int | None = None) -> None:
        self.found = found
        self.request = request
        self._rng = random.Random(seed)
        self._seen: set[str] = set()
        self.current: Icebreaker | None = None

    def _best_tier(self, pool: list[Icebreaker]) -> list[Icebreaker]:
        if not pool:
            return []
        top = rank_key(pool[0], self.request)[0]
        return [item for item in pool if rank_key(item, self.request)[0] == top]

    def roll(self) -> Icebreaker | None:
        """A new suggestion: not one shown since the last full cycle, from the best purpose tier left."""
        pool = [item for item in self.found.items if item.id not in self._seen]
        if not pool:
            self._seen.clear()
            pool = [item for item in self.found.items if self.current is None or item.id != self.current.id]
            pool = pool or list(self.found.items)
        tier = self._best_tier(pool)
        self.current = self._rng.choice(tier) if tier else None
        if self.current is not None:
            self._seen.add(self.current.id)
        return self.current


def used_ids(meetings: Iterable[Meeting], current_number: int) -> frozenset[str]:
    """Ice-breakers a group already did, in its other meetings."""
    return frozenset(m.icebreaker.id for m in meetings if m.icebreaker is not None and m.number != current_number)


def present_count(group: Group, meeting: Meeting) -> int:
    """The group's expected size: members present, late or not yet marked (``program.attendance``)."""
    return expected_size(group, meeting)


def request_for(
    group: Group,
    meeting: Meeting,
    meetings: Iterable[Meeting],
    *,
    stage: StageKey | None = "transition",
    minutes: float | None = None,
    size: int | None = None,
    filters: Filters = Filters(),
) -> PickRequest:
    """The pick request for ``meeting`` of ``group``, the other meetings telling what was used."""
    if stage is not None and stage not in STAGE_KEYS:
        raise ValueError(stage)
    return PickRequest(
        stage=stage,
        size=size if size is not None else present_count(group, meeting),
        minutes=minutes,
        meeting_number=meeting.number,
        meetings_planned=group.meetings_planned,
        used=used_ids(meetings, meeting.number),
        filters=filters,
    )


# --- how an activity reads ---------------------------------------------------------------------

LineKind = Literal["title", "facts", "text", "heading", "step", "question", "safety", "blank"]


def material_name(material: str) -> str:
    """A material in the current language, when the catalog knows it (the library writes them in English)."""
    key = f"material.{material.strip().lower()}"
    return t(key) if has(key) else material


def describe_lines(item: Icebreaker, lang: Lang) -> list[tuple[LineKind, str]]:
    """The activity in full, line by line with a kind, for the picker and the CLI alike."""
    facts = " · ".join(
        [
            t("ib.duration", low=item.duration_min, high=item.duration_max),
            t("ib.people", low=item.group_min, high=item.group_max),
            t(f"energy.{item.energy}"),
            t("ib.movement") if item.movement else t("ib.seated"),
        ]
    )
    materials = ", ".join(material_name(m) for m in item.materials) if item.materials else t("ib.materials_none")
    lines: list[tuple[LineKind, str]] = [
        ("title", item.name.text(lang)),
        ("facts", facts),
        ("blank", ""),
        ("text", item.summary.text(lang)),
        ("blank", ""),
        (
            "text",
            f"{t('ib.purpose')}: {t(f'purpose.{item.purpose}')}   {t('ib.materials')}: {materials}   "
            + t("ib.prep", minutes=item.prep_minutes),
        ),
        ("blank", ""),
        ("heading", t("ib.steps")),
        *(("step", f"{n}. {step}") for n, step in enumerate(item.steps.text(lang), 1)),
    ]
    if item.safety:
        lines += [("blank", ""), ("safety", f"{t('ib.safety')}: {item.safety.text(lang)}")]
    if item.debrief:
        lines += [("blank", ""), ("heading", t("ib.debrief")), *(("question", q) for q in item.debrief.text(lang))]
    return lines


def describe_text(item: Icebreaker, lang: Lang) -> str:
    """The activity in full as plain text."""
    prefix = {"step": "  ", "question": "  • "}
    return "\n".join(prefix.get(kind, "") + text for kind, text in describe_lines(item, lang))
