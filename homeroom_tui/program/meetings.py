"""Finding, creating and changing meetings. Imports no Textual."""

from __future__ import annotations

from homeroom_tui.model import Group, IcebreakerUse, Meeting
from homeroom_tui.program.progress import progress, scheduled_date
from homeroom_tui.store import Store


def open_meeting(store: Store, group: Group, number: int | None = None) -> tuple[Meeting, list[Meeting]]:
    """Meeting ``number`` of ``group`` (default: the next one not completed), from its file or new.

    Also returns all readable meetings of the group. Raises :class:`~homeroom_tui.store.DamagedFile` when that
    meeting's file exists but is damaged: it is never replaced by a new one.
    """
    meetings, _ = store.load_meetings(group)
    if number is None:
        state = progress(group, meetings)
        number = state.next_number or (max((m.number for m in meetings), default=0) + 1)
    existing = next((m for m in meetings if m.number == number), None)
    if existing is not None:
        return existing, meetings
    path = store.meeting_path(group.id, number)
    if path.exists() or path.is_symlink():
        return store.load_meeting(group, number), meetings  # a damaged file raises DamagedFile
    return Meeting.new(group, number, date=scheduled_date(group, meetings, number)), meetings


def choose_icebreaker(meeting: Meeting, icebreaker_id: str) -> None:
    """Record the chosen ice-breaker; choosing the same one again keeps its rating and note."""
    if meeting.icebreaker is not None and meeting.icebreaker.id == icebreaker_id:
        return
    meeting.icebreaker = IcebreakerUse(id=icebreaker_id)


def rate_icebreaker(meeting: Meeting, rating: int) -> bool:
    """Rate the chosen ice-breaker 1 to 5; False when none is chosen yet."""
    if meeting.icebreaker is None:
        return False
    meeting.icebreaker = meeting.icebreaker.model_copy(update={"rating": max(1, min(5, rating))})
    return True
