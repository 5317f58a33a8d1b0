"""The mirror: what the room may see of the meeting being run, read from the data folder. Imports no Textual.

``homeroom mirror`` shows the meeting on a second terminal (a projector, a TV). It follows the
runner through the files only, and never writes: no lock, no index, no recovery copy. Whether a
meeting is running is decided by its live lock (:func:`~homeroom_tui.store.lock.live_holder`),
not by its status alone: a meeting left ``in_progress`` by a crash has no live lock.

What it shows is a :class:`MirrorView`: the stages and their minutes, the clock of the current
stage, the round's prompt, the agreed end and, in the transition, the chosen ice-breaker's name
and steps. Never a member's name, an answer, a note, a rating, attendance or name recall; the
group's name only when asked for (it may hold a member's name).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from homeroom_tui.i18n import Lang, get_language
from homeroom_tui.model import STAGE_KEYS, Group, Meeting, Stage, StageKey
from homeroom_tui.program.agenda import Agenda
from homeroom_tui.program.agreed_end import agreed_end_state, state_text
from homeroom_tui.program.icebreakers import Library
from homeroom_tui.program.timer import DANGER_FRACTION, WARNING_FRACTION, Clock, Level, SystemClock
from homeroom_tui.store import DamagedFile, Store
from homeroom_tui.store.index import Stamp, stamp
from homeroom_tui.store.lock import LOCK_SUFFIX, Holder, live_holder
from homeroom_tui.store.paths import meeting_number

POLL_SECONDS: Final = 0.5
"""How often the mirror looks at the locks and the meeting file's stamp."""
SAVE_SLACK_SECONDS: Final = 1.5
"""A file written this soon after its running stage's ``resumed_at`` was written at that resume."""


class PreciseClock(SystemClock):
    """The real clocks, the wall clock to the microsecond: the mirror's seconds turn with the runner's."""

    def now(self) -> dt.datetime:
        """Local time with offset."""
        return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class Running:
    """A meeting file whose lock names a homeroom that is still running."""

    group_id: str
    number: int
    path: Path
    holder: Holder


def running_meetings(store: Store, group_id: str | None = None) -> list[Running]:
    """Every meeting open in a live runner (of ``group_id`` only, when given), by reading the locks.

    Reads folder listings and lock files; takes no lock and writes nothing.
    """
    found = []
    ids = [group_id] if group_id else store.group_ids()
    for gid in ids:
        try:
            names = sorted(entry.name for entry in os.scandir(store.group_dir(gid)))
        except OSError:
            continue
        for name in names:
            if not (name.startswith(".") and name.endswith(LOCK_SUFFIX)):
                continue
            file_name = name[1 : -len(LOCK_SUFFIX)]
            number = meeting_number(file_name)
            if number is None:
                continue
            path = store.group_dir(gid) / file_name
            holder = live_holder(path)
            if holder is not None:
                found.append(Running(gid, number, path, holder))
    return found


def _opened(running: Running) -> dt.datetime:
    return running.holder.since or dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class StageView:
    """One stage in the stepper: its name key, its minutes, how long it ran."""

    key: StageKey
    minutes: int
    """Minutes planned, with the counselor's extensions."""
    elapsed: float
    """Seconds it has run (pauses excluded)."""
    place: str
    """``done``, ``current`` or ``later``."""


@dataclass(frozen=True)
class MirrorView:
    """What the room sees of a running meeting. Nothing in it names or describes a member."""

    number: int
    planned: int
    """How many meetings the program plans (at least this one's number)."""
    stage: StageKey
    stages: tuple[StageView, ...]
    remaining: float
    """Seconds left in the current stage; negative in overtime."""
    level: Level
    group_name: str | None = None
    """Only when the counselor asked for it (``--show-group``)."""
    prompt: str | None = None
    """The current stage's round prompt, in the chosen language."""
    agreed_end: str | None = None
    """``ends 15:30 · 12 min left``, when an end was agreed."""
    icebreaker: str | None = None
    """In the transition: the chosen ice-breaker's name."""
    steps: tuple[str, ...] = ()
    """In the transition: the chosen ice-breaker's steps."""
    others: int = 0
    """How many other meetings are running in the data folder (this one was opened last)."""
    unreadable: bool = False
    """The meeting file could not be read at the last look (what is shown is the last good read)."""


def stage_elapsed(stage: Stage, now: dt.datetime, saved_at: dt.datetime | None = None) -> float:
    """Seconds ``stage`` has run at ``now``, from what its file says.

    A running stage has run ``actual_seconds`` plus the time since ``resumed_at``. That time is
    written to the second; when the file was written within a moment after it (``saved_at``, the
    file's modification time), that moment is the exact one.
    """
    if stage.resumed_at is None:
        return stage.actual_seconds
    since = stage.resumed_at
    if saved_at is not None and 0 <= (saved_at - since).total_seconds() < SAVE_SLACK_SECONDS:
        since = saved_at
    return stage.actual_seconds + max(0.0, (now - since).total_seconds())


def level_of(remaining: float, limit: float, running: bool) -> Level:
    """How urgent the clock looks (the runner's thresholds, ``program/timer.py``)."""
    if remaining < 0:
        return "overtime"
    if not running:
        return "paused"
    if remaining <= limit * DANGER_FRACTION:
        return "danger"
    if remaining <= limit * WARNING_FRACTION:
        return "warning"
    return "normal"


