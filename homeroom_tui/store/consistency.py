"""Where a valid file lies: rules that a file's content must agree with its folder and name. Imports no Textual.

A group file names its own folder; a meeting file its group's folder, its own number and the
group's members; any other file in a group folder is a stray copy, never read.
"""

from __future__ import annotations

from pathlib import Path

from homeroom_tui.i18n import t
from homeroom_tui.model import Group, Meeting
from homeroom_tui.store.errors import Problem
from homeroom_tui.store.paths import MEETING_FILE_RE, meeting_file_name, resembles


def group_problems(path: Path, group: Group, folder: str) -> list[Problem]:
    """What makes a valid group file wrong where it lies: an id that is not its folder's name."""
    if group.id != folder:
        return [Problem(path, "id", t("err.id_folder", value=group.id, folder=folder))]
    return []


def meeting_problems(path: Path, meeting: Meeting, group_id: str, known: set[str] | None) -> list[Problem]:
    """What makes a valid meeting file wrong where it lies: another group's, another number, unknown members.

    ``known`` is the group's member ids (None when the group file cannot be read: its own
    problem is reported on its own).
    """
    problems = []
    if meeting.group_id != group_id:
        problems.append(Problem(path, "group_id", t("err.id_folder", value=meeting.group_id, folder=group_id)))
    match = MEETING_FILE_RE.match(path.name)
    if match and int(match.group(1)) != meeting.number:
        problems.append(Problem(path, "number", t("err.number_file", value=meeting.number, name=path.name)))
    elif match and path.name != meeting_file_name(meeting.number):
        problems.append(Problem(path, "", t("err.noncanonical_name", expected=meeting_file_name(meeting.number))))
    for unknown in sorted(meeting.member_ids() - known) if known is not None else []:
        problems.append(Problem(path, "", t("err.unknown_member", member=unknown)))
    return problems


def stray_problem(path: Path) -> Problem:
    """The problem with a file in a group folder that homeroom never reads (a synced folder's conflict copy...).

    It names the homeroom file its name was made from, when there is one.
    """
    like = resembles(path.name)
    if MEETING_FILE_RE.match(path.name):
        return Problem(path, "", t("err.noncanonical_name", expected=like))
    if like:
        return Problem(path, "", t("err.stray_copy", meeting=like))
    return Problem(path, "", t("err.unexpected_file"))
