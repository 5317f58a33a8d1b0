"""Stage timers. Imports no Textual.

The truth is a monotonic clock plus saved wall-clock timestamps, never a count of ticks: the
display can refresh late or skip (a blocked event loop, a suspended laptop) and is right again on
the next refresh. The clock is injected so tests never sleep.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Final, Literal, Protocol

if TYPE_CHECKING:  # the clocks themselves stay light: the app's first frame needs no model
    from homeroom_tui.model import Stage

Level = Literal["normal", "warning", "danger", "overtime", "paused"]
WARNING_FRACTION: Final = 0.20
DANGER_FRACTION: Final = 0.05


class Clock(Protocol):
    """A monotonic clock for durations and a wall clock (with offset) for what is saved."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps."""
        ...

    def now(self) -> dt.datetime:
        """The local time with its offset."""
        ...


class SystemClock:
    """The real clocks."""

    def monotonic(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    def now(self) -> dt.datetime:
        """Local time with offset, to the second."""
        return dt.datetime.now().astimezone().replace(microsecond=0)


class FakeClock:
    """A clock that moves only when told: for tests and the benchmark."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.mono = 1000.0
        self.wall = start or dt.datetime(2024, 1, 15, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.mono += seconds
        self.wall += dt.timedelta(seconds=seconds)

    def monotonic(self) -> float:
        """The fake monotonic time."""
        return self.mono

    def now(self) -> dt.datetime:
        """The fake wall time."""
        return self.wall


class StageClock:
    """How long a stage has run and how long it has left, kept in its :class:`Stage` record."""

    def __init__(self, stage: Stage, clock: Clock) -> None:
        self.stage = stage
        self.clock = clock
        self._base = stage.actual_seconds
        self._since: float | None = None
        if stage.resumed_at is not None:
            # It was running when last saved (or when the laptop died): the meeting went on meanwhile.
            gap = max(0.0, (clock.now() - stage.resumed_at).total_seconds())
            self._since = clock.monotonic() - gap

    @property
    def running(self) -> bool:
        """Whether the clock runs."""
        return self._since is not None

    @property
    def elapsed(self) -> float:
        """Seconds the stage has run, pauses excluded."""
        if self._since is None:
            return self._base
        return self._base + max(0.0, self.clock.monotonic() - self._since)

    @property
    def limit(self) -> float:
        """Seconds planned, with the counselor's extensions."""
        return float(max(1, self.stage.planned_min + self.stage.extended_min) * 60)

    @property
    def remaining(self) -> float:
        """Seconds left; negative in overtime."""
        return self.limit - self.elapsed

    def level(self) -> Level:
        """How urgent the display should look."""
        left = self.remaining
        if left < 0:
            return "overtime"
        if not self.running:
            return "paused"
        if left <= self.limit * DANGER_FRACTION:
            return "danger"
        if left <= self.limit * WARNING_FRACTION:
            return "warning"
        return "normal"

    def start(self) -> None:
        """Start or resume the clock."""
        if self._since is not None:
            return
        now = self.clock.now()
        if self.stage.started_at is None:
            self.stage.started_at = now
        self.stage.resumed_at = now
        self._since = self.clock.monotonic()

    def pause(self) -> None:
        """Stop the clock, keeping what has run."""
        if self._since is None:
            return
        self._base = self.elapsed
        self._since = None
        self.stage.actual_seconds = round(self._base, 1)
        self.stage.resumed_at = None

    def stop(self) -> None:
        """Pause and record when the stage was left."""
        self.pause()
        self.stage.ended_at = self.clock.now()

    def checkpoint(self) -> None:
        """Bring the saved record up to date (before every save)."""
        if self._since is None:
            self.stage.actual_seconds = round(self._base, 1)
            return
        self._base = self.elapsed
        self._since = self.clock.monotonic()
        self.stage.actual_seconds = round(self._base, 1)
        self.stage.resumed_at = self.clock.now()

    def extend(self, minutes: int) -> None:
        """Add (or with a negative number take) minutes; the stage keeps at least one minute."""
        total = self.stage.planned_min + self.stage.extended_min + minutes
        if total < 1:
            minutes = 1 - (self.stage.planned_min + self.stage.extended_min)
        self.stage.extended_min = max(-600, min(600, self.stage.extended_min + minutes))


def clock_text(seconds: float) -> str:
    """``12:05`` or ``1:02:05``; overtime is shown by the caller, the value here is absolute."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
