"""Every free text of a meeting or a group's interviews, labelled by where it is: what search finds.

Shared by the search index on disk (``store.index``) and the review's in-memory search. Imports no
Textual.
"""

from __future__ import annotations

from collections.abc import Iterator

from homeroom_tui.model.common import STAGE_KEYS
from homeroom_tui.model.group import Group
from homeroom_tui.model.meeting import ANSWER_KEYS, Meeting


def texts(meeting: Meeting) -> Iterator[tuple[str, str | None, str]]:
    """Every free text of a meeting: (where, member id or None, text)."""
    for key in STAGE_KEYS:
        if meeting.stages[key].notes:
            yield f"stages.{key}.notes", None, meeting.stages[key].notes
    if meeting.private_notes:
        yield "private_notes", None, meeting.private_notes
    for member_id, answers in meeting.answers.items():
        for name in ANSWER_KEYS:
            value = getattr(answers, name)
            if value:
                yield f"answers.{name}", member_id, value
    for member_id, observation in meeting.observations.items():
        if observation.note:
            yield "observations.note", member_id, observation.note
    for member_id, attendance in meeting.attendance.items():
        if attendance.note:
            yield "attendance.note", member_id, attendance.note
    if meeting.icebreaker and meeting.icebreaker.note:
        yield "icebreaker.note", None, meeting.icebreaker.note


def interview_texts(group: Group) -> Iterator[tuple[str, str | None, str]]:
    """Every member's interview notes: (``interviews.N``, member id, text), N the index in the file."""
    for member in group.members:
        for index, interview in enumerate(member.interviews):
            yield f"interviews.{index}", member.id, interview.text
