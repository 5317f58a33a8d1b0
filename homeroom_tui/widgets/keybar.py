"""The footer: the active keys, with back or quit and help kept on the right at every width."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

from homeroom_tui.widgets.keys import table_of


def types_text(key: str) -> bool:
    """Whether ``key`` is a printable character (a text field takes it as text)."""
    character = key_to_character(key) or {"plus": "+"}.get(key)
    return character is not None and len(character) == 1 and character.isprintable()


def essential_actions(screen: DOMNode) -> set[str]:
    """The actions the footer keeps at every width."""
    return {action.action for action in table_of(screen) or () if action.essential}


class KeyBar(Footer):
    """The footer, generated from the active bindings; the essential keys (back or quit, help)
    and the palette key stay on the right at every width. The others fill the room left, in
    order; a key that does not fit whole is left out (never cut in the middle of its label)."""

    DEFAULT_CSS = """
    KeyBar > #essential-keys {
        dock: right;
        width: auto;
        height: 1;
        border-left: vkey $foreground 20%;
    }
    KeyBar > #essential-keys FooterKey.-palette {
        padding-right: 1;
    }
    """

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        screen = self.screen
        essential = essential_actions(screen)
        active = screen.active_bindings
        typing = isinstance(screen.focused, (Input, TextArea))
        first: dict[str, tuple[Binding, bool, str]] = {}
        for pressed, (_, binding, enabled, tooltip) in active.items():
            if typing and pressed == "escape":
                # in a text field q is text: Esc is the way out, so the footer says what it does
                essential.add(binding.action)
            elif not binding.show or (typing and types_text(pressed)):
                continue  # hidden, or a key the text field takes as text
            if binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)

        def key(binding: Binding, enabled: bool, tooltip: str, classes: str = "") -> FooterKey:
            return FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
                classes=classes,
            ).data_bind(compact=Footer.compact)

        for action, (binding, enabled, tooltip) in first.items():
            if action not in essential:
                yield key(binding, enabled, tooltip)
        with HorizontalGroup(id="essential-keys"):
            for action, (binding, enabled, tooltip) in first.items():
                if action in essential:
                    yield key(binding, enabled, tooltip)
            if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
                palette = active.get(self.app.COMMAND_PALETTE_BINDING)
                if palette is not None:
                    yield key(palette.binding, palette.enabled, palette.tooltip, classes="-palette")

    _recomposing: asyncio.Lock | None = None

    async def recompose(self) -> None:
        # Only the bar of the screen in front, and one at a time. A bar under a dialog is asked too
        # (its callbacks run on the front screen) while keys typed at once open the dialog
        # (app._screen_key_in_order); redrawing it there could mount its keys twice. It is redrawn
        # when its screen is in front again (Textual refreshes the bindings then).
        if not self.is_attached or self.screen is not self.app.screen:
            return
        if self._recomposing is None:
            self._recomposing = asyncio.Lock()
        async with self._recomposing:
            await super().recompose()
        self.call_after_refresh(self.fit)  # once laid out: the essential keys' width is known

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Show the non-essential keys that fit whole beside the essential ones, in order."""
        if not self.size.width:
            return  # not laid out yet: fitted on the first resize
        essential = sum(key.render().cell_len for key in self.query("#essential-keys FooterKey").results(FooterKey))
        room = self.size.width - essential - 1  # the bar between the two
        for footer_key in self.query_children(FooterKey):
            room -= footer_key.render().cell_len
            footer_key.display = room >= 0
