"""Bindings whose descriptions are catalog keys, shown in the user's language."""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from homeroom_tui.i18n import has, t


def localize_bindings(node: DOMNode) -> None:
    """Replace each binding description that is a catalog key by its text in the current language."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(b.description)) if has(b.description) else b for b in bindings
        ]
