"""The end time agreed with the members in the opening stage. Imports no Textual.

The counselor types it as a time of day (``15:30``, or ``15.30`` as Indonesian writes it) or as
minutes from now (``+45``); it is kept in the meeting file as a timestamp with its offset, to the
minute. The header counts down to it; review and reports say when the meeting ended against it.
Everything here takes the time ``now`` from the caller (the injected clock), so it is tested
without waiting.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Final

from homeroom_tui.i18n import Lang, get_language, t_in
from homeroom_tui.model import Meeting

MAX_AHEAD: Final = dt.timedelta(hours=6)
"""How far ahead an agreed end may lie (a meeting plans about 70 minutes): ``+N`` at most this, and a
time of day is the one within these hours ahead, else the one that has passed."""
SUGGEST_STEP_MIN: Final = 5
"""The suggestion is rounded up to a multiple of this many minutes on the clock."""

_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_FROM_NOW = re.compile(r"^\+\s*(\d{1,4})$")


class EndRefused(ValueError):
    """What was typed is no agreed end: ``key`` names the message, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, lang: Lang | None = None) -> str:
        """The reason, in ``lang`` (default: the current language)."""
        return t_in(lang or get_language(), self.key, **self.values)


def clock_of(when: dt.datetime) -> str:
    """``15:30``: how an agreed end (or a meeting's end) is written."""
    return when.strftime("%H:%M")


def read_agreed_end(typed: str, now: dt.datetime) -> dt.datetime | None:
    """The agreed end typed at ``now``; None for an empty field (the agreed end is cleared).

    ``HH:MM`` (or ``HH.MM``) is that time within the next six hours (so ``00:15`` typed at 23:40 is
    tomorrow), else the one that has passed, and is refused. ``+N`` is N minutes from now,
    to the minute (so the header says N min left); ``+0`` is refused. Anything else raises :class:`EndRefused`.
    """
    text = typed.strip()
    if not text:
        return None
    if match := _FROM_NOW.match(text):
        minutes = int(match.group(1))
        if minutes == 0:
            raise EndRefused("run.agreed_end_zero")
        if dt.timedelta(minutes=minutes) > MAX_AHEAD:
            raise EndRefused("run.agreed_end_far", hours=int(MAX_AHEAD.total_seconds() // 3600))
        return (now + dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    match = _CLOCK.match(text)
    if match is None:
        raise EndRefused("run.agreed_end_invalid")
    end = now.replace(hour=int(match.group(1)), minute=int(match.group(2)), second=0, microsecond=0)
    day = dt.timedelta(days=1)
    if end - now > MAX_AHEAD:
        end -= day  # e.g. 23:50 typed at 00:10: yesterday's, passed
    elif end + day - now <= MAX_AHEAD:
        end += day  # e.g. 00:15 typed at 23:40: tomorrow's
    if end <= now:
        raise EndRefused("run.agreed_end_past", time=clock_of(end), now=clock_of(now))
    return end


def suggest_end(now: dt.datetime, remaining_seconds: float) -> dt.datetime:
    """``now`` plus the minutes still planned, rounded up to the next multiple of five on the clock."""
    end = now + dt.timedelta(seconds=max(60.0, remaining_seconds))
    floor = end.replace(second=0, microsecond=0)
    if floor < end:
        floor += dt.timedelta(minutes=1)
    return floor + dt.timedelta(minutes=-floor.minute % SUGGEST_STEP_MIN)


@dataclass(frozen=True)
class AgreedEndState:
    """Where the meeting stands against its agreed end at one moment."""

    end: dt.datetime
    """The agreed end."""
    seconds_left: float
    """Seconds until the agreed end; negative once it has passed."""

    @property
    def over(self) -> bool:
        """The agreed end has passed."""
        return self.seconds_left < 0

    @property
    def minutes_left(self) -> int:
        """Whole minutes left, rounded up (11:30 left is 12 min); 0 once over."""
        return math.ceil(self.seconds_left / 60) if self.seconds_left > 0 else 0

    @property
    def minutes_over(self) -> int:
        """Minutes past the agreed end, rounded up (a second over is 1 min); 0 before it."""
        return math.ceil(-self.seconds_left / 60) if self.over else 0

    @property
    def soon(self) -> bool:
        """Five minutes or less are left."""
        return not self.over and self.seconds_left <= SUGGEST_STEP_MIN * 60


def agreed_end_state(meeting: Meeting, now: dt.datetime) -> AgreedEndState | None:
    """The meeting against its agreed end at ``now`` (a finished meeting: at its end); None if none agreed."""
    if meeting.agreed_end is None:
        return None
    at = meeting.ended_at or now
    return AgreedEndState(meeting.agreed_end, (meeting.agreed_end - at).total_seconds())


def state_text(state: AgreedEndState, lang: Lang | None = None) -> str:
    """The header's words: ``ends 15:30 · 12 min left`` or ``5 min over the agreed end (15:30)``."""
    lang = lang or get_language()
    if state.over:
        return t_in(lang, "run.agreed_end_over", minutes=state.minutes_over, time=clock_of(state.end))
    return t_in(lang, "run.agreed_end_left", minutes=state.minutes_left, time=clock_of(state.end))


def summary(meeting: Meeting, lang: Lang | None = None) -> str | None:
    """``agreed end 15:30, ended 15:34`` for review and reports; None when no end was agreed."""
    if meeting.agreed_end is None:
        return None
    lang = lang or get_language()
    end = clock_of(meeting.agreed_end)
    if meeting.ended_at is None:
        return t_in(lang, "common.agreed_end", time=end)
    return t_in(lang, "common.agreed_end_ended", time=end, ended=clock_of(meeting.ended_at))
