"""A parsed outline of an HTML report: its structure and text, not its pixels (for golden files and checks).

One line per heading, paragraph, fact, list item, table row and chart, indented by the section it
is in; the text of each normalised (whitespace collapsed). Charts are summarised by their label
and how many lines and dots they draw. Also collects every tag and attribute seen, so a test can
check that nothing external or active is in the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "th", "td", "figcaption", "title", "blockquote", "text"}


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.depth = 0
        self.stack: list[str] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.svg: dict[str, int] | None = None
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "style":
            self.in_style = True
        if tag == "section":
            self.depth += 1
            self.lines.append(
                "  " * (self.depth - 1) + f"[section {dict(attrs).get('id') or dict(attrs).get('class')}]"
            )
        elif tag == "tr":
            self.row = []
        elif tag == "svg":
            self.svg = {"polyline": 0, "circle": 0}
        elif self.svg is not None and tag in ("polyline", "circle"):
            self.svg[tag] += 1
        if tag in BLOCKS:
            self.stack.append(tag)
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        if tag == "section":
            self.depth -= 1
        elif tag == "tr" and self.row is not None:
            self.emit("| " + " | ".join(self.row) + " |")
            self.row = None
        elif tag == "svg" and self.svg is not None:
            self.emit(f"(chart: {self.svg['polyline']} line(s), {self.svg['circle']} dot(s))")
            self.svg = None
        if tag in BLOCKS and self.stack and self.stack[-1] == tag:
            self.stack.pop()
            content = re.sub(r"\s+", " ", "".join(self.text)).strip()
            if tag in ("th", "td") and self.row is not None:
                self.row.append(content)
            elif tag == "text":
                pass  # axis labels: summarised with the chart
            elif tag == "title" and self.svg is not None:
                self.emit(f"(chart title) {content}")
            elif tag == "title":
                self.emit(f"<title> {content}")
            else:
                self.emit(f"{tag}: {content}")
            self.text = []

    def handle_data(self, data: str) -> None:
        if not self.in_style and self.stack:
            self.text.append(data)

    def emit(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def outline_text(html: str) -> str:
    return "\n".join(outline(html).lines) + "\n"
