"""A source's text from what an analyst pastes or uploads: plain text, an HTML page or a PDF.

The text is kept with the source and quotes are checked against it, so it must be the page's
words only: markup, scripts and styles are dropped, paragraphs are kept apart.
"""

from __future__ import annotations

import io
import re

MAX_CHARS = 2_000_000
# A sentence ends at . ! ? or … (and any closing quote or bracket), before one that starts with a
# capital letter or a digit (quote marks and letters written as escapes, so the pattern stays ASCII).
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?\u2026])|(?<=[.!?\u2026][\"\u201d\u2019)]))\s+(?=[\"\u201c\u2018(]*[A-Z\u0410-\u042f\u00c0-\u00dd0-9])"
)


class UnreadableText(ValueError):
    pass


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if len(tidy) > MAX_CHARS:
        raise UnreadableText(
            f"the text is {len(tidy):,} characters long, over the limit of {MAX_CHARS:,}; keep "
            "only the part the quotes come from"
        )
    return tidy


def from_html(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "svg", "head"]):
        tag.decompose()
    return _tidy(soup.get_text("\n"))


def from_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UnreadableText(f"the PDF cannot be read ({exc})") from exc
    text = _tidy("\n\n".join(pages))
    if not text:
        raise UnreadableText("the PDF has no text layer (a scan?); paste the words instead")
    return text


def from_upload(name: str, data: bytes) -> str:
    """The words of an uploaded file, by its type: .txt/.md, .html/.htm or .pdf."""
    lower = name.lower()
    if lower.endswith(".pdf") or data[:5] == b"%PDF-":
        return from_pdf(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if lower.endswith((".html", ".htm")) or re.match(r"\s*<(!doctype|html)", text, re.I):
        return from_html(text)
    return _tidy(text)


def sentences(text: str, longest: int = 400) -> list[str]:
    """The text cut into sentences, so an analyst can pick a quote instead of retyping it."""
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        for sentence in _SENTENCE_END.split(paragraph.replace("\n", " ")):
            sentence = sentence.strip()
            if 12 <= len(sentence) <= longest:
                found.append(sentence)
    return found