def mirror_view(
    group: Group,
    meeting: Meeting,
    agenda: Agenda,
    library: Library,
    now: dt.datetime,
    *,
    saved_at: dt.datetime | None = None,
    show_group: bool = False,
    lang: Lang | None = None,
) -> MirrorView:
    """What the room sees of ``meeting`` at ``now``; only the fields listed in :class:`MirrorView`."""
    lang = lang or get_language()
    current = meeting.current_stage or "opening"
    index = STAGE_KEYS.index(current)
    stages = []
    for n, key in enumerate(STAGE_KEYS):
        stage = meeting.stages[key]
        place = "done" if n < index else "current" if n == index else "later"
        elapsed = stage_elapsed(stage, now, saved_at if n == index else None)
        stages.append(StageView(key, max(1, stage.planned_min + stage.extended_min), elapsed, place))
    shown = stages[index]
    limit = shown.minutes * 60.0
    remaining = limit - shown.elapsed
    running = meeting.stages[current].resumed_at is not None
    round_plan = agenda.for_meeting(meeting.number).stage(current).round
    agreed = agreed_end_state(meeting, now)
    name: str | None = None
    steps: tuple[str, ...] = ()
    if current == "transition" and meeting.icebreaker is not None:
        item = library.get(meeting.icebreaker.id)
        if item is not None:
            name = item.name.text(lang)
            steps = tuple(item.steps.text(lang))
    return MirrorView(
        number=meeting.number,
        planned=max(group.meetings_planned, meeting.number),
        stage=current,
        stages=tuple(stages),
        remaining=remaining,
        level=level_of(remaining, limit, running),
        group_name=group.name if show_group else None,
        prompt=round_plan.text(lang) if round_plan is not None else None,
        agreed_end=state_text(agreed, lang) if agreed is not None else None,
        icebreaker=name,
        steps=steps,
    )


@dataclass
class _Read:
    stamp: Stamp | None
    meeting: Meeting | None
    saved_at: dt.datetime | None
    problem: bool = False
    """The file could not be read at the last look (``meeting`` is the last good read)."""


@dataclass
class MirrorWatch:
    """Follows the data folder for the mirror: :meth:`poll` looks, :meth:`view` says what to show.

    ``poll`` reads the locks, and a meeting or group file only when its stamp (size, mtime,
    inode) changed since the last look. Nothing is ever written.
    """

    store: Store
    agenda: Agenda
    library: Library
    clock: Clock
    group_id: str | None = None
    show_group: bool = False
    running: Running | None = None
    others: int = 0
    _meetings: dict[Path, _Read] = field(default_factory=dict)
    _groups: dict[str, tuple[Stamp | None, Group | None]] = field(default_factory=dict)

    def poll(self) -> None:
        """Look at the locks and the files again."""
        live = []
        candidates = running_meetings(self.store, self.group_id)
        for candidate in candidates:
            read = self._read_meeting(candidate)
            if read is not None and read.meeting is not None and read.meeting.status == "in_progress":
                live.append(candidate)
        live.sort(key=lambda r: (_opened(r), r.group_id, r.number))
        self.running = live[-1] if live else None
        self.others = max(0, len(live) - 1)
        keep = {r.path for r in candidates}  # a meeting amended under its lock is not read again each time
        self._meetings = {path: read for path, read in self._meetings.items() if path in keep}

    def _group(self, group_id: str) -> Group | None:
        path = self.store.group_path(group_id)
        now = stamp(path)
        cached = self._groups.get(group_id)
        if cached is not None and cached[0] == now and now is not None:
            return cached[1]
        try:
            group: Group | None = self.store.load_group(group_id)
        except DamagedFile:
            group = cached[1] if cached else None
        self._groups[group_id] = (now, group)
        return group

    def _read_meeting(self, running: Running) -> _Read | None:
        """The meeting file as last read; read again when its stamp changed (the last good read is
        kept while it cannot be read)."""
        group = self._group(running.group_id)
        if group is None:
            return None
        now = stamp(running.path)
        cached = self._meetings.get(running.path)
        if cached is not None and cached.stamp == now and now is not None:
            return cached
        try:
            meeting: Meeting | None = self.store.load_meeting_file(group, running.path)
            problem = False
        except DamagedFile:
            meeting = cached.meeting if cached else None
            problem = True
        saved_at = dt.datetime.fromtimestamp(now[1] / 1e9, dt.UTC) if now is not None else None
        read = _Read(now, meeting, saved_at, problem)
        self._meetings[running.path] = read
        return read

    def view(self) -> MirrorView | None:
        """What to show now; None when no meeting is running."""
        if self.running is None:
            return None
        read = self._meetings.get(self.running.path)
        group = self._groups.get(self.running.group_id, (None, None))[1]
        if read is None or read.meeting is None or group is None:
            return None
        shown = mirror_view(
            group,
            read.meeting,
            self.agenda,
            self.library,
            self.clock.now(),
            saved_at=read.saved_at,
            show_group=self.show_group,
        )
        return dataclasses.replace(shown, others=self.others, unreadable=read.problem)
