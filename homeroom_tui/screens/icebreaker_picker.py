"""The ice-breaker picker: a modal that suggests, re-rolls, filters, browses, chooses and rates."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from homeroom_tui.i18n import get_language, t
from homeroom_tui.model import Meeting
from homeroom_tui.program.icebreakers import (
    ENERGIES,
    PURPOSES,
    Icebreaker,
    Library,
    Picker,
    PickRequest,
    candidates,
    describe_lines,
)
from homeroom_tui.program.meetings import choose_icebreaker, rate_icebreaker
from homeroom_tui.store import error_reason
from homeroom_tui.widgets.keybar import KeyBar
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, plain_content, plain_t, visible_values

SaveMeeting = Callable[[Meeting], object]


def _cycle(options: tuple[str, ...], current: str | None) -> str | None:
    """None -> first -> ... -> last -> None."""
    if current is None:
        return options[0]
    index = options.index(current) + 1
    return options[index] if index < len(options) else None


def stars(rating: int | None) -> str:
    """``★★★★☆`` for 4."""
    return "★" * (rating or 0) + "☆" * (5 - (rating or 0))


LOOK = {  # kind of line: (prefix, style)
    "title": ("", "bold"),
    "facts": ("", "dim"),
    "heading": ("", "bold"),
    "step": (" ", ""),
    "question": (" • ", ""),
    "safety": ("", "$warning"),
}


def describe(item: Icebreaker) -> Content:
    """The activity in full, in the current language: the file's texts are data, shown literally."""
    lines = []
    for kind, text in describe_lines(item, get_language()):
        prefix, style = LOOK.get(kind, ("", ""))
        lines.append(plain_content(prefix + text, style, multiline=True))
    return Content("\n").join(lines)


