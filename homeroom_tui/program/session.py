"""A meeting being led: stages and their clocks, checklists, rounds, attendance, name recall,
observations and notes. Pure logic over the model; the runner screen stays thin. Imports no Textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from homeroom_tui.model import (
    ATTENDANCE_STATUSES,
    INDICATORS,
    STAGE_KEYS,
    AnswerKey,
    Answers,
    Attendance,
    AttendanceStatus,
    Group,
    Meeting,
    Member,
    Observation,
    SelfRating,
    StageKey,
)
from homeroom_tui.model.group import add_days
from homeroom_tui.program import attendance as rule
from homeroom_tui.program.agenda import Agenda, MeetingPlan, StagePlan
from homeroom_tui.program.agreed_end import AgreedEndState, agreed_end_state, suggest_end
from homeroom_tui.program.program_end import cancel_meeting, entered
from homeroom_tui.program.progress import scheduled_date
from homeroom_tui.program.recall import RecallScore, group_recall, recall_score
from homeroom_tui.program.shorten import Shortening, shortening
from homeroom_tui.program.timer import Clock, StageClock
from homeroom_tui.program.usual_time import Usual, UsualTimes, usual_times
from homeroom_tui.store import Store
from homeroom_tui.store.lock import LockHeld, MeetingLock

ATTENDANCE_CYCLE: Final = ATTENDANCE_STATUSES  # Space walks the statuses in the model's order
AGREE_TIME: Final = "agree_time"
"""The opening's checklist item "agree how long the meeting runs": an agreed end recorded ticks it."""


def joined_notes(notes: str, line: str) -> str:
    """``notes`` with ``line`` added as a paragraph of its own; ``notes`` as they are for an empty line."""
    if not line.strip():
        return notes
    return f"{notes.rstrip()}\n{line}" if notes.strip() else line


