"""No summary in quotation marks, on any page, in any hover and in any export (bundled data, Chromium).

Only a source's own words, each checked against the text kept for it, are put in “curly quotation
marks”; a summary is introduced by a label ("Summary of <title> (<publisher>, <date>), not the
source's words: ...") and never quoted. `read_quotes` reads a text as a reader gets it and lists
every span in quotation marks that is not a quote of the dataset (or one shortened with "…"), every
quotation mark left open, and every summary standing next to a quotation mark or without its label.
The reader pages (main area and sidebar), every Briefing screen, the charts' hovers, the HTML pack,
the CSV and Excel tables, the slides and the PDF are each read through it.

The dataset writes no curly quotation marks of its own, so every “…” on a page was put there by the
app; straight quotes (") occur inside quotes and summaries alike ("all for all"), so for them the
check is that no summary stands between or beside them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from parley.wording import summary_label
from tests.support.browser import (
    RUN_TIMEOUT_MS,
    VIEWPORT,
    exceptions,
    open_app,
    wait_for_app_run,
    wait_for_charts,
)
from tests.support.packs import bundled, quote_texts, summary_texts, table_for

PARTIES = ("ukraine", "russia", "united-states", "europe", "turkiye")
WITH_PARTIES = "parties=" + ",".join(PARTIES)
# The interface's own terms, named in quotation marks on the pages (never data).
UI_TERMS = frozenset({"not addressed", "Quotes checked", "What changed", "no common issue"})
QUOTED = re.compile(r"“([^“”]*)”")
# No summary opens after an opening mark or closes before a closing one (single curly marks as escapes).
OPENING = frozenset('"“„‟«\u2018')
CLOSING = frozenset('"”»\u2019')
ELLIPSIS = "…"
LABEL_END = "not the source's words"  # how a label ends where no colon follows it (the HTML pack's tag)
LABEL_REACH = 400  # a summary's label ("Summary of <title> ...:") starts at most this far before it
PACK_TIMEOUT_MS = 180_000  # slides and PDF draw every issue's chart with kaleido (about 10 s each here)


# --- the checker ---------------------------------------------------------------------------


def flat(text: str) -> str:
    """Runs of white space (line breaks, wrapping, no-break spaces) as one space."""
    return " ".join(text.split())


@dataclass
class Reading:
    """What `read_quotes` found in one text: its problems, and how many quotes and summaries it shows."""

    problems: list[str] = field(default_factory=list)
    quotes: int = 0
    summaries: int = 0

    def add(self, other: Reading, where: str) -> None:
        self.problems += [f"{where}: {p}" for p in other.problems]
        self.quotes += other.quotes
        self.summaries += other.summaries


def _is_quote(span: str, quotes: Iterable[str]) -> bool:
    """The whole of one quote, or one quote shortened: the pieces between ellipses in order, the first
    at the quote's start unless the span opens with "…", the last at its end unless it closes with one."""
    if ELLIPSIS not in span:
        return span in quotes
    pieces = [p for p in (x.strip() for x in span.split(ELLIPSIS)) if p]
    if not pieces:
        return False
    for quote in quotes:
        at, found = 0, True
        for n, piece in enumerate(pieces):
            i = quote.find(piece, at)
            if i < 0 or (n == 0 and not span.startswith(ELLIPSIS) and i != 0):
                found = False
                break
            at = i + len(piece)
        if found and (span.endswith(ELLIPSIS) or at == len(quote)):
            return True
    return False


