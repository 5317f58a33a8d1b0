"""A clock whose digits grow with the room it is given: the runner's countdown and the mirror's.

Textual's :class:`~textual.widgets.Digits` is always three rows high. :class:`BigClock` is one:
at scale 0 it draws exactly what ``Digits`` draws; from scale 1 on it draws a small block font
(3x5 cells per digit) scaled by a whole number, each cell two columns wide and one row high (a
terminal cell is about twice as high as wide). The screen says how much room there is
(:meth:`BigClock.fit`); the clock takes the largest scale that fits. Plain text, never markup.
"""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widgets import Digits

FONT: Final[dict[str, tuple[str, ...]]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
    " ": ("   ", "   ", "   ", "   ", "   "),
}
"""The block font: five rows per glyph; ``#`` is a filled cell."""
FONT_ROWS: Final = 5
GAP: Final = 1
"""Empty cells between two glyphs."""
MAX_SCALE: Final = 12
BLOCK: Final = "█"


def glyphs(text: str) -> list[tuple[str, ...]]:
    """The glyphs of ``text`` (a character the font lacks is a space)."""
    return [FONT.get(char, FONT[" "]) for char in text]


def cells_wide(text: str) -> int:
    """Width of ``text`` in font cells, gaps included."""
    shapes = glyphs(text)
    return sum(len(shape[0]) for shape in shapes) + GAP * max(0, len(shapes) - 1)


def block_size(text: str, scale: int) -> Size:
    """Columns and rows ``text`` takes at ``scale`` (0: Textual's three-row digits)."""
    if scale <= 0:
        from textual.renderables.digits import Digits as DigitsRenderable

        return Size(DigitsRenderable.get_width(text), 3)
    return Size(cells_wide(text) * 2 * scale, FONT_ROWS * scale)


def block_lines(text: str, scale: int) -> list[str]:
    """``text`` drawn in the block font at ``scale`` (1 or more), one string per terminal row."""
    scale = max(1, scale)
    rows = []
    gap = " " * (GAP * 2 * scale)
    for row in range(FONT_ROWS):
        parts = [
            "".join(BLOCK * 2 * scale if cell == "#" else "  " * scale for cell in shape[row]) for shape in glyphs(text)
        ]
        line = gap.join(parts)
        rows.extend([line] * scale)
    return rows


def best_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which ``text`` fits in ``width`` x ``height`` (0 when the block font fits nowhere)."""
    scale = 0
    for candidate in range(1, MAX_SCALE + 1):
        size = block_size(text, candidate)
        if size.width > width or size.height > height:
            break
        scale = candidate
    return scale


class BigClock(Digits):
    """A countdown in big digits that grow with the room :meth:`fit` gives them.

    ``widest`` is the text the scale is chosen for (``+00:00`` by default), so that the digits
    keep their size when the clock goes into overtime and a ``+`` appears.
    """

    DEFAULT_CSS = """
    BigClock {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self, value: str = "", *, widest: str = "+00:00", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(value, id=id, classes=classes)
        self.widest = widest
        self.scale = 0
        self._room = Size(0, 0)

    def fit(self, width: int, height: int) -> None:
        """Take the largest scale at which the widest text fits in ``width`` x ``height``."""
        self._room = Size(max(0, width), max(0, height))
        self._rescale()

    def _rescale(self) -> None:
        text = self.widest if len(self.widest) >= len(self.value) else self.value
        scale = best_scale(text, self._room.width, self._room.height)
        if scale != self.scale:
            self.scale = scale
            self.refresh(layout=True)

    def update(self, value: str) -> None:
        """Show ``value``; a text longer than the one the scale was chosen for may shrink the digits."""
        if len(value) != len(self.value):
            super().update(value)
            self._rescale()
            self.refresh(layout=True)
        else:
            super().update(value)

    def lines(self) -> list[str]:
        """What is drawn, row by row (the block font only; scale 0 is Textual's ``Digits``)."""
        return block_lines(self.value, self.scale) if self.scale else []

    def render(self) -> RenderResult:
        if self.scale == 0:
            return super().render()
        return Text("\n".join(self.lines()), no_wrap=True, overflow="crop", end="")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return block_size(self.value, self.scale).width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return block_size(self.value, self.scale).height
