"""What every tab of the review is: a tab pane that knows which of its widgets takes the focus."""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import TabPane


class ReviewTab(TabPane):
    """One tab of the review (F2-F6)."""

    FOCUS: ClassVar[str]
    """The widget focused when the tab is opened: focus left in a hidden tab would bring that tab back."""

    def focus_inside(self) -> None:
        self.query_one(self.FOCUS).focus()
