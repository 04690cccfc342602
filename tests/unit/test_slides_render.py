"""The slide deck as a reader sees it: Debian's LibreOffice opens the .pptx and prints it to PDF,
poppler draws each page as a picture (artifacts/slides/<dataset>/slide-NN.png, kept for anyone to
look at) and reads the text back with its position on the slide.

One conversion per dataset (module-scoped fixture): the bundled dataset with its default parties,
and the mini fixture with all three of its parties. Without LibreOffice or poppler the tests skip,
and fail instead when CI is "true".
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from parley.briefs import Brief
from parley.export.pptx_deck import build_deck, slide_count
from parley.load import load_dataset
from tests.support.browser import ARTIFACTS
from tests.support.packs import brief_for

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "russia-ukraine-2025"
SLIDES = ARTIFACTS / "slides"
DPI = 60
XHTML = "{http://www.w3.org/1999/xhtml}"
LINE_HEIGHT_EM = 1.3  # poppler's box around a word of DejaVu Sans is 1.3 times the type size
SMALLEST_PT = 12  # the deck's smallest type


@dataclass(frozen=True)
class Box:
    """A line of text as poppler finds it on a page, in points from the top left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def size_pt(self) -> float:
        return (self.y1 - self.y0) / LINE_HEIGHT_EM


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: list[Box]

    @property
    def text(self) -> str:
        return bare(" ".join(line.text for line in self.lines))


@dataclass(frozen=True)
class Rendered:
    name: str
    brief: Brief
    deck: bytes
    titles: list[str | None]  # each slide's title placeholder, None on the title slide
    pdf: Path
    pages: list[Page]
    pictures: list[Path]
    charts: dict[int, list[int]]  # page number -> x-ppi of each image drawn on it


def bare(text: str) -> str:
    """The text without its spaces: a line may wrap at a dash or between words, and a reader
    does not see where it wrapped."""
    return re.sub(r"\s", "", text)


def slide_titles(deck: bytes) -> list[str | None]:
    slides = Presentation(io.BytesIO(deck)).slides
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else None for s in slides]


def run(command: list[str], timeout: int = 300) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}"
    return done.stdout


def read_pages(pdf: Path) -> list[Page]:
    """Every page's lines of text with their boxes (pdftotext -bbox-layout)."""
    root = ET.fromstring(run(["pdftotext", "-bbox-layout", str(pdf), "-"]))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = " ".join(w.text or "" for w in line.iter(f"{XHTML}word"))
            x0, y0, x1, y1 = (float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            lines.append(Box(words, x0, y0, x1, y1))
        pages.append(Page(float(page.get("width")), float(page.get("height")), lines))
    return pages


def read_images(pdf: Path) -> dict[int, list[int]]:
    """The pictures drawn on each page (pdfimages -list), by their resolution on the page."""
    found: dict[int, list[int]] = {}
    for row in run(["pdfimages", "-list", str(pdf)]).splitlines()[2:]:
        cols = row.split()
        if cols[2] == "image":
            found.setdefault(int(cols[0]), []).append(int(cols[12]))
    return found


def render(name: str, brief: Brief, work: Path, profile: Path) -> Rendered:
    """Build the deck, print it to PDF with LibreOffice and draw each page, under artifacts/slides/<name>/.
    `profile` is LibreOffice's user profile: a private one lets it run beside another LibreOffice, and as root."""
    deck = build_deck(brief)
    out = SLIDES / name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pptx = out / "deck.pptx"
    pptx.write_bytes(deck)
    run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(pptx),
        ]
    )
    pdf = out / "deck.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {pptx}"
    run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(work / "page")])
    pictures = []
    for made in sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        number = int(made.stem.rsplit("-", 1)[1])
        pictures.append(made.rename(out / f"slide-{number:02d}.png"))
    return Rendered(name, brief, deck, slide_titles(deck), pdf, read_pages(pdf), pictures, read_images(pdf))


@pytest.fixture(scope="module", params=["russia-ukraine-2025", "mini"])
def rendered(request, require_programs, mini, kaleido_server, tmp_path_factory) -> Rendered:
    require_programs("soffice", package="libreoffice-impress")
    require_programs("pdftoppm", "pdftotext", "pdfimages", package="poppler-utils")
    if request.param == "mini":
        brief = brief_for(mini, ["blue", "red", "green"])
    else:
        ds = load_dataset(BUNDLED).dataset
        brief = brief_for(ds, ds.info.default_parties)
    profile = tmp_path_factory.getbasetemp() / "libreoffice-profile"  # made by the first conversion, then reused
    return render(request.param, brief, tmp_path_factory.mktemp(request.param), profile)


def issue_pages(r: Rendered, name: str) -> list[int]:
    """The 0-based pages an issue's slides printed to, its continuation slides included."""
    pattern = rf"{re.escape(name)}( \(continued, \d+ of \d+\))?"
    return [n for n, title in enumerate(r.titles) if title is not None and re.fullmatch(pattern, title)]


# --- one page per slide, each a 16:9 picture with something on it --------------------------------