def read_quotes(
    text: str, quotes: Iterable[str], summaries: Iterable[str] = (), labelled: bool = True, terms=UI_TERMS
) -> Reading:
    """Every span in “…” must be a quote (or a shortened quote) or one of the interface's `terms`; no
    quotation mark may be left open; no summary may stand in or next to quotation marks, and (with
    `labelled`) each must follow its label: "Summary ...:" (or "Summary ... not the source's words")
    shortly before it, no quotation mark between."""
    text = flat(text)
    quotes = {flat(q) for q in quotes}
    reading = Reading()
    for match in QUOTED.finditer(text):
        span = match.group(1).strip()
        if span in terms:
            continue
        if _is_quote(span, quotes):
            reading.quotes += 1
        else:
            reading.problems.append(f"in quotation marks but not a quote: “{span[:120]}”")
    rest = QUOTED.sub("", text)
    for stray in re.finditer("[“”]", rest):
        reading.problems.append(f"a quotation mark left open: {rest[max(stray.start() - 60, 0) :][:120]!r}")
    for summary in {flat(s) for s in summaries}:
        for found in re.finditer(re.escape(summary), text):
            reading.summaries += 1
            before, after = text[: found.start()].rstrip(), text[found.end() :].lstrip()
            if before[-1:] in OPENING or after[:1] in CLOSING or before.count("“") > before.count("”"):
                reading.problems.append(f"a summary in quotation marks: {summary[:80]!r}")
            if labelled:
                label = before.rfind("Summary", max(len(before) - LABEL_REACH, 0))
                ends = before.endswith(":") or before.endswith(LABEL_END)
                if label < 0 or not ends or re.search("[“”]", before[label:]):
                    reading.problems.append(f"a summary without its label: {before[-60:]!r} + {summary[:60]!r}")
    return reading