class MeetingSession:
    """One meeting being led, with everything the runner screen changes.

    Every change marks the session dirty; :meth:`save` writes the meeting file (the screen calls it
    within two seconds of a change, and at once on a stage change, suspend and quit).
    """

    def __init__(
        self,
        store: Store,
        group: Group,
        meeting: Meeting,
        earlier: Sequence[Meeting],
        agenda: Agenda,
        clock: Clock,
    ) -> None:
        self.store = store
        self.group = group
        self.meeting = meeting
        self.earlier = sorted((m for m in earlier if m.number < meeting.number), key=lambda m: m.number)
        self.plan: MeetingPlan = agenda.for_meeting(meeting.number)
        self.clock = clock
        self.clocks = {key: StageClock(meeting.stages[key], clock) for key in STAGE_KEYS}
        self.dirty = False
        self.last_error: BaseException | None = None
        self.amending = meeting.status == "completed"
        """A completed meeting opened again from review: timers stay still, saving records ``amended_at``."""
        self.original: Meeting | None = None
        """The planned meeting as its file held it before it started (cancelling writes it back)."""
        if meeting.status == "planned" and store.meeting_path(group.id, meeting.number).exists():
            self.original = meeting.model_copy(deep=True)
        self.planned_before: int | None = None
        """The group's planned count before it was raised to add this meeting (cancelling puts it back)."""
        self.cancelled = False
        self._notes_line: tuple[StageKey, str] | None = None
        """While the round's notes line is typed: its stage and the notes as they were when it began."""
        self.usual_times: UsualTimes = usual_times(meeting, self.earlier, None)
        """How long each stage usually takes: the group's own meetings now; every group's meetings of
        this number once the runner has read them (:meth:`learn_usual`)."""

    # stages and time ---------------------------------------------------------------------------
    @property
    def stage(self) -> StageKey:
        """The current stage."""
        return self.meeting.current_stage or "opening"

    @property
    def stage_plan(self) -> StagePlan:
        """Checklist, round and first panel of the current stage."""
        return self.plan.stage(self.stage)

    @property
    def current_clock(self) -> StageClock:
        """The clock of the current stage."""
        return self.clocks[self.stage]

    @property
    def members(self) -> list[Member]:
        """Members on the list: the active ones, plus anyone inactive who has a record in this meeting."""
        return rule.roster(self.group, self.meeting)

    def start(self) -> None:
        """Begin the meeting (or go on with one in progress): the current stage's clock runs."""
        if self.meeting.status == "completed":
            return
        if self.meeting.status == "planned":
            now = self.clock.now()
            self.meeting.status = "in_progress"
            self.meeting.started_at = now
            if self.meeting.planned_date is None:
                self.meeting.planned_date = self.meeting.date
            self.meeting.date = now.date()  # the day it is held; the plan stays in planned_date
            self.meeting.current_stage = "opening"
            self.current_clock.start()
            self.dirty = True

    def go_to(self, stage: StageKey) -> None:
        """Leave the current stage (its clock stops) and enter ``stage`` (its clock runs)."""
        if stage == self.stage:
            return
        self.end_notes_line()  # a line typed in this stage stays in this stage's notes
        if self.amending:
            self.meeting.current_stage = stage
            return
        self.current_clock.stop()
        self.meeting.current_stage = stage
        self.current_clock.start()
        self.dirty = True

    def next_stage(self) -> bool:
        """Go to the next stage; False in the closing stage (finish the meeting instead)."""
        index = STAGE_KEYS.index(self.stage)
        if index + 1 >= len(STAGE_KEYS):
            return False
        self.go_to(STAGE_KEYS[index + 1])
        return True

    def previous_stage(self) -> bool:
        """Go back a stage; False in the opening stage."""
        index = STAGE_KEYS.index(self.stage)
        if index == 0:
            return False
        self.go_to(STAGE_KEYS[index - 1])
        return True

    def toggle_pause(self) -> bool:
        """Pause or resume the current stage's clock; True when it now runs."""
        clock = self.current_clock
        if self.amending:
            return False
        if clock.running:
            clock.pause()
        else:
            clock.start()
        self.dirty = True
        return clock.running

    def extend(self, minutes: int) -> None:
        """Give the current stage more (or fewer) minutes."""
        if self.amending:
            return
        self.current_clock.extend(minutes)
        self.dirty = True

    def elapsed_total(self) -> float:
        """Seconds since the meeting started (wall clock; pauses included)."""
        if self.meeting.started_at is None:
            return 0.0
        end = self.meeting.ended_at or self.clock.now()
        return max(0.0, (end - self.meeting.started_at).total_seconds())

    def behind_plan(self) -> float:
        """Seconds the meeting is behind its plan (negative: ahead).

        Stages already done count with their actual minus planned time; the current stage counts
        only once it runs over (it may still finish early).
        """
        index = STAGE_KEYS.index(self.stage)
        delta = 0.0
        for key in STAGE_KEYS[:index]:
            clock = self.clocks[key]
            delta += clock.elapsed - clock.limit
        delta += max(0.0, -self.current_clock.remaining)
        return delta

    def remaining_planned(self) -> float:
        """Seconds still planned: what is left of the current stage (none in overtime) and the later stages."""
        index = STAGE_KEYS.index(self.stage)
        later = sum(self.clocks[key].limit for key in STAGE_KEYS[index + 1 :])
        return max(0.0, self.current_clock.remaining) + later

    # the agreed end ------------------------------------------------------------------------------
    def suggested_end(self) -> dt.datetime:
        """What to offer as the agreed end: now plus the minutes still planned, rounded up to five."""
        return suggest_end(self.clock.now(), self.remaining_planned())

    def set_agreed_end(self, end: dt.datetime | None) -> bool:
        """Record (or with None clear) the end agreed with the members; False in a finished meeting."""
        if self.amending:
            return False
        if self.meeting.agreed_end != end:
            self.meeting.agreed_end = end
            self.dirty = True
            if end is not None:
                self._tick_agree_time()
        return True

    def agreed_end_state(self) -> AgreedEndState | None:
        """How long until the agreed end (or how far past it), now; None when none was agreed."""
        return agreed_end_state(self.meeting, self.clock.now())

    def _tick_agree_time(self) -> None:
        """An end agreed in the opening stage ticks the opening's "agree_time" item, if it has one."""
        if self.stage != "opening" or AGREE_TIME not in {item.key for item in self.stage_plan.checklist}:
            return
        stage = self.meeting.stages.opening
        if AGREE_TIME not in stage.checklist:
            stage.checklist = [*stage.checklist, AGREE_TIME]

    # timing that learns ----------------------------------------------------------------------------
    def learn_usual(self, others: Sequence[Meeting]) -> None:
        """Take every group's meetings of this number into the usual times (read by the runner's worker)."""
        self.usual_times = usual_times(self.meeting, self.earlier, others)

    def usual(self) -> Usual | None:
        """How long the current stage usually takes, if known (``program/usual_time.py``)."""
        return self.usual_times.of(self.stage)

    def adopt_usual(self) -> Usual | None:
        """Plan the current stage for its usual time, recorded as minutes added or taken
        (``extended_min``: the plan and the deviation stay visible). None when it has no usual time
        or the meeting is finished."""
        usual = self.usual()
        if usual is None or self.amending:
            return None
        stage = self.meeting.stages[self.stage]
        extended = max(-600, min(600, usual.minutes - stage.planned_min))
        if stage.extended_min != extended:
            stage.extended_min = extended
            self.dirty = True
        return usual

    def shortening(self) -> Shortening | None:
        """How the remaining stages fit before the agreed (else planned) end, now (``program/shorten.py``)."""
        elapsed: dict[str, float] = {key: clock.elapsed for key, clock in self.clocks.items()}
        return shortening(self.meeting, self.stage, elapsed, self.clock.now())

    def shorten_to_fit(self) -> Shortening | None:
        """Shorten the remaining stages in proportion to end by the agreed (else planned) end, recorded as
        minutes taken (negative ``extended_min``). Returns what was found: ``cuts`` empty when they fit
        already or cannot fit (nothing changes then); None in a finished meeting or one not started."""
        if self.amending:
            return None
        found = self.shortening()
        if found is None:
            return None
        for key, minutes in found.cuts.items():
            self.clocks[key].extend(-minutes)
            self.dirty = True
        return found

    # checklist -----------------------------------------------------------------------------------
    def first_unticked(self) -> int:
        """Index of the first unticked item of the current stage's checklist (0 when all are ticked)."""
        ticked = set(self.meeting.stages[self.stage].checklist)
        items = self.stage_plan.checklist
        return next((n for n, item in enumerate(items) if item.key not in ticked), 0)

    def toggle_item(self, key: str) -> bool:
        """Tick or untick a checklist item of the current stage; True when now ticked."""
        stage = self.meeting.stages[self.stage]
        ticked = list(stage.checklist)
        if key in ticked:
            ticked.remove(key)
        else:
            ticked.append(key)
        stage.checklist = ticked
        self.dirty = True
        return key in ticked

    # rounds ----------------------------------------------------------------------------------------
    def answers(self, member_id: str) -> Answers:
        """The member's answers (an empty record when none yet)."""
        return self.meeting.answers.get(member_id) or Answers()

    def _set_answers(self, member_id: str, answers: Answers) -> None:
        self.meeting.answers = {**self.meeting.answers, member_id: answers}
        self.dirty = True

    def round_answer(self, member_id: str) -> str | bool | None:
        """The member's answer to the current stage's round."""
        plan = self.stage_plan.round
        if plan is None:
            return None
        value: str | bool | None = getattr(self.answers(member_id), plan.answer)
        return value

    def set_round_answer(self, member_id: str, text: str, *, mark_turn: bool = True) -> None:
        """Record the member's answer to the round (and, unless told not to, mark their turn as taken)."""
        plan = self.stage_plan.round
        if plan is None or plan.answer == "ready":
            return
        if not self.takes_part(member_id) and text != getattr(self.answers(member_id), plan.answer):
            return  # excused or absent: no new answers (what was recorded before stays)
        if getattr(self.answers(member_id), plan.answer) != text:
            self._set_answers(member_id, self.answers(member_id).model_copy(update={plan.answer: text}))
        if mark_turn and text.strip():
            self.set_turn(member_id, True)

    def turn_taken(self, member_id: str) -> bool:
        """Whether the member has had their turn in the current stage's round."""
        return member_id in self.meeting.stages[self.stage].round_done

    def set_turn(self, member_id: str, done: bool) -> None:
        """Mark the member's turn as taken (or not); excused and absent members get no new turns."""
        if done and not self.takes_part(member_id):
            return
        stage = self.meeting.stages[self.stage]
        done_ids = [m for m in stage.round_done if m != member_id]
        if done:
            done_ids.append(member_id)
        stage.round_done = done_ids
        plan = self.stage_plan.round
        if plan is not None and plan.answer == "ready":
            self._set_answers(member_id, self.answers(member_id).model_copy(update={"ready": done or None}))
        self.dirty = True

    def toggle_turn(self, member_id: str) -> bool:
        """Tick or untick the member's turn; True when now taken."""
        self.set_turn(member_id, not self.turn_taken(member_id))
        return self.turn_taken(member_id)

    def toggle_appreciated(self, member_id: str) -> bool:
        """Tick or untick the counselor's appreciation of the member's answer."""
        now = not self.answers(member_id).appreciated
        self._set_answers(member_id, self.answers(member_id).model_copy(update={"appreciated": now}))
        return now

    def set_quote(self, member_id: str, key: AnswerKey | None) -> None:
        """Mark the member's answer ``key`` as their quote of the meeting (None: no quote chosen)."""
        if self.answers(member_id).quote != key:
            self._set_answers(member_id, self.answers(member_id).model_copy(update={"quote": key}))

    def waiting(self) -> list[Member]:
        """Members taking part (present, late or not yet marked) without a turn yet, in circle order."""
        return [m for m in self.participants() if not self.turn_taken(m.id)]

    def next_waiting(self, after: str | None = None) -> Member | None:
        """The next member without a turn, going round the circle from ``after`` (default: the start)."""
        waiting = self.waiting()
        if not waiting:
            return None
        ids = [m.id for m in self.members]
        if after in ids:
            start = ids.index(after)
            later = [m for m in waiting if ids.index(m.id) > start]
            if later:
                return later[0]
        return waiting[0]

    # attendance ------------------------------------------------------------------------------------
    def attendance(self, member_id: str) -> Attendance:
        """The member's attendance record."""
        return self.meeting.attendance.get(member_id) or Attendance()

    def attendance_taken(self) -> bool:
        """Whether anyone's attendance has been marked yet."""
        return rule.attendance_taken(self.meeting)

    def is_present(self, member_id: str) -> bool:
        """Present or late (see ``program.attendance``)."""
        return rule.is_present(self.meeting, member_id)

    def takes_part(self, member_id: str) -> bool:
        """Present, late or not yet marked: can take turns, answer, be rated and recall names."""
        return rule.takes_part(self.meeting, member_id)

    def present_members(self) -> list[Member]:
        """The members marked present or late, in circle order."""
        return [m for m in self.members if self.is_present(m.id)]

    def participants(self) -> list[Member]:
        """The members taking part (present, late or not yet marked), in circle order."""
        return [m for m in self.members if self.takes_part(m.id)]

    def set_attendance(self, member_id: str, status: AttendanceStatus) -> None:
        """Set a member's attendance; ``late`` records the arrival time (now) the first time."""
        record = self.attendance(member_id)
        arrived = record.arrived_at
        if status == "late" and arrived is None:
            arrived = self.clock.now().time().replace(microsecond=0, tzinfo=None)
        if status != "late":
            arrived = None
        self.meeting.attendance = {
            **self.meeting.attendance,
            member_id: record.model_copy(update={"status": status, "arrived_at": arrived}),
        }
        self.dirty = True

    def cycle_attendance(self, member_id: str) -> AttendanceStatus:
        """present -> late -> excused -> absent -> unknown -> present."""
        current = self.meeting.attendance.get(member_id)
        if current is None or current.status not in ATTENDANCE_CYCLE:
            status: AttendanceStatus = "present"
        else:
            status = ATTENDANCE_CYCLE[(ATTENDANCE_CYCLE.index(current.status) + 1) % len(ATTENDANCE_CYCLE)]
        self.set_attendance(member_id, status)
        return status

    def all_present(self) -> None:
        """Mark every member whose attendance is not recorded (or unknown) as present."""
        for member in self.members:
            if self.attendance(member.id).status == "unknown":
                self.set_attendance(member.id, "present")

    def present_count(self) -> int:
        """Members present or late."""
        return len(self.present_members())

    def set_attendance_note(self, member_id: str, note: str) -> None:
        """Why a member was late, excused or absent."""
        record = self.attendance(member_id)
        if record.note != note:
            self.meeting.attendance = {**self.meeting.attendance, member_id: record.model_copy(update={"note": note})}
            self.dirty = True

    # name recall -----------------------------------------------------------------------------------
    def present_peers(self, member_id: str) -> list[Member]:
        """The peers a member can be asked to name (``program.attendance.recall_peers``)."""
        return rule.recall_peers(self.group, self.meeting, member_id)

    def first_without_recall(self) -> Member | None:
        """The first member taking part who has not done name recall yet."""
        return next((m for m in self.participants() if m.id not in self.meeting.name_recall), None)

    def named(self, member_id: str) -> list[str]:
        """Ids of the peers the member named correctly."""
        return list(self.meeting.name_recall.get(member_id, []))

    def toggle_named(self, member_id: str, peer_id: str) -> bool:
        """Toggle whether ``member_id`` named ``peer_id``; True when now named."""
        if member_id == peer_id:
            return False
        named = self.named(member_id)
        if peer_id in named:
            named.remove(peer_id)
        else:
            named.append(peer_id)
        self.meeting.name_recall = {**self.meeting.name_recall, member_id: named}
        self.dirty = True
        return peer_id in named

    def name_all(self, member_id: str) -> None:
        """The member named every present peer."""
        self.meeting.name_recall = {
            **self.meeting.name_recall,
            member_id: [m.id for m in self.present_peers(member_id)],
        }
        self.dirty = True

    def name_none(self, member_id: str) -> None:
        """The member named nobody (yet)."""
        self.meeting.name_recall = {**self.meeting.name_recall, member_id: []}
        self.dirty = True

    def recall_score(self, member_id: str, meeting: Meeting | None = None) -> RecallScore | None:
        """Named / present peers for ``member_id`` in ``meeting`` (default: this one); None if not done."""
        return recall_score(self.group, meeting or self.meeting, member_id)

    def group_recall(self, meeting: Meeting | None = None) -> RecallScore | None:
        """All names recalled over all names possible, for the members who did recall."""
        return group_recall(self.group, meeting or self.meeting)

    def last_recall_meeting(self) -> Meeting | None:
        """The latest earlier meeting in which name recall was done."""
        return next((m for m in reversed(self.earlier) if m.name_recall), None)

    # observations ----------------------------------------------------------------------------------
    def observation(self, member_id: str) -> Observation:
        """The member's observation record in this meeting."""
        return self.meeting.observations.get(member_id) or Observation()

    def previous_observation(self, member_id: str) -> Observation | None:
        """The member's observations in the latest earlier meeting that has any."""
        return next((m.observations[member_id] for m in reversed(self.earlier) if member_id in m.observations), None)

    def set_indicator(self, member_id: str, indicator: str, value: int | None) -> None:
        """Set one of the five indicators to 1-5 (or clear it)."""
        if indicator not in INDICATORS:
            raise ValueError(indicator)
        if value is not None and not self.takes_part(member_id):
            return  # excused or absent: not rated (earlier ratings stay)
        if value is not None:
            value = max(1, min(5, value))
        record = self.observation(member_id).model_copy(update={indicator: value})
        self.meeting.observations = {**self.meeting.observations, member_id: record}
        self.dirty = True

    def rated_count(self, member_id: str) -> int:
        """How many of the five indicators the member has been rated on in this meeting."""
        record = self.observation(member_id)
        return sum(getattr(record, indicator) is not None for indicator in INDICATORS)

    def first_not_fully_rated(self) -> Member | None:
        """The first member taking part not yet rated on all five indicators."""
        return next((m for m in self.participants() if self.rated_count(m.id) < len(INDICATORS)), None)

    def copy_previous_observation(self, member_id: str) -> bool:
        """Start from last meeting's ratings (the counselor's explicit choice); True when anything was copied."""
        previous = self.previous_observation(member_id)
        if previous is None or not self.takes_part(member_id):
            return False
        values = {i: getattr(previous, i) for i in INDICATORS if getattr(previous, i) is not None}
        if not values:
            return False
        record = self.observation(member_id).model_copy(update=values)
        self.meeting.observations = {**self.meeting.observations, member_id: record}
        self.dirty = True
        return True

    def set_observation_note(self, member_id: str, note: str) -> None:
        """The short note on a member."""
        record = self.observation(member_id)
        self.meeting.observations = {**self.meeting.observations, member_id: record.model_copy(update={"note": note})}
        self.dirty = True

    # the members' own ratings --------------------------------------------------------------------
    def self_rating(self, member_id: str) -> SelfRating:
        """The member's rating of themself in this meeting (empty when none yet)."""
        return self.meeting.self_ratings.get(member_id) or SelfRating()

    def set_self_indicator(self, member_id: str, indicator: str, value: int | None) -> None:
        """The member's own 1-5 on one indicator (None clears it); like the counselor's ratings, only
        for members taking part (present, late or not yet marked: program/attendance.py)."""
        if indicator not in INDICATORS:
            raise ValueError(indicator)
        if value is not None and not self.takes_part(member_id):
            return
        if value is not None:
            value = max(1, min(5, value))
        record = self.self_rating(member_id).model_copy(update={indicator: value})
        if any(getattr(record, i) is not None for i in INDICATORS):
            self.meeting.self_ratings = {**self.meeting.self_ratings, member_id: record}
        else:
            self.meeting.self_ratings = {k: v for k, v in self.meeting.self_ratings.items() if k != member_id}
        self.dirty = True

    # the ice-breaker -----------------------------------------------------------------------------
    def rate_icebreaker(self, rating: int | None) -> bool:
        """Rate the chosen ice-breaker 1 to 5 (None clears it); False when none is chosen yet."""
        use = self.meeting.icebreaker
        if use is None:
            return False
        if rating is not None:
            rating = max(1, min(5, rating))
        if use.rating != rating:
            self.meeting.icebreaker = use.model_copy(update={"rating": rating})
            self.dirty = True
        return True

    def set_icebreaker_note(self, note: str) -> None:
        """How the ice-breaker went."""
        use = self.meeting.icebreaker
        if use is not None and use.note != note:
            self.meeting.icebreaker = use.model_copy(update={"note": note})
            self.dirty = True

    # notes ---------------------------------------------------------------------------------------
    def set_stage_notes(self, text: str) -> None:
        """Free notes of the current stage (what the notes panel holds: a line typed in the round
        before is part of it from here on)."""
        stage = self.meeting.stages[self.stage]
        if stage.notes != text:
            stage.notes = text
            self._notes_line = None
            self.dirty = True

    def append_stage_notes(self, text: str) -> None:
        """Add a paragraph to the current stage's notes."""
        self.type_notes_line(text)
        self.end_notes_line()

    def type_notes_line(self, text: str) -> None:
        """What is typed on the round's notes line, kept in the stage's notes at every key (so each
        save and every way out keeps it, as the members' answers): the notes as they were when the
        line began, then ``text`` as a paragraph of its own. A line emptied again (or only spaces)
        leaves the notes as they were: nothing saved is overwritten by an empty line."""
        stage = self.meeting.stages[self.stage]
        if self._notes_line is None or self._notes_line[0] != self.stage:
            self._notes_line = (self.stage, stage.notes)
        notes = joined_notes(self._notes_line[1], text)
        if stage.notes != notes:
            stage.notes = notes
            self.dirty = True

    def end_notes_line(self) -> bool:
        """The notes line is done (Enter, Esc, leaving the panel or the stage): what was typed stays in
        the notes as it is; the next line starts after it. True when the line added something."""
        line, self._notes_line = self._notes_line, None
        return line is not None and line[0] == self.stage and self.meeting.stages[self.stage].notes != line[1]

    def set_private_notes(self, text: str) -> None:
        """The counselor's private notes."""
        if self.meeting.private_notes != text:
            self.meeting.private_notes = text
            self.dirty = True

    # saving and finishing ----------------------------------------------------------------------
    def cancel(self) -> list[str]:
        """Cancel a meeting opened by mistake: its file goes (a planned one is put back as it was).

        Refused once the counselor entered anything (returns what, see
        :func:`~homeroom_tui.program.program_end.entered`), for a completed meeting (``["completed"]``),
        and when removing fails (``["error"]``, with ``last_error`` set). Returns [] when cancelled.
        """
        if self.amending or self.meeting.status == "completed":
            return ["completed"]
        what = entered(self.meeting)
        if what:
            return what
        try:
            cancel_meeting(self.store, self.meeting, self.original, self.planned_before)
        except Exception as exc:  # noqa: BLE001 - shown; the meeting stays open
            self.last_error = exc
            return ["error"]
        self.cancelled = True
        self.dirty = False
        return []

    def save(self) -> bool:
        """Write the meeting file; on failure keep everything in memory, remember why, return False."""
        if self.cancelled:
            return True  # nothing to write: the meeting was cancelled
        for clock in self.clocks.values():
            clock.checkpoint()
        if self.amending and self.dirty:
            self.meeting.amended_at = self.clock.now()
        try:
            self.store.save_meeting(self.meeting)
        except Exception as exc:  # noqa: BLE001 - any failure is shown and retried; nothing is lost
            self.last_error = exc
            return False
        self.last_error = None
        self.dirty = False
        return True

    def set_date_held(self, day: dt.date) -> None:
        """Correct the day the meeting was held (the planned day is kept beside it)."""
        if day == self.meeting.date:
            return
        if self.meeting.planned_date is None:
            self.meeting.planned_date = self.meeting.date
        self.meeting.date = day
        self.dirty = True

    def next_meeting_date(self) -> dt.date | None:
        """The date the following meeting is planned for by the group's schedule.

        The schedule, not the day this meeting was held: a meeting held late moves nothing. Only a
        schedule that has already passed gives way to the usual interval after today's meeting.
        """
        planned = scheduled_date(self.group, [*self.earlier, self.meeting], self.meeting.number + 1)
        if planned is not None and planned > self.meeting.date:
            return planned
        return add_days(self.meeting.date, self.group.every_days)

    def finish(self, next_date: dt.date | None) -> bool:
        """Complete the meeting and plan the next one on ``next_date``; True when saved."""
        self.current_clock.stop()
        self.meeting.status = "completed"
        self.meeting.ended_at = self.clock.now()
        self.dirty = True
        if not self.save():
            return False
        number = self.meeting.number + 1
        if next_date is not None and number <= max(self.group.meetings_planned, self.meeting.number):
            path = self.store.meeting_path(self.group.id, number)
            lock = MeetingLock(path)  # the next meeting is written too: only while no other copy has it open
            try:
                lock.acquire()
                following = self.store.load_meeting(self.group, number) if path.exists() else None
                if following is None:
                    self.store.save_meeting(Meeting.new(self.group, number, date=next_date))
                elif following.status == "planned" and following.date != next_date:
                    following.date = next_date
                    self.store.save_meeting(following)
            except LockHeld:
                pass  # open in another homeroom: it keeps its own date
            except Exception as exc:  # noqa: BLE001 - the meeting itself is saved; report the rest
                self.last_error = exc
                return False
            finally:
                lock.release()
        return True