def test_the_pdf_has_a_page_for_every_slide_the_app_counts(rendered):
    # The Briefing page announces "Slides ready: N slides" with N = slide_count(deck).
    count = slide_count(rendered.deck)
    assert len(rendered.pages) == count == len(rendered.titles) == len(rendered.pictures)
    issues = [n for item in rendered.brief.issues for n in issue_pages(rendered, item.issue.name)]
    sources = [n for n, t in enumerate(rendered.titles) if t and re.fullmatch(r"Sources( \(\d+ of \d+\))?", t)]
    assert rendered.titles[0] is None  # the title slide
    assert [0, *issues, *sources] == list(range(count))  # nothing else, in the order of the brief
    assert len(issues) >= len(rendered.brief.issues) and len(sources) >= 1


def test_every_slide_is_a_landscape_16_9_picture_with_something_drawn(rendered):
    for n, picture in enumerate(rendered.pictures, start=1):
        assert picture == SLIDES / rendered.name / f"slide-{n:02d}.png" and picture.is_file()
        with Image.open(picture) as im:
            width, height = im.size
            assert width > height and abs(width / height - 16 / 9) < 0.01, (picture.name, im.size)
            assert (width, height) == (800, 450)  # 13.33 by 7.5 inches at 60 dpi
            grey = im.convert("L")
            inked = sum(grey.histogram()[:200]) / (width * height)
            assert inked > 0.01, f"{picture.name} is nearly blank ({inked:.2%} drawn)"
            assert grey.getextrema()[0] < 80, f"{picture.name}: no dark text"
            assert grey.getpixel((2, 2)) == 255, f"{picture.name}: not on a white slide"


def test_each_issue_slide_carries_its_chart_once_and_sharp(rendered):
    firsts = [issue_pages(rendered, item.issue.name)[0] + 1 for item in rendered.brief.issues]
    assert sorted(rendered.charts) == firsts
    for page, resolutions in rendered.charts.items():
        assert len(resolutions) == 1, page
        assert resolutions[0] >= 150, f"page {page}: the chart is printed at {resolutions[0]} ppi"


# --- the text on each slide, whole and where a reader can read it --------------------------------


def test_each_slide_shows_its_whole_title_first(rendered):
    brief = rendered.brief
    cover = rendered.pages[0].text
    assert cover.startswith(bare(f"Parley briefing {brief.title} {brief.dates_line()}"))
    assert bare("Parties: " + ", ".join(brief.party_names())) in cover
    assert bare("Issues: " + ", ".join(i.issue.name for i in brief.issues)) in cover
    for page, title in zip(rendered.pages[1:], rendered.titles[1:], strict=True):
        assert page.text.startswith(bare(title)), (title, page.text[:120])


def test_every_issue_shows_each_partys_stance_and_its_footnotes(rendered):
    brief = rendered.brief
    numbers = {fn.source.id: fn.number for fn in brief.footnotes.values()}
    for item in brief.issues:
        pages = issue_pages(rendered, item.issue.name)
        assert pages, item.issue.name
        shown = "".join(rendered.pages[n].text for n in pages)
        assert bare(item.issue.question) in rendered.pages[pages[0]].text
        for s in item.standings:
            name = s.party.short if len(s.party.name) > 28 else s.party.name
            assert bare(name) in shown, (item.issue.name, name)
            if s.shown:
                assert bare(s.position.stance) in shown, (item.issue.name, s.party.id)
                for c in s.cited:
                    assert f"[{numbers[c.source.id]}]" in shown
        last = rendered.pages[pages[-1]].text
        for fn in brief.notes_for(item):
            assert bare(f"[{fn.number}] {fn.source.title}") in last
        assert bare(brief.dates_line()) in last
        for n in pages[:-1]:
            assert bare("Continued on the next slide.") in rendered.pages[n].text


def test_the_sources_slides_list_every_cited_source(rendered):
    sources = "".join(rendered.pages[n].text for n, t in enumerate(rendered.titles) if t and t.startswith("Sources"))
    for fn in rendered.brief.sources():
        assert bare(f"[{fn.number}] {fn.source.title}") in sources


def test_no_text_overlaps_other_text_or_leaves_the_slide(rendered):
    problems = []
    for n, page in enumerate(rendered.pages, start=1):
        for line in page.lines:
            if line.x0 < 0 or line.y0 < 0 or line.x1 > page.width + 0.5 or line.y1 > page.height + 0.5:
                problems.append((n, "off the slide", line.text))
        for i, a in enumerate(page.lines):
            for b in page.lines[i + 1 :]:
                across = min(a.x1, b.x1) - max(a.x0, b.x0)
                down = min(a.y1, b.y1) - max(a.y0, b.y0)
                # neighbouring lines of one paragraph share a sliver of their boxes; text drawn over
                # text shares much more
                if across > 1 and down > 0.3 * min(a.y1 - a.y0, b.y1 - b.y0):
                    problems.append((n, "overlaps", f"{a.text!r} / {b.text!r}"))
    assert problems == []


def test_no_printed_text_is_smaller_than_12_pt(rendered):
    sizes = [(n, line.size_pt, line.text) for n, page in enumerate(rendered.pages, 1) for line in page.lines]
    assert sizes
    assert [s for s in sizes if s[1] < SMALLEST_PT - 0.1] == []
