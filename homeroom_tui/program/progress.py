"""Where a group stands in its program. Imports no Textual."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from homeroom_tui.model import Group
from homeroom_tui.model.group import add_days


@dataclass(frozen=True)
class Progress:
    """A group's progress: meetings done out of planned, and the next one."""

    done: int
    planned: int
    next_number: int | None
    next_date: dt.date | None

    @property
    def finished(self) -> bool:
        """All planned meetings are completed."""
        return self.next_number is None


class Dated(Protocol):
    """What progress needs of a meeting (a Meeting, or the store's MeetingStub)."""

    @property
    def number(self) -> int: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def status(self) -> str: ...
    @property
    def scheduled_date(self) -> dt.date: ...


def scheduled_date(group: Group, meetings: Sequence[Dated], number: int) -> dt.date | None:
    """The day meeting ``number`` is planned for by the group's schedule.

    The schedule runs from the group's first date every ``every_days`` days. A group without a first
    date follows the plan of its nearest earlier meeting (the day it was planned for, or the next date
    agreed when the meeting before it finished), never the day a meeting was actually held: a
    meeting held late does not move the later ones.
    """
    planned = group.planned_date(number)
    if planned is not None:
        return planned
    earlier = [m for m in meetings if m.number < number]
    if not earlier:
        return None
    previous = max(earlier, key=lambda m: m.number)
    return add_days(previous.scheduled_date, group.every_days * (number - previous.number))


def progress(group: Group, meetings: Sequence[Dated]) -> Progress:
    """Meetings completed, and the first meeting not yet completed with its date."""
    by_number = {m.number: m for m in meetings}
    done = sum(1 for m in meetings if m.status == "completed")
    planned = max(group.meetings_planned, max(by_number, default=0))
    next_number = next(
        (n for n in range(1, planned + 1) if n not in by_number or by_number[n].status != "completed"),
        None,
    )
    next_date = None
    if next_number is not None:
        existing = by_number.get(next_number)
        next_date = existing.date if existing else scheduled_date(group, meetings, next_number)
    return Progress(done=done, planned=planned, next_number=next_number, next_date=next_date)
