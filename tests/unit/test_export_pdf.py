"""The PDF briefing pack, read back as a reader sees it: a title page, each issue on its own pages
with its chart, stances and numbered footnotes, a sources page, and a footer on every page."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from parley.export.pdf_pack import BOTTOM, MARGIN, PAGE, TOP, build_pdf, fonts, page_count, png
from parley.filters import Filters
from parley.load import load_dataset
from parley.model import Evidence
from parley.wording import citation, source_kind
from tests.support.hostile import PLANTED, write_hostile_dataset
from tests.support.packs import (
    ALERT,
    BLUE_SUMMARY,
    CODING,
    RED_SUMMARY,
    brief_for,
    edge_datasets,
    hostile_mini,
    quote_texts,
    sourced_mini,
)

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "russia-ukraine-2025"
ARTIFACTS = ROOT / "artifacts" / "pdf"
SUMMARY_OF_BRIEFING = "Summary of Green mediator briefing (Green Gazette, 01 Feb 2025), not the source's words"
DATES = "Positions as of 01 March 2025 (the dataset's latest information)"
PARTIES = ["blue", "red", "green"]


def fake_png(fig) -> bytes:
    """A blank image of the size the real renderer makes, so layout is tested without a browser."""
    out = io.BytesIO()
    Image.new("RGB", (1600, 2 * int(fig.layout.height or 400)), "white").save(out, format="PNG")
    return out.getvalue()


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def flat(text: str) -> str:
    """The text as one line: a reader does not see where a line wrapped."""
    return " ".join(text.split())


def pages(pdf: PdfReader) -> list[str]:
    return [flat(p.extract_text()) for p in pdf.pages]


def bare(text: str) -> str:
    """Without any whitespace: long unbroken strings (markup) may wrap anywhere in a narrow column."""
    return re.sub(r"\s", "", text)


def quoted(text: str) -> set[str]:
    return set(re.findall(r"“([^”]*)”", text))


@dataclass(frozen=True)
class Span:
    page: int  # from 1
    size: float  # as printed: the font size times the text and graphics matrices' scale
    x: float
    y: float
    font: str
    text: str


def spans(pdf: PdfReader) -> list[Span]:
    """Every piece of text drawn, where it is drawn and in what font and size."""
    found: list[Span] = []
    for n, page in enumerate(pdf.pages, start=1):

        def visit(text, cm, tm, font, size, n=n):
            if text.strip():
                a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                name = str(font.get("/BaseFont", "")) if font else ""
                found.append(Span(n, size * abs(a * d - b * c) ** 0.5, x, y, name, text))

        page.extract_text(visitor_text=visit)
    return found


def smallest(pdf: PdfReader) -> float:
    return min(s.size for s in spans(pdf))


def issue_pages(pdf: PdfReader | list[str], name: str) -> list[int]:
    """The pages (from 1) of an issue: the one headed by its name and those headed "<name> (continued)".
    `pdf` may be the pages' extracted texts, when they are read already."""
    texts = [p.extract_text() for p in pdf.pages] if isinstance(pdf, PdfReader) else pdf
    found = []
    for n, text in enumerate(texts, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if name in lines[:2] or lines[0] == f"{name} (continued)":
            found.append(n)
    return found


@pytest.fixture(scope="module")
def mini_pdf(mini) -> PdfReader:
    data = build_pdf(brief_for(mini, PARTIES), render=None)
    assert page_count(data) == 5
    return read(data)


# --- the title page, the pages, the footers -----------------------------------------------------


def test_title_page_names_the_dataset_date_parties_issues_and_what_is_coding(mini_pdf):
    title = pages(mini_pdf)[0]
    assert title.startswith("Parley briefing Mini negotiation (test fixture) " + DATES)
    assert "Parties: Blue Republic, Red Federation, Green Union" in title
    assert "Issues: Border line, Trade, Water rights" in title
    assert "assessed = analyst coding, not the party's words" in title
    assert "only quotes are in quotation marks" in title
    assert "Filter:" not in title  # no evidence filter is on


def test_the_document_carries_its_title_and_author(mini_pdf):
    assert mini_pdf.metadata.title == "Mini negotiation (test fixture): briefing as of 01 March 2025"
    assert mini_pdf.metadata.author == "Parley"
    outline = [(o.title, mini_pdf.get_destination_page_number(o)) for o in mini_pdf.outline]
    assert outline == [("Title page", 0), ("Border line", 1), ("Trade", 2), ("Water rights", 3), ("Sources", 4)]


def test_each_issue_has_its_own_page_with_its_name_question_scale_and_gap(mini_pdf):
    text = pages(mini_pdf)
    assert len(text) == 5
    assert text[1].startswith("Territory Border line Where should the border run?")
    assert "Scale: 0 = Old line restored · 100 = New line recognised" in text[1]
    assert "Gap 80 points: Blue 10 ↔ Red 90" in text[1]
    assert text[2].startswith("Economy Trade Should trade restrictions be lifted?")
    assert text[3].startswith("Economy Water rights Who manages the shared river?")
    assert text[4].startswith("Sources")
    assert "Restore the old line" in text[1] and "Restore the old line" not in text[2]
    assert "Lift all restrictions" in text[2] and "Lift all restrictions" not in text[1]


def test_every_page_footer_has_the_date_and_the_page_number(mini_pdf):
    for n, page in enumerate(mini_pdf.pages, start=1):
        lines = [flat(line) for line in page.extract_text().splitlines() if line.strip()]
        assert DATES in lines[-2:], n
        assert f"Page {n} of 5" in lines[-2:], n


def test_quotes_carry_footnote_numbers_and_their_sources_are_listed(mini, mini_pdf):
    text = pages(mini_pdf)
    assert "“We want the old line restored” [1]" in text[1]
    assert "Sources for this issue [1] Blue foreign ministry note, Blue Foreign Ministry, 10 Jan 2025" in text[1]
    assert "“All restrictions must go.” [3]" in text[2]
    assert "[3] Red position paper, Red News Agency, 12 Jan 2025 (state media, medium reliability)" in text[2]
    assert "No source cited for this issue." in text[3]
    sources = text[4]
    brief = brief_for(mini, PARTIES)
    for fn in brief.sources():  # the same numbers as the slides, the HTML and the spreadsheet
        assert f"[{fn.number}] {citation(fn.source, url=False)} ({source_kind(fn.source)})" in sources
    assert [fn.number for fn in brief.sources()] == [1, 2, 3]
    assert "https://example.org/red-paper" in sources
    links = [a.get_object()["/A"]["/URI"] for a in mini_pdf.pages[4].get("/Annots", [])]
    assert links == ["https://example.org/red-paper"]  # the address can be followed from the page


def test_stances_sit_side_by_side_under_the_party_names(mini_pdf):
    border = pages(mini_pdf)[1]
    assert "Blue Republic Red Federation Green Union Restore the old line" in border  # the names head the columns
    assert "value 10 · acceptable 0–50 (analyst coding)" in border
    assert "Assessed (analyst coding): Inferred from Green's briefing" in border


def test_missing_positions_read_not_stated(mini_pdf):
    text = pages(mini_pdf)
    absent = "not stated No position on record as of this date; not zero, not agreement."
    assert text[3].count(absent) == 3  # nobody on water
    assert text[2].count(absent) == 1  # Green on trade
    assert text[1].count(absent) == 0


def test_an_earlier_as_of_date_shows_the_positions_then(mini):
    pdf = read(build_pdf(brief_for(mini, ["blue", "red"], as_of=dt.date(2025, 2, 5)), render=None))
    text = pages(pdf)
    assert "Positions as of 05 February 2025 · dataset as of 01 March 2025" in text[0]
    assert "Freeze the line, then talk" in text[1]
    assert "Recognise the new line after all" not in " ".join(text)
    assert all("Positions as of 05 February 2025 · dataset as of 01 March 2025" in t for t in text)


def test_progress_is_reported_for_each_issue(mini):
    seen = []
    build_pdf(brief_for(mini, PARTIES), render=fake_png, progress=lambda n, total, name: seen.append((n, total, name)))
    assert seen == [(1, 3, "Border line"), (2, 3, "Trade"), (3, 3, "Water rights")]


# --- type sizes and fonts -----------------------------------------------------------------------


def footnote_texts(brief) -> str:
    """Everything printed at footnote size: the issues' footnotes, the footers."""
    parts = [brief.dates_line(), "Continued on the next page.", "No source cited for this issue."]
    parts += [f"[{fn.number}] {citation(fn.source, url=False)} ({source_kind(fn.source)})" for fn in brief.sources()]
    closing = "Values and ranges are analyst coding; sources with their addresses are listed at the end."
    parts.append(f"{brief.dates_line()}. {closing}")
    return " | ".join(flat(p) for p in parts)


@pytest.mark.parametrize("parties", [["blue", "red", "green"], ["blue", "red"]], ids=["three", "two"])
def test_body_text_is_at_least_10_pt_and_only_footnotes_are_9_pt(mini, parties):
    brief = brief_for(sourced_mini(mini), parties)
    found = spans(read(build_pdf(brief, render=fake_png)))
    assert found
    assert min(s.size for s in found) >= 9 - 1e-6
    small = [s for s in found if s.size < 10 - 1e-6]
    allowed = footnote_texts(brief)
    strays = [
        (s.page, s.text)
        for s in small
        if flat(s.text) not in allowed and not re.fullmatch(r"Page \d+ of \d+", flat(s.text))
    ]
    assert strays == []
    assert {flat(s.text) for s in small} >= {brief.dates_line(), "Page 1 of 5", "Page 5 of 5"}
    assert any(s.size >= 10 and "“We want the old line" in s.text for s in found)


def test_text_is_set_in_an_embedded_font_that_has_every_character_printed(mini):
    pdf = read(build_pdf(brief_for(sourced_mini(mini), PARTIES), render=None))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "⚑" in text and "↔" in text and "–" in text and "“" in text
    assert fonts().covers(text), f"{fonts().family} lacks a character printed (install Debian's fonts-dejavu-core)"
    assert {s.font.split("+")[-1] for s in spans(pdf)} == {
        f"{fonts().family}{style}" for style in ("", "-Bold", "-Oblique")
    }
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded, not left to the reader's machine
            assert fonts().family in str(font["/BaseFont"])


# --- summaries, weakly sourced positions, coding notes, the filter -------------------------------


@pytest.fixture(scope="module")
def sourced_pdf(mini) -> PdfReader:
    return read(build_pdf(brief_for(sourced_mini(mini), PARTIES), render=fake_png))


def test_summaries_are_labelled_and_never_in_quotation_marks(mini, sourced_pdf):
    text = pages(sourced_pdf)
    border = text[1]
    assert f"{SUMMARY_OF_BRIEFING}: {BLUE_SUMMARY} [2]" in border
    assert f"{SUMMARY_OF_BRIEFING}: {RED_SUMMARY} [2]" in border
    assert "“We want the old line restored” [1]" in border  # Blue's quote stays a quote next to the summary
    assert f"“{BLUE_SUMMARY}" not in border and f"“{RED_SUMMARY}" not in border
    assert quoted(" ".join(text)) <= quote_texts(sourced_mini(mini))
    assert "[2] Green mediator briefing, Green Gazette, 01 Feb 2025" in border


def test_weakly_sourced_positions_are_marked_with_a_symbol_and_words(sourced_pdf):
    border, trade = pages(sourced_pdf)[1:3]
    assert border.count("⚑ Weakly sourced") == 1
    assert "Recognise the new line after all ⚑ Weakly sourced: only summaries, no verbatim quote" in border
    assert trade.count("⚑ Weakly sourced") == 1
    assert "Lift all restrictions ⚑ Weakly sourced: only low-reliability sources" in trade


def test_nothing_in_mini_is_marked_weakly_sourced_or_summarised(mini_pdf):
    every = " ".join(pages(mini_pdf))
    assert "Weakly sourced" not in every and "⚑" not in every
    assert "Summary of" not in every


def test_coding_notes_never_reach_the_pdf(sourced_pdf):
    every = " ".join(pages(sourced_pdf))
    assert "Restore the old line" in every  # the positions carrying the notes are in the pack
    assert CODING not in every
    assert not any(CODING in str(v) for v in sourced_pdf.metadata.values())


def test_a_filtered_pack_says_so_and_shows_left_out_positions(mini):
    brief = brief_for(sourced_mini(mini), ["blue", "red"], filters=Filters(reliability=frozenset({"high"})))
    text = pages(read(build_pdf(brief, render=None)))
    assert "Filter: only positions backed by a high-reliability source." in text[0]
    assert "left out by the filter low-reliability sources only" in text[2]  # Red on trade
    assert "Lift all restrictions" not in " ".join(text)


# --- hostile text prints as it is written --------------------------------------------------------


def test_hostile_text_prints_literally_and_never_as_markup(mini):
    data = build_pdf(brief_for(hostile_mini(sourced_mini(mini)), PARTIES), render=fake_png)
    pdf = read(data)
    text = pages(pdf)
    assert len(text) == page_count(data)
    assert f"Mini negotiation (test fixture) {ALERT}" in text[0]
    assert f"Parties: Blue Republic <b>{ALERT}</b>" in text[0]  # the tags are printed, not obeyed
    where = issue_pages(pdf, f"Border line {ALERT}")
    assert where[0] == 2
    border = bare(" ".join(text[n - 1] for n in where))
    assert bare(f"Border line {ALERT}") in border
    assert bare(f"Blue Republic <b>{ALERT}</b>") in border
    assert bare(f"{ALERT} Restore the old line") in border
    assert bare('=HYPERLINK("http://x")') in border
    assert bare(f"{BLUE_SUMMARY} {ALERT} [2]") in border
    assert bare(f"“We want the old line restored {ALERT}” [1]") in border
    assert bare(f"[1] Blue foreign ministry note {ALERT}, @Blue Foreign Ministry") in bare(text[-1])
    assert pdf.metadata.title == f"Mini negotiation (test fixture) {ALERT}: briefing as of 01 March 2025"
    assert not {s.font.split("+")[-1] for s in spans(pdf)} - {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_the_hostile_dataset_prints_every_planted_string(tmp_path):
    ds = load_dataset(write_hostile_dataset(tmp_path)).dataset
    pdf = read(build_pdf(brief_for(ds, ["alpha", "beta"]), render=None))
    text = pages(pdf)
    assert bare(text[0]).startswith(bare(f"Parley briefing Title {PLANTED}"))
    issue = bare(text[1])
    for planted in ("Issue <b>bold</b> [click me](javascript:window.__pwned=3)", f"Stance {PLANTED}", PLANTED):
        assert bare(planted) in issue
    assert bare(f"“{PLANTED}” [1]") in issue  # the quote, in quotation marks
    assert bare("https://example.org/a?<script>") in bare(text[-1])
    links = [a.get_object()["/A"]["/URI"] for a in pdf.pages[-1].get("/Annots", [])]
    assert links == ["https://example.org/a?%3Cscript%3E"]  # the link's target is encoded, the text kept
    assert bare(f"Coding {PLANTED}") not in bare(" ".join(text))


# --- a long issue continues on the next page ----------------------------------------------------

LONG_QUOTES = [
    f"Paragraph {n}: the line must run where the old maps put it, and no talks, freeze or interim arrangement "
    "can change that; this has been our position from the first day and it will be our position at the last."
    for n in range(1, 15)
]


def long_stances(ds):
    """Mini with Blue's border position resting on fourteen long quotes (kept texts are not checked here)."""
    positions = [
        p.model_copy(update={"evidence": [Evidence(source="blue-note", quote=q) for q in LONG_QUOTES]})
        if (p.party, p.issue) == ("blue", "border")
        else p
        for p in ds.positions
    ]
    return ds.model_copy(update={"positions": positions})


def quotes_read_down(pdf: PdfReader, pages: list[int], x0: float = 0, x1: float = PAGE[0]) -> str:
    """The italic text (the quotes) drawn inside the text frame between x0 and x1 on `pages`, in
    the order a reader reads it: down a column, then on to the next page."""
    found = [
        s.text
        for s in spans(pdf)
        if s.page in pages and "Oblique" in s.font and x0 <= s.x < x1 and BOTTOM < s.y < PAGE[1] - TOP
    ]
    return flat(" ".join(found))


@pytest.mark.parametrize("parties", [PARTIES, ["blue", "red", "green", "blue-2"]], ids=["columns", "one after another"])
@pytest.mark.parametrize("render", [fake_png, None], ids=["with chart", "text only"])
def test_an_issue_with_long_stances_continues_on_the_next_page(mini, render, parties):
    ds = long_stances(mini)
    if "blue-2" in parties:  # a fourth party, so the stances go one after another
        twin = ds.parties_by_id["blue"].model_copy(update={"id": "blue-2", "name": "Blue Twin", "short": "Twin"})
        ds = ds.model_copy(update={"parties": [*ds.parties, twin]})
    data = build_pdf(brief_for(ds, parties), render=render)
    pdf = read(data)
    assert page_count(data) == len(pdf.pages)
    border = issue_pages(pdf, "Border line")
    assert len(border) >= 2 and border == list(range(2, 2 + len(border)))
    assert issue_pages(pdf, "Trade") == [border[-1] + 1]  # the next issue starts on a page of its own
    assert len(pdf.pages) == 1 + len(border) + 2 + 1
    columns = len(parties) <= 3
    blue = (MARGIN, MARGIN + (PAGE[0] - 2 * MARGIN) / len(parties)) if columns else (0, PAGE[0])
    shown = quotes_read_down(pdf, border, *blue)
    assert shown.startswith(f"“{LONG_QUOTES[0]}” [1]")
    for quote in LONG_QUOTES:
        assert shown.count(f"“{quote}” [1]") == 1  # every quote once, none cut or dropped
    if columns:
        for n in border[1:]:  # the party names head the columns again
            assert "Blue Republic Red Federation Green Union" in flat(pdf.pages[n - 1].extract_text())
    for n in border[:-1]:
        assert "Continued on the next page." in pdf.pages[n - 1].extract_text()
        assert "[1] Blue foreign ministry note" not in flat(pdf.pages[n - 1].extract_text())
    for n in border[1:]:
        first = pdf.pages[n - 1].extract_text().splitlines()[0].strip()
        assert first == "Border line (continued)"
    last = flat(pdf.pages[border[-1] - 1].extract_text())
    assert "Continued on the next page." not in last
    assert "Sources for this issue [1] Blue foreign ministry note" in last  # the footnotes close the issue
    images = [len(pdf.pages[n - 1].images) for n in border]
    assert images == [1 if render else 0] + [0] * (len(border) - 1)  # the chart only once
    assert smallest(pdf) >= 9 - 1e-6


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_the_pdf_builds_for_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    data = build_pdf(brief_for(ds, [p.id for p in ds.parties]), render=fake_png)
    pdf = read(data)
    text = pages(pdf)
    assert page_count(data) == len(text) == 1 + len(ds.issues) + 1
    for n, issue in enumerate(ds.issues, start=1):
        assert issue.name in text[n]
    assert text[-1].startswith("Sources")
    assert smallest(pdf) >= 9 - 1e-6
    if case == "no positions":
        assert "No source is cited for the chosen parties and issues." in text[-1]
        assert all("No source cited for this issue." in t for t in text[1:-1])
    if case == "calendar ends":
        assert "Positions as of 31 December 9999 (the dataset's latest information)" in text[0]
        assert pdf.metadata.title.endswith("briefing as of 31 December 9999")


# --- charts -------------------------------------------------------------------------------------


def test_each_issue_page_carries_its_rendered_chart(mini, kaleido_server):
    data = build_pdf(brief_for(mini, PARTIES), render=png)
    pdf = read(data)
    assert len(pdf.pages) == 5
    assert [len(p.images) for p in pdf.pages] == [0, 1, 1, 1, 0]
    for n, name in ((1, "Border line"), (2, "Trade"), (3, "Water rights")):
        page = pdf.pages[n]
        assert name in page.extract_text()
        image = page.images[0].image
        assert image.size[0] >= 1200  # sharp enough to print across the page
        assert image.convert("L").getextrema()[0] < 100  # something dark is drawn on it


# --- the bundled dataset, rendered to pictures ----------------------------------------------------


def test_the_bundled_pack_renders_to_pages_in_colour_and_grey(kaleido_server, require_programs):
    require_programs("pdftoppm", package="poppler-utils")
    ds = load_dataset(BUNDLED).dataset
    brief = brief_for(ds, ds.info.default_parties)
    data = build_pdf(brief, render=png)
    count = page_count(data)
    pdf = read(data)
    assert count == len(pdf.pages) >= 1 + len(brief.issues) + 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.pdf")]:
        old.unlink()
    path = ARTIFACTS / f"{brief.file_stem()}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / "page")], check=True)
    subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", str(path), str(ARTIFACTS / "grey")], check=True)
    for prefix in ("page", "grey"):
        made = sorted(ARTIFACTS.glob(f"{prefix}-*.png"))
        assert len(made) == count
        for picture in made:
            with Image.open(picture) as im:
                assert im.size in {(496, 702), (497, 702)}  # A4 at 60 dpi
                grey = im.convert("L")
                assert grey.getextrema()[0] < 80, picture.name  # dark text is drawn
                assert grey.getpixel((5, 5)) == 255, picture.name  # on white paper
    text = pages(pdf)
    for item in brief.issues:
        assert any(t.startswith(f"{item.issue.group} {item.issue.name}") for t in text), item.issue.name
    assert all(len(p.images) == 1 for p in pdf.pages if p.images)
    assert sum(len(p.images) for p in pdf.pages) == len(brief.issues)


def test_the_bundled_pack_with_every_party_stays_legible(tmp_path):
    ds = load_dataset(BUNDLED).dataset
    brief = brief_for(ds, [p.id for p in ds.parties])
    pdf = read(build_pdf(brief, render=None))
    raw = [p.extract_text() for p in pdf.pages]
    text = [flat(t) for t in raw]
    every = " ".join(text)
    assert fonts().covers(every)
    assert smallest(pdf) >= 9 - 1e-6
    for item in brief.issues:
        where = issue_pages(raw, item.issue.name)
        assert where, item.issue.name
        shown = " ".join(text[n - 1] for n in where)
        for s in item.standings:
            assert s.party.name in shown
    sources = " ".join(t for t in text if t.startswith(("Sources", "Sources (continued)")))
    for fn in brief.sources():
        assert f"[{fn.number}] " in sources
