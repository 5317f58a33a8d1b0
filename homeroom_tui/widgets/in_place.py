"""Text fields whose own keys act in place: in the order typed, between the characters around them.

Textual inserts a typed character the moment the field takes the key, but acts on the field's own
bindings (arrows, Home, Backspace, Ctrl+U, Ctrl+W, ...) only after the key has bubbled up to the
app and come back, when the characters typed after it are already in. A counselor typing "Ctrl+U
+5" without a pause got "5": the "+" went in before the line was cleared. Here a field acts on its
own bindings when it takes the key, so every key lands where the field pointed when it was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget
from textual.widgets import Input

# A plain mixin at run time: Textual takes a widget's default CSS from its first base that is a
# widget, which must stay the text field itself.
if TYPE_CHECKING:
    _Field = Widget
else:
    _Field = object


LEFT_TO_THE_APP = frozenset({"ctrl+c", "super+c"})
"""Copy changes no text, and the app adds its own word to it (Ctrl+C quits outside a field)."""


class InPlace(_Field):
    """Mixed in before a text field: its own (non-priority) bindings act when it takes the key."""

    async def _on_key(self, event: events.Key) -> None:
        bindings = [] if event.key in LEFT_TO_THE_APP else self._bindings.key_to_bindings.get(event.key, [])
        own = next((binding for binding in bindings if not binding.priority), None)
        if own is not None and self.check_action(own.action.split("(")[0], ()) is not False:
            event.stop()
            event.prevent_default()
            await self.run_action(own.action)
            return
        await super()._on_key(event)


class InPlaceInput(InPlace, Input):
    """An :class:`~textual.widgets.Input` whose own keys act in place (see the module)."""