def hover_text(markup: str) -> str:
    """What a plotly label or hover shows: line breaks as spaces, tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", " ", markup, flags=re.IGNORECASE)))


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def read_figures(figures: list[dict], read: Callable[[str], Reading]) -> Reading:
    """Each text of each figure (traces' hovers and labels, annotations, titles) read on its own."""
    reading = Reading()
    for n, figure in enumerate(figures, 1):
        for markup in sorted(set(strings(figure))):
            reading.add(read(hover_text(markup)), f"chart {n}")
    return reading


# --- the checker on made-up text: it passes quotes and fails summaries in quotation marks ---

QUOTES = {"We will never accept the new line.", 'Exchange of all prisoners on an "all for all" basis.'}
SUMMARY = "Blue is said to be ready to live with a frozen line for now."
SUMMARIES = {SUMMARY}
LABEL = "Summary of Green briefing (Green Desk, 03 Feb 2025), not the source's words"


def test_checker_passes_quotes_shortened_quotes_labelled_summaries_and_terms():
    text = (
        "> “We will never accept the new line.” — Blue paper\n"
        '“We will never…new line.” and “Exchange of all prisoners on an…” and “…"all for all" basis.”\n'
        f"{LABEL}: Blue is said to be ready to live with a frozen line for now. [2]\n"
        "Summary, not the source's words [3]: Blue is said to be ready\nto live with a frozen line for now.\n"
        "“We will never accept the new line.”\n"  # the next piece of evidence, a quote
        "an issue a document does not address is marked “not addressed”"
    )
    reading = read_quotes(text, QUOTES, SUMMARIES)
    assert reading.problems == []
    assert (reading.quotes, reading.summaries) == (5, 2)


@pytest.mark.parametrize(
    "text, problem",
    [
        (f"“{SUMMARY}”", "in quotation marks but not a quote"),
        (f"“{SUMMARY}”", "a summary in quotation marks"),
        ("“Blue is said to be ready…”", "in quotation marks but not a quote"),
        (f'{LABEL}: "{SUMMARY}"', "a summary in quotation marks"),
        (f"{LABEL}: “{SUMMARY}”", "a summary in quotation marks"),
        (f"{LABEL}: «{SUMMARY}»", "a summary in quotation marks"),
        (f"{LABEL}: \u2018{SUMMARY}\u2019", "a summary in quotation marks"),
        (f"Blue: {SUMMARY}", "a summary without its label"),
        (f"Summary of Green briefing (Green Desk, 03 Feb 2025) {SUMMARY}", "a summary without its label"),
        (f"{LABEL}: “We will never accept the new line.” {SUMMARY}", "a summary without its label"),
        ("“We will never accept the new line", "a quotation mark left open"),
        ("“We will never accept”", "in quotation marks but not a quote"),  # part of a quote, not marked as cut
        ("“new line.…”", "in quotation marks but not a quote"),  # cut at the start without saying so
        ("“We will…accept the old line.”", "in quotation marks but not a quote"),
        ("“not addressed by Blue”", "in quotation marks but not a quote"),
    ],
)
def test_checker_fails_a_summary_or_other_words_in_quotation_marks(text, problem):
    problems = read_quotes(text, QUOTES, SUMMARIES).problems
    assert any(p.startswith(problem) for p in problems), problems


def test_checker_reads_hovers_as_shown():
    figure = {
        "data": [
            {
                "hovertext": [
                    "<b>Blue</b><br>“We will never accept the<br>new line.”<br>— Blue paper",
                    f"<i>{html.escape(LABEL)}:</i> Blue is said to be ready to live<br>with a frozen line for now.",
                ]
            }
        ],
        "layout": {"annotations": [{"text": "<i>no events recorded</i>"}]},
    }

    def read(text: str) -> Reading:
        return read_quotes(text, QUOTES, SUMMARIES)

    reading = read_figures([figure], read)
    assert reading.problems == [] and (reading.quotes, reading.summaries) == (1, 1)
    figure["data"][0]["hovertext"][1] = "“Blue is said to be ready to live<br>with a frozen line for now.”"
    assert len(read_figures([figure], read).problems) == 3  # not a quote, quoted, no label


# --- the pages -----------------------------------------------------------------------------

FIGURES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
    const layout = Object.fromEntries(Object.entries(el.layout || {}).filter(([k]) => k !== 'template'));
    return JSON.parse(JSON.stringify({data: el.data || [], layout}));
})"""
OPEN_EXPANDERS_JS = "() => document.querySelectorAll('[data-testid=\"stMain\"] details').forEach(d => d.open = true)"


@dataclass(frozen=True)
class Bundled:
    """What the bundled dataset lets the views put in quotation marks, and what they must label."""

    quotes: frozenset[str]
    summaries: frozenset[str]
    terms: frozenset[str]  # the interface's terms, and the dataset's name (a pack's footer names it)
    labelled: tuple[str, ...]  # "Summary of <title> ...: <text>" for every summary Compare shows
    summary_only: tuple[str, ...]  # the summaries of default parties' positions that have no quote
    summary_source: str  # the source with most summaries for the parties shown
    issues: int

    def read(self, text: str, labelled: bool = True) -> Reading:
        return read_quotes(text, self.quotes, self.summaries, labelled, self.terms)


@pytest.fixture(scope="module")
def data() -> Bundled:
    ds = bundled()
    labelled = tuple(
        f"{summary_label(c.source)}: {c.text}"
        for _, row in table_for(ds, PARTIES).rows()
        for s in row
        if s.shown
        for c in s.cited
        if not c.is_quote
    )
    summary_only = []
    for _, row in table_for(ds, ds.info.default_parties).rows():
        for s in row:
            if s.shown and s.cited and not any(c.is_quote for c in s.cited):
                summary_only += [c.text for c in s.cited]
    summaries_by_source = Counter(
        e.source for p in ds.positions if p.party in PARTIES for e in p.evidence if not e.is_quote
    )
    return Bundled(
        quotes=frozenset(quote_texts(ds)),
        summaries=frozenset(summary_texts(ds)),
        terms=UI_TERMS | {ds.id, ds.info.title},
        labelled=labelled,
        summary_only=tuple(summary_only),
        summary_source=summaries_by_source.most_common(1)[0][0],
        issues=len(ds.issues),
    )


@pytest.fixture(scope="module")
def reader(chromium):
    """One 1280x720 page for the whole module: every page and download is read in the same tab."""
    context = chromium.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="UTC", accept_downloads=True)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def read_page(page, data: Bundled, charts: int = 0) -> tuple[Reading, Reading]:
    """The main area (expanders opened) and the sidebar as a reader sees them, and the page's charts."""
    if charts:
        wait_for_charts(page, charts)
    assert exceptions(page) == []
    page.evaluate(OPEN_EXPANDERS_JS)
    text = Reading()
    text.add(data.read(page.locator('[data-testid="stMain"]').inner_text()), "main")
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.count() and sidebar.is_visible():
        text.add(data.read(sidebar.inner_text()), "sidebar")
    return text, read_figures(page.evaluate(FIGURES_JS), data.read)


