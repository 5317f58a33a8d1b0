"""F5 (or ``/``), the search tab: every note and answer of every group; ``Enter`` on a hit shows its meeting."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.plain import visible
from homeroom_tui.program.review import IndexedSearch, SearchHit, SearchIndex, hits_line
from homeroom_tui.screens.review.meetings import MeetingChosen
from homeroom_tui.screens.review.members import MemberChosen
from homeroom_tui.screens.review.tab import ReviewTab
from homeroom_tui.widgets.in_place import InPlaceInput
from homeroom_tui.widgets.plain import plain


def highlighted(text: str, spans: Sequence[tuple[int, int]], width: int = 90) -> Text:
    """One line around the first match, with every match in bold reverse (control characters made visible)."""
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    window = text[start : start + width].replace("\n", " ")
    marked = [(a - start, b - start) for a, b in spans if a >= start and b <= start + width]
    cuts = sorted({0, len(window), *(edge for span in marked for edge in span)})
    shown = Text("…" if start else "")
    for low, high in pairwise(cuts):
        style = "bold reverse" if any(a <= low and high <= b for a, b in marked) else ""
        shown.append(visible(window[low:high]), style=style)
    return shown


class SearchTab(ReviewTab):
    """A search field, the number of hits, and the hits, each one line around its first match."""

    FOCUS = "#search-input"

    index: IndexedSearch | SearchIndex | None = None
    """The data folder's index on disk (partial while it is brought up to date), or without one every
    note and answer gathered in memory while the files were read (None until then)."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.hits: list[SearchHit] = []
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield InPlaceInput(placeholder=t("review.search_placeholder"), id="search-input")
        yield Static("", id="search-count", classes="muted")
        yield OptionList(id="search-results")

    def refresh_results(self) -> None:
        """Search again for what is typed (the index has grown since)."""
        self._show(self.query_one("#search-input", Input).value)

    @on(Input.Changed, "#search-input")
    def _search(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, value: str) -> None:
        hits = self.index.search(value) if self.index is not None else []
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        for index, hit in enumerate(hits):
            label = plain(f"{hit.group_name} · {t('review.meeting_short', number=hit.meeting_number)} · ", "dim")
            if hit.interview:  # a member's interview, not a meeting's text
                label = plain(f"{hit.group_name} · ", "dim")
                label.append(t("review.hit_member", member=hit.member_id, where=hit.interview) + ": ")
                label.append_text(highlighted(hit.text, hit.spans))
                results.add_option(Option(label, id=f"{index}"))
                continue
            where = t(f"review.where.{hit.where.split('.')[0]}")
            label.append((t("review.hit_member", member=hit.member_id, where=where) if hit.member_id else where) + ": ")
            label.append_text(highlighted(hit.text, hit.spans))
            results.add_option(Option(label, id=f"{index}"))
        self.hits, self.query_text = hits, value
        if hits:
            results.highlighted = 0
        self._count(results.highlighted)

    def _count(self, highlighted: int | None) -> None:
        """The count line, with what Enter opens for the highlighted hit."""
        self.query_one("#search-count", Static).update(hits_line(self.query_text, self.hits, highlighted))

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._count(event.option_index)

    @on(Input.Submitted, "#search-input")
    def _to_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()

    @on(OptionList.OptionSelected, "#search-results")
    def _open_hit(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        if hit.interview and hit.member_id:
            self.post_message(MemberChosen(hit.group_id, hit.member_id))
            return
        self.post_message(MeetingChosen(hit.group_id, hit.meeting_number))
