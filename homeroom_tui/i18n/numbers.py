"""How a number is written for people: one rule for the app, review and reports. Imports no Textual.

One decimal, rounded half away from zero as taught in school (3.25 -> 3.3, not the 3.2 of
Python's ``round``), trailing zeros dropped, and the language's decimal separator (``4,9`` in
Indonesian). Values are kept at full precision until they are written; the CSV, meant for R or a
spreadsheet, writes plain numbers with a decimal point instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from homeroom_tui.i18n import Lang, get_language, t_in


def number(value: float, lang: Lang | None = None, digits: int = 1, sign: bool = False, width: int = 0) -> str:
    """``13.3``, ``10``, ``+0.6`` (trailing zeros dropped); with a decimal comma in Indonesian (``4,9``).

    ``lang`` defaults to the language in use; ``width`` pads on the left, for columns.
    """
    exact = Decimal(repr(float(value)))  # the shortest spelling: 3.25 is 3.25, not 3.24999...
    rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{rounded:+.{digits}f}" if sign else f"{rounded:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("+0", "-0"):
        text = "0"
    if (lang or get_language()) == "id":
        text = text.replace(".", ",")
    return text.rjust(width)


def percent(fraction: float, lang: Lang | None = None) -> str:
    """A share as a percentage with one decimal: ``62.5%`` (``62,5%``), ``100%``."""
    return f"{number(fraction * 100, lang)}%"


def points(change: float, lang: Lang | None = None) -> str:
    """A change of a percentage, in percentage points: ``+20.5 pp`` (``+20,5 poin``); ``change`` is in points."""
    return t_in(lang or get_language(), "number.points", value=number(change, lang, sign=True))


def share(named: int, possible: int, lang: Lang | None = None) -> str:
    """``5/8 (62.5%)``; just ``0/0`` when there was nothing possible."""
    if not possible:
        return f"{named}/{possible}"
    return t_in(
        lang or get_language(), "run.recall_share", named=named, possible=possible, pct=percent(named / possible, lang)
    )