def test_reader_pages_put_only_quotes_in_quotation_marks(app_server, reader, data):
    pages = [
        # path, charts drawn, quotes and summaries its text must show, quotes and summaries its hovers must show
        ("", 1, False, False, True, True),
        ("compare", 0, True, True, False, False),
        ("gaps", 1, False, False, True, True),
        ("timeline", 1, True, True, False, False),
        ("timeline?chart=positions", 1, True, True, True, True),
        ("timeline?chart=gaps", 1, True, True, False, False),
        ("sources", 0, True, False, False, False),
        (f"sources?source={data.summary_source}", 0, True, True, False, False),
        ("search?q=ceasefire", 0, True, True, False, False),
        ("documents", 1, True, True, False, False),
        ("briefing", 1, False, False, True, False),
    ]
    problems, counts = [], {}
    for path, charts, text_quotes, text_summaries, hover_quotes, hover_summaries in pages:
        open_app(reader, app_server, f"{path}{'&' if '?' in path else '?'}{WITH_PARTIES}")
        text, hovers = read_page(reader, data, charts)
        problems += [f"/{path} {p}" for p in text.problems + hovers.problems]
        counts[path or "overview"] = (text.quotes, text.summaries, hovers.quotes, hovers.summaries)
        # The check read something: the quotes and summaries each page is there to show.
        wanted = (text_quotes, text_summaries, hover_quotes, hover_summaries)
        assert all(n > 0 for n, want in zip(counts[path or "overview"], wanted, strict=True) if want), (path, counts)
    assert problems == [], "\n".join([str(counts), *problems])


def test_compare_labels_every_summary_and_quotes_none(app_server, reader, data):
    assert len(data.summary_only) >= 3  # positions in force resting on summaries alone, shown by default
    open_app(reader, app_server, "compare")  # the default view: the dataset's default parties
    main = flat(reader.locator('[data-testid="stMain"]').inner_text())
    for text in data.summary_only[:3]:  # each next to its label, "Summary of <title> ...: <text>"
        assert any(flat(label) in main for label in data.labelled if label.endswith(f": {text}")), text
    reading = data.read(main)
    assert reading.problems == [] and reading.summaries >= 3
    open_app(reader, app_server, f"compare?{WITH_PARTIES}")
    main = flat(reader.locator('[data-testid="stMain"]').inner_text())
    missing = [label for label in data.labelled if flat(label) not in main]
    assert data.labelled and missing == []
    assert data.read(main).problems == []


def test_every_briefing_screen_puts_only_quotes_in_quotation_marks(app_server, reader, data):
    open_app(reader, app_server, f"briefing?mode=brief&{WITH_PARTIES}")
    total = int(reader.get_by_text(" / ", exact=False).first.inner_text().split("/")[1])
    assert total >= 10
    problems, seen = [], Reading()
    for n in range(total):
        assert reader.get_by_text(f"{n + 1} / {total}", exact=True).is_visible()
        text, hovers = read_page(reader, data, charts=1)
        problems += [f"screen {n + 1}: {p}" for p in text.problems + hovers.problems]
        seen.add(text, "text")
        seen.add(hovers, "hovers")
        if n + 1 < total:
            reader.get_by_role("button", name="Next").click()
            wait_for_app_run(reader)
    assert problems == [], "\n".join(problems)
    assert seen.quotes > total and seen.summaries > 0


# --- the exports ---------------------------------------------------------------------------


def download(page, prepare: str, button: str, suffix: str, timeout_ms: int = RUN_TIMEOUT_MS) -> bytes:
    """Press a pack's "Prepare" button, wait for it, and download what its download button offers."""
    page.get_by_role("button", name=prepare).click()
    wait_for_app_run(page, timeout_ms)
    assert exceptions(page) == []
    with page.expect_download(timeout=timeout_ms) as info:
        page.get_by_role("button", name=button).click()
    assert info.value.suggested_filename.endswith(suffix)
    return Path(info.value.path()).read_bytes()


