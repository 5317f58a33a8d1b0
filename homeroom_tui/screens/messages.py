"""What a screen asks the app to do: intents posted as messages, handled by ``HomeroomApp`` (app.py).

Messages go up, method calls go down: a screen posts :class:`OpenMeeting` and the app's
``on_open_meeting`` opens the runner. No screen calls the app's methods by name, and no screen is
handed the app's methods as callables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

if TYPE_CHECKING:  # the home screen posts these before the model is imported (first frame)
    from homeroom_tui.model import AnswerKey, Group, Meeting, Member, Scale
    from homeroom_tui.screens.review.detail import MeetingDetailScreen


class OpenMeeting(Message):
    """Run a group's meeting in the runner: ``number``, or its next one (or the one in progress)."""

    def __init__(self, group_id: str, number: int | None = None) -> None:
        super().__init__()
        self.group_id = group_id
        self.number = number


class OpenReview(Message):
    """Review past meetings (read-only), on the group ``group_id`` or the first group."""

    def __init__(self, group_id: str | None) -> None:
        super().__init__()
        self.group_id = group_id


class AmendMeeting(Message):
    """Change a meeting already held, in the runner (saving records ``amended_at``)."""

    def __init__(self, group: Group, meeting: Meeting) -> None:
        super().__init__()
        self.group = group
        self.meeting = meeting


class ExportGroup(Message):
    """Write the group's aliased report (Markdown and CSV) into the data folder's ``exports/``."""

    def __init__(self, group: Group, meetings: Sequence[Meeting]) -> None:
        super().__init__()
        self.group = group
        self.meetings = meetings


class ExportMember(Message):
    """Write one member's record (Markdown, under their own name) into the data folder's ``exports/``."""

    def __init__(self, group: Group, meetings: Sequence[Meeting], member_id: str) -> None:
        super().__init__()
        self.group = group
        self.meetings = meetings
        self.member_id = member_id


class CorrectDateHeld(Message):
    """The counselor corrected the day a meeting was held: the app saves it through a session,
    under the meeting's lock, and shows the saved meeting on ``detail``."""

    def __init__(self, detail: MeetingDetailScreen, group: Group, number: int, day: dt.date) -> None:
        super().__init__()
        self.detail = detail
        self.group = group
        self.number = number
        self.day = day


class MarkQuote(Message):
    """The counselor marked (or unmarked, ``key`` None) a member's answer as their quote of a meeting
    held: the app saves it through a session, under the meeting's lock, and shows the saved meeting
    on ``detail``."""

    def __init__(
        self, detail: MeetingDetailScreen, group: Group, number: int, member_id: str, key: AnswerKey | None
    ) -> None:
        super().__init__()
        self.detail = detail
        self.group = group
        self.number = number
        self.member_id = member_id
        self.key = key


class SavesGroup(Protocol):
    """A screen that asked the app to save into a group file, and hears how it went."""

    def saved(self, group: Group) -> None:
        """The group as saved."""

    def refused(self, reason: str) -> None:
        """Nothing was saved, because of ``reason``."""


class SaveMember(Message):
    """The member details screen (or its interview dialog) asks to save one member into the group file:
    the app saves it and tells ``screen`` (``saved`` with the group as saved, or ``refused`` with the reason)."""

    def __init__(self, screen: SavesGroup, group_id: str, before: Member, after: Member) -> None:
        super().__init__()
        self.screen = screen
        self.group_id = group_id
        self.before = before
        self.after = after


class SaveScale(Message):
    """The scale form asks to save a scale (new when ``before`` is None) into the group file; the app
    tells ``screen`` as for :class:`SaveMember`."""

    def __init__(self, screen: SavesGroup, group_id: str, before: Scale | None, after: Scale) -> None:
        super().__init__()
        self.screen = screen
        self.group_id = group_id
        self.before = before
        self.after = after
