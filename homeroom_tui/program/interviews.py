"""Interviews with a member: needs analysis before the program, in depth after it, or other. Imports no Textual.

The notes are kept on the member in the group file (``[[members.interviews]]``), confidential like
every note. The member details screen adds, edits and deletes them through :func:`typed_interview`
and :func:`with_interview`; review shows and searches them; :func:`interview_records` is what the
research exports read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from homeroom_tui.i18n import t
from homeroom_tui.model import INTERVIEW_KINDS, INTERVIEW_MAX, Group, Interview, InterviewKind, Member
from homeroom_tui.model.common import normalise_newlines
from homeroom_tui.model.group import INTERVIEWS_MAX
from homeroom_tui.program.members import typed_day


def typed_interview(kind: str, day: str, text: str) -> Interview | str:
    """The interview as typed, or the message that names the field to fix."""
    if kind not in INTERVIEW_KINDS:
        return t("member.interview.err.kind")
    try:
        date = typed_day(day)
    except ValueError:
        date = None
        if day.strip():
            return t("member.err.date", field=t("common.date"))
    if date is None:
        return t("member.err.date", field=t("common.date"))
    notes = normalise_newlines(text)
    if not notes.strip():
        return t("member.interview.err.text")
    if len(notes) > INTERVIEW_MAX:
        return t("member.err.invalid")
    kinds: dict[str, InterviewKind] = {k: k for k in INTERVIEW_KINDS}
    return Interview(kind=kinds[kind], date=date, text=notes)


def with_interview(member: Member, interview: Interview | None, index: int | None = None) -> Member | str:
    """``member`` with ``interview`` added (``index`` None), put in place of interview ``index``, or
    (``interview`` None) interview ``index`` deleted; a message when the member has as many as a file keeps."""
    interviews = list(member.interviews)
    if index is None:
        if interview is None:
            return member
        if len(interviews) >= INTERVIEWS_MAX:
            return t("member.interview.err.too_many", most=INTERVIEWS_MAX)
        interviews.append(interview)
    elif interview is None:
        del interviews[index]
    else:
        interviews[index] = interview
    return Member.model_validate({**member.model_dump(exclude={"interviews"}), "interviews": interviews})


def in_order(member: Member) -> list[tuple[int, Interview]]:
    """The member's interviews by date (then as added), each with its index in the file."""
    return sorted(enumerate(member.interviews), key=lambda pair: (pair[1].date, pair[0]))


def title(interview: Interview) -> str:
    """``Interview before the program · 2024-01-08``."""
    return t("member.interview.title", kind=t(f"member.interview.kind.{interview.kind}"), date=interview.date)


@dataclass(frozen=True)
class InterviewRecord:
    """One interview of one member, for the research exports (which alias ``member_id``)."""

    member_id: str
    index: int
    kind: InterviewKind
    date: dt.date
    text: str


def interview_records(group: Group) -> list[InterviewRecord]:
    """Every interview of every member, member by member, each member's by date."""
    return [
        InterviewRecord(member.id, index, interview.kind, interview.date, interview.text)
        for member in group.members
        for index, interview in in_order(member)
    ]