def html_text(document: str) -> str:
    """The pack's text as a reader sees it: scripts and styles dropped, tags dropped, entities read."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", document, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def html_figures(document: str) -> list[dict]:
    """Each chart the pack draws: the data and layout passed to Plotly.newPlot."""
    decoder, figures = json.JSONDecoder(), []
    for call in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', document):
        traces, end = decoder.raw_decode(document, call.end())
        layout, _ = decoder.raw_decode(document, re.compile(r",\s*").match(document, end).end())
        figures.append({"data": traces, "layout": {k: v for k, v in layout.items() if k != "template"}})
    return figures


def read_table(rows: list[dict[str, str]], data: Bundled) -> Reading:
    """The quotes column holds quotes only, the summaries column summaries only, none wrapped in
    quotation marks; no other cell quotes anything that is not a quote."""
    reading = Reading()
    for n, row in enumerate(rows, 2):
        for column, cell in row.items():
            cell = "" if cell is None else str(cell)
            if column in ("quotes", "summaries") and cell:
                known = data.quotes if column == "quotes" else data.summaries
                for piece in cell.removeprefix("'").split(" | "):
                    if piece not in known:
                        reading.problems.append(f"row {n}: not one of the dataset's {column}: {piece[:80]!r}")
                    reading.quotes += column == "quotes"
                    reading.summaries += column == "summaries"
            if column != "quotes":
                reading.add(data.read(cell, labelled=False), f"row {n} {column}")
    return reading


def test_html_pack_and_spreadsheets_put_only_quotes_in_quotation_marks(app_server, reader, data):
    open_app(reader, app_server, f"briefing?{WITH_PARTIES}")
    document = download(reader, "Prepare HTML pack", "Download HTML", ".html").decode("utf-8")
    text = data.read(html_text(document))
    figures = html_figures(document)
    hovers = read_figures(figures, data.read)
    assert text.problems + hovers.problems == [], "\n".join(text.problems + hovers.problems)
    assert len(figures) == data.issues
    assert text.quotes > 20 and text.summaries > 3 and hovers.quotes > 20 and hovers.summaries > 3

    table = download(reader, "Prepare spreadsheet", "CSV", ".csv")
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"), newline="")))
    assert {"quotes", "summaries"} <= set(rows[0])
    csv_reading = read_table(rows, data)
    assert csv_reading.problems == [], "\n".join(csv_reading.problems)
    assert csv_reading.quotes > 20 and csv_reading.summaries > 3

    from openpyxl import load_workbook

    with reader.expect_download() as info:
        reader.get_by_role("button", name="Excel").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()), read_only=True)["Positions"]
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    xlsx_reading = read_table([dict(zip(header, r, strict=True)) for r in cells], data)
    assert xlsx_reading.problems == [] and (xlsx_reading.quotes, xlsx_reading.summaries) == (
        csv_reading.quotes,
        csv_reading.summaries,
    )


def slide_paragraphs(deck: bytes) -> Iterator[str]:
    from pptx import Presentation

    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    yield "".join(run.text for run in paragraph.runs)


def test_slides_and_pdf_put_only_quotes_in_quotation_marks(app_server, reader, data):
    from pypdf import PdfReader

    open_app(reader, app_server, f"briefing?{WITH_PARTIES}")
    deck = download(reader, "Prepare slides", "Download slides", ".pptx", PACK_TIMEOUT_MS)
    slides = Reading()
    for n, paragraph in enumerate(slide_paragraphs(deck), 1):
        slides.add(data.read(paragraph), f"slide paragraph {n}")
    assert slides.problems == [], "\n".join(slides.problems)
    assert slides.quotes > 20 and slides.summaries > 3

    pdf = download(reader, "Prepare PDF", "Download PDF", ".pdf", PACK_TIMEOUT_MS)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    reading = data.read(text)
    assert reading.problems == [], "\n".join(reading.problems)
    assert reading.quotes > 20 and reading.summaries > 3
