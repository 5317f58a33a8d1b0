"""Timing that learns: how long each stage usually takes. Imports no Textual.

For each stage, the usual time is the median of the stage's actual times (``Stage.actual_seconds``)
in this group's earlier completed meetings; with fewer than two of those, in every group's completed
meetings of the same number on this data folder; with fewer than two of those either, none. Meetings
not completed, stages that never ran (actual 0) and the meeting being run never count.

The group's own meetings are already in memory when the runner opens; the other groups' are read by
:func:`numbered_elsewhere`, which the runner calls in a worker thread so its first frame never waits.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from homeroom_tui.model import STAGE_KEYS, Meeting, StageKey
from homeroom_tui.store import DamagedFile, Store
from homeroom_tui.store.index import IndexCache, opened

MIN_MEETINGS: Final = 2
"""Fewer meetings than this tell nothing usual."""

Source = Literal["group", "all"]


@dataclass(frozen=True)
class Usual:
    """How long one stage usually takes."""

    minutes: int
    """The median actual time, in whole minutes (rounded half up, at least 1)."""
    count: int
    """How many meetings it is the median of."""
    source: Source
    """``group``: this group's earlier meetings; ``all``: every group's meetings of this number."""


@dataclass(frozen=True)
class UsualTimes:
    """The usual time of each stage that has one."""

    stages: dict[StageKey, Usual]
    complete: bool
    """False while other groups' meetings were not looked at yet though a stage needs them."""

    def of(self, stage: StageKey) -> Usual | None:
        """The stage's usual time, if it has one."""
        return self.stages.get(stage)


def _minutes(seconds: float) -> int:
    """Seconds as whole minutes, rounded half up, at least one."""
    return max(1, int(seconds / 60 + 0.5))


def _actuals(meetings: Iterable[Meeting], stage: StageKey) -> list[float]:
    return [
        m.stages[stage].actual_seconds
        for m in meetings
        if m.status == "completed" and m.stages[stage].actual_seconds > 0
    ]


def _usual(values: list[float], source: Source) -> Usual | None:
    if len(values) < MIN_MEETINGS:
        return None
    return Usual(_minutes(statistics.median(values)), len(values), source)


def usual_times(running: Meeting, group_meetings: Iterable[Meeting], others: Iterable[Meeting] | None) -> UsualTimes:
    """The usual time of each stage of ``running``.

    ``group_meetings``: the group's meetings (only its completed ones numbered before ``running``
    count). ``others``: meetings of any group (only completed ones of ``running``'s number, never
    ``running`` itself, count), or None when they have not been read (yet): then a stage with fewer
    than two of the group's own meetings has none, and ``complete`` says so.
    """
    own = [m for m in group_meetings if m.group_id == running.group_id and m.number < running.number]
    same_number = [m for m in others or () if m.number == running.number and m.group_id != running.group_id]
    stages: dict[StageKey, Usual] = {}
    missing = False
    for key in STAGE_KEYS:
        found = _usual(_actuals(own, key), "group")
        if found is None and others is not None:
            found = _usual(_actuals(same_number, key), "all")
        if found is None:
            missing = True
        else:
            stages[key] = found
    return UsualTimes(stages, complete=others is not None or not missing)


def numbered_elsewhere(store: Store, group_id: str, number: int) -> list[Meeting]:
    """Meeting ``number`` of every other group on the data folder that can be read (damaged files are
    skipped: the home screen and ``homeroom check`` name them).

    Meant for a worker thread: use a :class:`Store` of its own (a store's memory of what it wrote is
    not shared between threads). Unchanged files come from the index.
    """
    found: list[Meeting] = []
    with opened(store.root) as index:
        for other in store.group_ids():
            if other == group_id:
                continue
            path = store.meeting_path(other, number)
            if not path.is_file():
                continue
            cache = IndexCache(index, other)
            cache.load()
            try:
                group = store.load_group(other, cache)
                found.append(store.load_meeting_file(group, path, cache))
            except DamagedFile:
                continue
            finally:
                cache.save(drop_unused=False)
    return found
