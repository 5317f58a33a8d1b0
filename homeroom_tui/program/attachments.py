"""What review and the exports say about a meeting's attached files, and which may go into research. Imports no Textual.

homeroom never opens an attachment: it names it, its kind and size, and where it is.

The research rule (:func:`may_research`): an attachment that lists members goes into a research
export only when every member it lists has research consent. One that lists nobody concerns the
group as a whole (a group photo, a recording of the meeting): it goes in only when every member
taking part in that meeting (present, late, or not marked away: the safe side) has research
consent, and at least one took part.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from homeroom_tui.i18n import t
from homeroom_tui.i18n.numbers import number
from homeroom_tui.model import Attachment, Group, Meeting
from homeroom_tui.program.attendance import taking_part
from homeroom_tui.program.consent import has_research_consent

_UNITS = ("KiB", "MiB", "GiB")
_KIND_KEYS = {
    "photo": "common.attach_kind.photo",
    "audio": "common.attach_kind.audio",
    "form": "common.attach_kind.form",
    "other": "common.attach_kind.other",
}


def size_text(size: int) -> str:
    """``812 B``, ``2,3 MiB`` (the language's decimal separator)."""
    if size < 1024:
        return t("common.bytes", size=size)
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if value < 1024 or unit == _UNITS[-1]:
            return f"{number(value)} {unit}"
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class AttachmentLine:
    """One attachment as review shows it: plain text, never opened."""

    file: str
    kind: str
    size: str
    where: str
    who: str
    note: str


def review_lines(meeting: Meeting, folder: Path) -> list[AttachmentLine]:
    """The meeting's attachments in the order attached, each with the full (absolute) path of its copy."""
    return [
        AttachmentLine(
            file=attachment.file,
            kind=t(_KIND_KEYS[attachment.kind]),
            size=size_text(attachment.size),
            where=os.path.abspath(folder / attachment.file),
            who=", ".join(attachment.members) if attachment.members else t("common.attach_whole_group"),
            note=attachment.note,
        )
        for attachment in meeting.attachments
    ]


def may_research(attachment: Attachment, meeting: Meeting, group: Group) -> bool:
    """Whether ``attachment`` may go into a research export (the rule in this module's docstring)."""
    consenting = {member.id for member in group.members if has_research_consent(member)}
    if attachment.members:
        return all(who in consenting for who in attachment.members)
    people = taking_part(group, meeting)
    return bool(people) and all(member.id in consenting for member in people)
