"""How a number is written for people: one rule for the app, review and reports. Imports no Textual."""

from __future__ import annotations

from homeroom_tui.i18n import Lang, get_language


def number(value: float, lang: Lang | None = None, digits: int = 1, sign: bool = False, width: int = 0) -> str:
    """``13.3``, ``10``, ``+0.6`` (trailing zeros dropped); with a decimal comma in Indonesian (``4,9``).

    ``lang`` defaults to the language in use; ``width`` pads on the left, for columns.
    """
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("+0", "-0"):
        text = "0"
    if (lang or get_language()) == "id":
        text = text.replace(".", ",")
    return text.rjust(width)
