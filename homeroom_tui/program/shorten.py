"""Shortening the remaining stages to end on time. Imports no Textual.

When the meeting runs behind (it would end after the end agreed with the members, or, with none
agreed, after its planned total from the start), the remaining stages give up minutes in proportion
to what each has left above its minimum, so that the meeting ends by then. Stages already done are
never touched; a stage keeps at least one minute, and the stage being run keeps at least the minutes
it has already run (rounded up). The cuts are whole minutes that add up exactly to what must go, and
are recorded as negative ``extended_min``, like any "-1 minute".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from homeroom_tui.model import STAGE_KEYS, Meeting, StageKey

SLACK_SECONDS: Final = 30.0
"""A meeting that would end less than this after its target is on time: the clocks count seconds, the
plan whole minutes (a meeting started at 15:00:00.6 is not a minute behind)."""


@dataclass(frozen=True)
class Room:
    """What one remaining stage can give up."""

    key: StageKey
    limit: int
    """Minutes it plans now (planned plus extensions)."""
    floor: int
    """The fewest minutes it may keep."""

    @property
    def spare(self) -> int:
        """Minutes it can give up."""
        return max(0, self.limit - self.floor)


def cuts(rooms: Sequence[Room], over: int) -> dict[StageKey, int]:
    """Take ``over`` minutes from ``rooms`` in proportion to their spare minutes, in whole minutes.

    Each stage first gives the whole part of its share; the minutes still missing come from the
    stages with the largest remainders (the earlier stage on a tie). The cuts add up to ``over``
    exactly, and no stage goes below its floor. Raises ValueError when the spare minutes are too few.
    """
    if over <= 0:
        return {}
    spare = sum(room.spare for room in rooms)
    if spare < over:
        raise ValueError("too_few_spare_minutes")
    shares = [(room, over * room.spare / spare) for room in rooms]
    taken = {room.key: int(share) for room, share in shares}
    missing = over - sum(taken.values())
    by_remainder = sorted(range(len(shares)), key=lambda n: (-(shares[n][1] - int(shares[n][1])), n))
    for n in by_remainder[:missing]:
        taken[shares[n][0].key] += 1
    return {key: minutes for key, minutes in taken.items() if minutes > 0}


def limit_of(meeting: Meeting, key: StageKey) -> int:
    """Minutes a stage plans now: planned plus extensions, at least one (as its clock counts)."""
    stage = meeting.stages[key]
    return max(1, stage.planned_min + stage.extended_min)


def planned_end(meeting: Meeting) -> dt.datetime | None:
    """When the meeting ends by its plan: the start plus the planned minutes of the four stages."""
    if meeting.started_at is None:
        return None
    return meeting.started_at + dt.timedelta(minutes=sum(meeting.stages[key].planned_min for key in STAGE_KEYS))


@dataclass(frozen=True)
class Shortening:
    """What fitting the remaining stages before the target end takes, at one moment."""

    target: dt.datetime
    """The agreed end, or with none the planned end."""
    agreed: bool
    """The target is the end agreed with the members."""
    budget: int
    """Whole minutes the remaining stages may plan in all to end by the target."""
    least: int
    """The fewest minutes the remaining stages can plan in all."""
    over: int
    """Minutes the remaining stages plan beyond ``budget`` (0 or less: they fit)."""
    cuts: dict[StageKey, int] = field(default_factory=dict)
    """Minutes to take from each stage (only when they do not fit yet and can)."""

    @property
    def behind(self) -> bool:
        """The meeting as planned now ends after the target."""
        return self.over > 0

    @property
    def fits(self) -> bool:
        """The remaining stages can fit (at their minimums, if need be)."""
        return self.budget >= self.least


def shortening(
    meeting: Meeting, current: StageKey, elapsed: Mapping[str, float], now: dt.datetime
) -> Shortening | None:
    """How the stages from ``current`` on fit before the agreed (else planned) end; None before the
    meeting started. ``elapsed``: seconds each stage has run."""
    agreed = meeting.agreed_end is not None
    target = meeting.agreed_end if meeting.agreed_end is not None else planned_end(meeting)
    if target is None:
        return None
    index = STAGE_KEYS.index(current)
    run = elapsed.get(current, 0.0)
    left = (target - now).total_seconds()
    rooms = [Room(key, limit_of(meeting, key), 1) for key in STAGE_KEYS[index + 1 :]]
    if run < limit_of(meeting, current) * 60:  # not in overtime: what is left of it may shrink too
        rooms.insert(0, Room(current, limit_of(meeting, current), max(1, math.ceil(run / 60))))
        left += run
    budget = math.floor((left + SLACK_SECONDS) / 60)
    least = sum(room.floor for room in rooms)
    over = sum(room.limit for room in rooms) - budget
    taken = cuts(rooms, over) if over > 0 and budget >= least else {}
    return Shortening(target, agreed, budget, least, over, taken)
