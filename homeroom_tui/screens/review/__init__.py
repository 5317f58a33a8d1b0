"""Review past meetings offline: one module per tab, the screen that holds them, and one meeting in full.

- ``screen.py``: :class:`ReviewScreen`, the tabs, reading the files, switching groups, export;
- ``meetings.py``, ``members.py``, ``overview.py``, ``search.py``, ``problems.py``: one tab each (F2-F6);
- ``detail.py``: :class:`MeetingDetailScreen`, one meeting in full, and its renderer.
"""

from homeroom_tui.screens.review.detail import MeetingDetailScreen, meeting_detail
from homeroom_tui.screens.review.screen import ReviewScreen

__all__ = ["MeetingDetailScreen", "ReviewScreen", "meeting_detail"]
