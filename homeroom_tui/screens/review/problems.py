"""F6, the problems tab: the files that could not be read, each with its path and the reason."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from homeroom_tui.i18n import t
from homeroom_tui.plain import visible
from homeroom_tui.screens.review.tab import ReviewTab
from homeroom_tui.store import Problem


class ProblemsTab(ReviewTab):
    """Damaged files, listed with their error; not hidden, not fatal."""

    FOCUS = "#problems-scroll"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-scroll"):
            yield Static("", id="problems-text")

    def show(self, problems: Sequence[Problem]) -> None:
        text = "\n".join(f"• {visible(str(p))}" for p in problems) if problems else t("review.no_problems")
        self.query_one("#problems-text", Static).update(Content(text))  # paths and reasons are data
