"""The kept texts of sources, and the normal form in which quotes are looked up in them.

A quote is only shown in quotation marks once it has been found in the words kept for its
source, so the lookup must forgive what differs between copies of the same words (spacing,
dashes, curly quote marks, case) and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parley.load.limits import LIMITS, Limits
from parley.load.problems import Problem
from parley.model import Source


def normalise_quote(text: str) -> str:
    """Make quotes comparable: sources differ in whitespace, dashes and curly quote marks."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = text.replace('\\"', '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class KeptTexts:
    """Each source's kept text as written, and normalised for the quote checks."""

    texts: dict[str, str] = field(default_factory=dict)
    normalised: dict[str, str] = field(default_factory=dict)
    # Sources that name a text file which could not be read: their quotes are not checked again.
    unreadable: set[str] = field(default_factory=set)

    def add(self, source_id: str, text: str, normal: str | None = None) -> None:
        self.texts[source_id] = text
        self.normalised[source_id] = normal if normal is not None else normalise_quote(text)

    def has_text(self, source_id: str) -> bool:
        return source_id in self.normalised

    def contains(self, source_id: str, quote: str) -> bool:
        return normalise_quote(quote) in self.normalised[source_id]


def read_kept_texts(
    folder: Path, sources: Iterable[tuple[Source, int | None]], limits: Limits = LIMITS
) -> tuple[KeptTexts, list[Problem]]:
    """Read each source's text_file once, refusing paths outside the folder, huge or non-UTF-8 files."""
    kept = KeptTexts()
    problems: list[Problem] = []
    cache: dict[Path, tuple[str, str]] = {}
    root = folder.resolve()
    for source, line in sources:
        if not source.text_file:
            continue
        label = f"source '{source.id}'"

        def refuse(message: str, fix: str, source: Source = source, line: int | None = line, label: str = label):
            kept.unreadable.add(source.id)
            problems.append(Problem("sources.yaml", line, label, "text_file", message, fix, code="text-file"))

        path = (folder / source.text_file).resolve()
        if not path.is_relative_to(root):
            refuse(
                "the text file lies outside the dataset folder",
                "keep source texts inside the dataset folder, e.g. sources/name.txt",
            )
            continue
        if not path.is_file():
            refuse(
                f"the text file '{source.text_file}' does not exist",
                "fix the path (relative to the dataset folder) or remove text_file",
            )
            continue
        if path not in cache:
            size = path.stat().st_size
            if size > limits.file_bytes:
                refuse(
                    f"the text file is {size:,} bytes, over the limit of {limits.file_bytes:,}",
                    "keep only the part of the document that the quotes come from",
                )
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                refuse(f"the text file is not UTF-8 text ({exc.reason})", "save the file as UTF-8")
                continue
            cache[path] = (text, normalise_quote(text))
        kept.add(source.id, *cache[path])
    return kept, problems
