"""The end of a program and meetings opened by mistake. Imports no Textual.

- A meeting beyond the planned program is only added after the counselor agrees: the group's
  planned count is raised first, so progress reads 5/5, never 5/4.
- A meeting opened by mistake can be cancelled while the counselor has entered nothing in it;
  running clocks do not count as something entered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from homeroom_tui.i18n import t
from homeroom_tui.model import STAGE_KEYS, Group, Meeting
from homeroom_tui.program.progress import progress
from homeroom_tui.store import DamagedFile, Store, load_model


def entered(meeting: Meeting) -> list[str]:
    """What the counselor entered in ``meeting``, by kind (empty: nothing, the meeting can be cancelled).

    The kinds are ``attendance``, ``tick``, ``answer``, ``rating``, ``recall``, ``icebreaker`` and
    ``note``. Times (clocks started, paused or extended, stages visited) are not counted.
    """
    kinds: list[str] = []
    if any(a.status != "unknown" or a.arrived_at is not None or a.note for a in meeting.attendance.values()):
        kinds.append("attendance")
    stages = [meeting.stages[key] for key in STAGE_KEYS]
    if any(stage.checklist or stage.round_done for stage in stages):
        kinds.append("tick")
    if any(
        a.checkin or a.problem or a.resolution or a.change or a.impression or a.ready is not None or a.appreciated
        for a in meeting.answers.values()
    ):
        kinds.append("answer")
    observations = meeting.observations.values()
    rated = any(
        o.open_up or o.join_discussion or o.confidence or o.cross_faculty or o.eye_contact for o in observations
    )
    if rated or meeting.self_ratings:  # a member's rating of themself is entered too
        kinds.append("rating")
    if meeting.name_recall:  # "named nobody" is a result too
        kinds.append("recall")
    if meeting.icebreaker is not None:
        kinds.append("icebreaker")
    if meeting.private_notes or any(stage.notes for stage in stages) or any(o.note for o in observations):
        kinds.append("note")
    return kinds


def is_empty(meeting: Meeting) -> bool:
    """True when the counselor entered nothing in ``meeting`` (only clocks ran)."""
    return not entered(meeting)


@dataclass(frozen=True)
class Beyond:
    """A meeting asked for that the program does not plan: all its planned meetings are done."""

    planned: int
    """Meetings the program has now."""
    number: int
    """The meeting that would be added."""
    finished: bool = True
    """All planned meetings are done (else a number past the plan was asked for)."""


def beyond_program(store: Store, group: Group, number: int | None = None) -> Beyond | None:
    """Whether opening meeting ``number`` (default: the next one) would add one past the plan.

    None when the meeting is planned, or already has a file (a meeting in progress or held reopens
    as it is). Raises nothing: a damaged meeting file is left for :func:`open_meeting` to report.
    """
    meetings, _ = store.load_meetings(group)
    state = progress(group, meetings)
    if number is None:
        if not state.finished:
            return None
        number = max((m.number for m in meetings), default=0) + 1
    if number <= group.meetings_planned:
        return None
    path = store.meeting_path(group.id, number)
    if os.path.lexists(path):
        return None
    return Beyond(planned=group.meetings_planned, number=number, finished=state.finished)


def add_meeting(store: Store, group: Group, number: int) -> Group:
    """Raise the group's planned count to ``number`` (saved at once) and return the group as saved."""
    if number <= group.meetings_planned:
        return group
    raised = group.model_copy(update={"meetings_planned": number})
    raised = Group.model_validate(raised.model_dump())  # the calendar check runs again
    store.save_group(raised)
    return raised


def cancel_meeting(store: Store, meeting: Meeting, original: Meeting | None, planned_before: int | None = None) -> None:
    """Remove a meeting opened by mistake; the caller has checked :func:`is_empty`.

    ``original`` is the meeting as it was on disk before it was opened (a planned meeting with the
    next date agreed when the previous one finished): it is written back as it was. Without one the
    file is removed. ``planned_before``: the group's planned count before it was raised to add this
    very meeting, put back.
    """
    path = store.meeting_path(meeting.group_id, meeting.number)
    if os.path.lexists(path) and not store.unchanged_since_written(path):
        # someone else wrote it since (by hand, or a newer homeroom): removed only while still empty
        on_disk = load_model(path, Meeting)  # damaged or newer: DamagedFile, and the file stays
        if not is_empty(on_disk):
            raise DamagedFile.one(path, "", t("run.cancel_changed"))
    if original is not None:
        store.save_meeting(original)
    else:
        path.unlink(missing_ok=True)
    if planned_before is not None:
        group = store.load_group(meeting.group_id)
        if group.meetings_planned == meeting.number > planned_before:
            store.save_group(group.model_copy(update={"meetings_planned": planned_before}))
