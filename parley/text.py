"""Making data text safe to show.

Anything from a dataset (names, stances, quotes) may hold HTML, scripts or markdown links.
Streamlit renders markdown and plotly renders a subset of HTML in labels and hovers, so both
get text escaped here, and pages show data through these helpers or through st.text /
st.dataframe, which never interpret it.
"""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plotly_safe(text: object) -> str:
    """Escape for plotly text, hovertext and titles, which render tags like <b> and <a>."""
    return html.escape("" if text is None else str(text), quote=False)


def markdown_safe(text: object) -> str:
    """Escape for st.markdown and friends: no link, emphasis, HTML or LaTeX survives."""
    escaped = html.escape("" if text is None else str(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def wrap(text: str, width: int = 48) -> str:
    """Break plain text into plotly <br> lines; call on already-escaped text."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def link_target(url: str) -> str:
    """A URL safe to put inside a markdown link: brackets, quotes, spaces and angle brackets encoded."""
    from urllib.parse import quote

    return quote(url, safe=":/?&=#%~+,;@!$*-._")
