"""The plain-text helpers for widgets: a message with values is never markup; no control character is drawn."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from homeroom_tui.i18n import set_language
from homeroom_tui.widgets.plain import VisibleControls, plain, plain_t, visible_values


def test_plain_t_fills_values_literally() -> None:
    shown = plain_t("run.observing", name="skala [a=rendah, b=tinggi \x1b]2;x\x07\\")
    assert shown.plain == "Observing: skala [a=rendah, b=tinggi \\x1b]2;x\\x07\\"
    assert plain_t("home.data_dir", path=Path("/tmp/[b]x")).plain == "Data folder: /tmp/[b]x"
    assert plain_t("run.recall_score", name="[/x]", score="2/3").plain.count("[/x]") == 1
    set_language("id")
    assert plain_t("run.observing", name="[b]Dewi").plain == "Diamati: [b]Dewi"


def test_plain_t_keeps_number_formats_and_styles() -> None:
    shown = plain_t("run.attendance_summary", style="dim", present=3, total=9)
    assert "3" in shown.plain and "9" in shown.plain and str(shown.style) == "dim"


def test_visible_values_for_plain_strings() -> None:
    assert visible_values("home.created", name="Kelas [/XI]\u202e") == "Group 'Kelas [/XI]\\u202e' created."


def test_plain_escapes_controls_and_keeps_brackets() -> None:
    assert plain("[@click=app.quit]\x1b[31m").plain == "[@click=app.quit]\\x1b[31m"
    assert plain("a\nb", multiline=True).plain == "a\nb" and plain("a\nb").plain == "a\\nb"


def test_line_filter_draws_controls_as_pictures_and_keeps_the_width() -> None:
    line = [Segment("ab\x1bc", Style(bold=True)), Segment("   "), Segment("|")]
    shown = VisibleControls().apply(line, Color(0, 0, 0))
    text = "".join(s.text for s in shown)
    assert text == "ab␛c   "  # one cell for the picture: the line is cut to the width it had
    assert Segment.get_line_length(shown) == Segment.get_line_length(line)
    clean = [Segment("plain text")]
    assert VisibleControls().apply(clean, Color(0, 0, 0)) is clean
