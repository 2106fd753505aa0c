"""HTML as the plain text a mail's text part or a calendar's DESCRIPTION carries.

What a reader sees, not the markup: the head (title, styles) left out, blocks parted by a blank
line, list items as "- …", a table's cells on one line joined by ": ", line breaks kept,
a link's address after its words ("Alla protokoll <https://…>"), the source's indentation and
line wrapping collapsed as a browser would.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "section", "article", "header",
     "footer", "main", "nav", "dl", "caption", "blockquote"}
)  # fmt: skip
_HIDDEN = frozenset({"head", "style", "script", "title", "template"})
_SPACE = re.compile(r"\s+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line = ""
        self.hidden = 0
        self.cells: list[str] | None = None
        self.links: list[str | None] = []  # the address of each <a> open, to write after its words

    def _end_line(self, blank: bool = False) -> None:
        text = self.line.strip()
        if text:
            self.lines.append(text)
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.line = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._end_line(blank=True)
        elif tag in ("li", "dt", "dd", "br"):
            self._end_line()
            if tag == "li":
                self.line = "- "
        elif tag == "tr":
            self._end_line()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.line = ""
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href.removeprefix("mailto:") if href.startswith(("http", "mailto:")) else None)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._end_line(blank=True)
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append(self.line.strip())
            self.line = ""
        elif tag == "tr" and self.cells is not None:
            self.line = ": ".join(cell for cell in self.cells if cell)
            self.cells = None
            self._end_line()
        elif tag in ("li", "dt", "dd"):
            self._end_line()
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and href not in self.line:
                self.line = f"{self.line.rstrip()} <{href}>"

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = _SPACE.sub(" ", data)
        if not self.line or self.line.endswith((" ", "- ")):
            text = text.lstrip()
        self.line += text


def plain_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._end_line()
    return "\n".join(parser.lines).strip()