class IcebreakerPicker(ModalScreen[None]):
    """Pick the ice-breaker for a meeting; every choice and rating is saved at once through ``save``."""

    KEYS_IN_ORDER = True  # keys in the order typed (app._catch_up)

    DEFAULT_CSS = """
    IcebreakerPicker { align: center middle; }
    #ib-box { width: 100%; max-width: 110; height: 100%; max-height: 40; border: thick $accent;
              background: $surface; padding: 0 1; }
    #ib-title { height: 1; text-style: bold; color: $accent; }
    #ib-filters { height: auto; color: $text-muted; }
    #ib-chosen { height: auto; color: $success; }
    #ib-notice { height: auto; color: $warning; }
    #ib-body { height: 1fr; }
    #ib-list { width: 32; height: 1fr; display: none; }
    #ib-list.-shown { display: block; }
    #ib-detail { height: 1fr; padding: 0 1; }
    """

    ACTIONS = (  # footer, help and palette come from this table (widgets/keys.py)
        Action("enter", "choose", "key.choose", "cmd.ib_choose", priority=True),
        Action("r,space", "reroll", "key.reroll", "cmd.ib_reroll"),
        Action("b", "browse", "key.browse", "cmd.ib_browse"),
        Action("e", "energy", "key.energy", "cmd.ib_energy"),
        Action("p", "purpose", "key.purpose", "cmd.ib_purpose"),
        Action("m", "materials", "key.no_materials", "cmd.ib_materials"),
        Action("s", "seated", "key.seated", "cmd.ib_seated"),
        *(Action(str(n), f"rate({n})", "key.rate", "cmd.ib_rate", footer=False, palette=False) for n in range(1, 6)),
        HELP,
        Action("escape", "close", "key.close", "cmd.ib_close", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.icebreaker"

    def __init__(
        self,
        library: Library,
        meeting: Meeting,
        request: PickRequest,
        save: SaveMeeting,
    ) -> None:
        super().__init__()
        self.library = library
        self.meeting = meeting
        self.request = request
        self.save = save
        # a damaged file of the counselor's is said here, wherever the picker is opened from
        self.notice = visible_values("ib.fell_back", path=library.user_file) if library.fell_back else ""
        self.picker = Picker(candidates([], request), request)  # filled on mount
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="ib-box"):
            yield Static("", id="ib-title")
            yield Static("", id="ib-filters")
            yield Static("", id="ib-chosen")
            yield Static(self.notice, id="ib-notice", markup=False)
            with Horizontal(id="ib-body"):
                yield OptionList(id="ib-list")
                with VerticalScroll(id="ib-detail"):
                    yield Static("", id="ib-text")
            yield KeyBar()

    def on_mount(self) -> None:
        minutes = self.request.minutes
        length = t("ib.minutes_left", minutes=round(minutes)) if minutes is not None else t("ib.any_length")
        title = t("ib.context", number=self.meeting.number, size=self.request.size or "?", minutes=length)
        self.query_one("#ib-title", Static).update(f"{t('common.icebreaker')} · {title}")
        self.query_one("#ib-notice").display = bool(self.notice)
        self.refilter()

    # state -> screen ---------------------------------------------------------------------
    def refilter(self) -> None:
        """Apply the filters again and show a fresh suggestion."""
        found = candidates(self.library.items.values(), self.request)
        self.picker = Picker(found, self.request)
        option_list = self.query_one("#ib-list", OptionList)
        option_list.clear_options()
        # browse shows the whole library: the suggestions first, then every other activity (dimmed)
        lang = get_language()
        shown = {item.id for item in found.items}
        rest = sorted((i for i in self.library.items.values() if i.id not in shown), key=lambda i: i.name.text(lang))
        option_list.add_options(Option(plain(item.name.text(lang)), id=item.id) for item in found.items)
        option_list.add_options(Option(plain(item.name.text(lang), "dim"), id=item.id) for item in rest)
        self.picker.roll()
        self._show()

    def _filters_text(self) -> str:
        f = self.request.filters
        parts = [
            t("ib.filter.energy", value=t(f"energy_level.{f.energy}") if f.energy else t("ib.filter.any")) + " (e)",
            t("ib.filter.purpose", value=t(f"purpose.{f.purpose}") if f.purpose else t("ib.filter.any")) + " (p)",
        ]
        if f.no_materials:
            parts.append(t("ib.filter.no_materials") + " (m)")
        if f.no_movement:
            parts.append(t("ib.filter.no_movement") + " (s)")
        return " · ".join(parts) + f"   [b]{t('ib.fit_count', count=len(self.picker.found.items))}[/b]"

    def _show(self) -> None:
        self.query_one("#ib-filters", Static).update(self._filters_text())
        current = self.picker.current
        text = describe(current) if current else Content(t("ib.none_fit"))
        if current and self.picker.found.refilled:
            text = Content.assemble((t("ib.refilled"), "$warning"), "\n\n", text)
        if current and self.picker.found.closest:
            text = Content.assemble((t("ib.closest"), "$warning"), "\n\n", text)
        self.query_one("#ib-text", Static).update(text)
        self._show_chosen()

    def _show_chosen(self) -> None:
        chosen = self.meeting.icebreaker
        widget = self.query_one("#ib-chosen", Static)
        widget.display = chosen is not None
        if chosen is None:
            return
        item = self.library.get(chosen.id)
        name = item.name.text(get_language()) if item else t("ib.unknown", id=chosen.id)
        rating = t("ib.rating", stars=stars(chosen.rating)) if chosen.rating else t("ib.rate_hint")
        widget.update(Text.assemble("✔ ", plain_t("ib.chosen", name=name), f" · {rating}"))

    # actions ---------------------------------------------------------------------------------
    def _set_filters(self, **changes: object) -> None:
        filters = dataclasses.replace(self.request.filters, **changes)  # type: ignore[arg-type]
        self.request = dataclasses.replace(self.request, filters=filters)
        self.refilter()

    def action_energy(self) -> None:
        self._set_filters(energy=_cycle(ENERGIES, self.request.filters.energy))

    def action_purpose(self) -> None:
        self._set_filters(purpose=_cycle(PURPOSES, self.request.filters.purpose))

    def action_materials(self) -> None:
        self._set_filters(no_materials=not self.request.filters.no_materials)

    def action_seated(self) -> None:
        self._set_filters(no_movement=not self.request.filters.no_movement)

    def action_reroll(self) -> None:
        self.picker.roll()
        self._show()

    def action_browse(self) -> None:
        option_list = self.query_one("#ib-list", OptionList)
        option_list.toggle_class("-shown")
        if option_list.has_class("-shown"):
            option_list.focus()
            if self.picker.current is not None:
                option_list.highlighted = option_list.get_option_index(self.picker.current.id)
        else:
            self.set_focus(None)

    @on(OptionList.OptionHighlighted, "#ib-list")
    def _browse_to(self, event: OptionList.OptionHighlighted) -> None:
        item = self.library.get(event.option.id or "")
        if item is not None and item is not self.picker.current:
            self.picker.current = item
            self._show()

    @on(OptionList.OptionSelected, "#ib-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose()

    def _persist(self, message: str) -> None:
        try:
            self.save(self.meeting)
        except Exception as exc:  # noqa: BLE001 - any failed save is shown, the app keeps running
            self.notify(
                visible_values("ib.save_failed", reason=error_reason(exc)), severity="error", timeout=10, markup=False
            )
            return
        self.notify(message, markup=False)

    def action_choose(self) -> None:
        current = self.picker.current
        if current is None:
            return
        choose_icebreaker(self.meeting, current.id)
        self._show_chosen()
        self._persist(
            visible_values("ib.saved_choice", name=current.name.text(get_language()), number=self.meeting.number)
        )

    def action_rate(self, rating: int) -> None:
        if not rate_icebreaker(self.meeting, rating):
            self.notify(t("ib.nothing_to_rate"), severity="warning")
            return
        self._show_chosen()
        self._persist(t("ib.saved_rating", rating=rating))

    def action_close(self) -> None:
        self.dismiss(None)
