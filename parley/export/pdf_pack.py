"""The briefing pack as a printable PDF: a title page, each issue on its own page, the sources.

Made with reportlab's platypus. Every piece of data text is escaped before it becomes a
Paragraph (reportlab reads a small XML markup in paragraphs), so names, stances and quotes
print exactly as written. Text is real text in an embedded font (DejaVu Sans where the machine
has it), body type is at least 10 pt and footnotes and page footers 9 pt; an issue whose stances
do not fit on its page continues on the next one, under a "(continued)" heading, rather than
shrinking. Nothing is told by colour alone: party names are written out and weak sourcing is a
flag symbol and words, so the pack reads the same printed in black and white.

Each issue's gap chart is a PNG (kaleido through plotly), drawn narrower than the slides' so its
labels print at about the size of the text; `render=None` leaves the charts out.

It is longer than most modules because its styles, page templates and flowables share one set of
measurements (page size, margins, type sizes); split apart, each part would need the others'.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import plotly.graph_objects as go
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from parley.briefs import Brief, IssueBrief
from parley.charts.scale import issue_figure
from parley.model import Source
from parley.record import Standing
from parley.text import link_target
from parley.wording import (
    BASIS_NOTE,
    LEFT_OUT,
    NOT_STATED,
    NOT_STATED_NOTE,
    SUMMARY_NOTE,
    basis_line,
    citation,
    coding,
    scale_ends,
    source_kind,
    summary_label,
    weak_label,
)

PAGE = A4
MARGIN = 18 * mm
TOP = 20 * mm  # room above the frame for the "(continued)" heading
BOTTOM = 22 * mm  # room below it for the footer
FOOTER_TOP = 14 * mm  # the footer's first line hangs from here
INK = colors.HexColor("#1F2933")
MUTED_HEX = "#3E4C59"  # darker than the screen's muted grey: it must survive a photocopier
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#9AA5B1")
WEAK_INK = colors.HexColor("#7B341E")
BODY_PT = 10.5
MIN_PT = 10  # the least for body text
NOTE_PT = 9  # the least for footnotes and footers
CHART_WIDTH_PX = 800  # drawn across the text width (about 175 mm), chart labels print at about 9-10 pt
CHART_MAX_HEIGHT = 0.45  # of the frame's height, so the gap sentence and some stances share the page
SIDE_BY_SIDE = 3  # up to this many parties sit in columns; more go one after another

Render = Callable[[go.Figure], bytes]
Progress = Callable[[int, int, str], None]


def png(fig: go.Figure) -> bytes:
    """The figure as a PNG at its own height and a page-wide width (kaleido), sharp enough to print."""
    height = int(fig.layout.height or 400)
    with warnings.catch_warnings():  # plotly notes that kaleido options are ignored by a running server
        warnings.simplefilter("ignore", UserWarning)
        return fig.to_image(format="png", width=CHART_WIDTH_PX, height=height, scale=2)


# --- fonts --------------------------------------------------------------------------------------

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian and Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
)
DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
VERA = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")  # shipped with reportlab; Latin only, no ⚑


@dataclass(frozen=True)
class Fonts:
    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    covers: Callable[[str], bool] = field(compare=False, repr=False)


def _font_files() -> tuple[str, tuple[Path, ...]]:
    dirs = list(FONT_DIRS)
    matplotlib = importlib.util.find_spec("matplotlib")  # ships DejaVu Sans; found without importing it
    if matplotlib is not None and matplotlib.submodule_search_locations:
        dirs += [Path(p) / "mpl-data" / "fonts" / "ttf" for p in matplotlib.submodule_search_locations]
    for folder in dirs:
        files = tuple(folder / name for name in DEJAVU)
        if all(f.is_file() for f in files):
            return "DejaVuSans", files
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    return "Vera", tuple(folder / name for name in VERA)


@functools.cache
def fonts() -> Fonts:
    """The embedded font family, registered once: DejaVu Sans when found, else reportlab's Vera."""
    family, files = _font_files()
    names = [f"Parley{family}{style}" for style in ("", "-Bold", "-Italic", "-BoldItalic")]
    faces = [TTFont(name, str(path)) for name, path in zip(names, files, strict=True)]
    for face in faces:
        pdfmetrics.registerFont(face)
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    cmap = faces[0].face.charToGlyph
    return Fonts(family, *names, covers=lambda text: all(ord(c) in cmap for c in text if not c.isspace()))


# --- text ---------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _t(text: object) -> str:
    """Data text for a Paragraph: control characters become spaces, markup characters entities."""
    return escape(_CONTROL.sub(" ", "" if text is None else str(text)), quote=False)


@dataclass(frozen=True)
class Styles:
    kicker: ParagraphStyle
    title: ParagraphStyle
    as_of: ParagraphStyle
    lead: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    filter: ParagraphStyle
    group: ParagraphStyle
    issue: ParagraphStyle
    question: ParagraphStyle
    meta: ParagraphStyle
    gap: ParagraphStyle
    party: ParagraphStyle
    stance: ParagraphStyle
    weak: ParagraphStyle
    quote: ParagraphStyle
    summary: ParagraphStyle
    absent: ParagraphStyle
    heading: ParagraphStyle
    footnote: ParagraphStyle
    closing: ParagraphStyle
    source: ParagraphStyle
    running: ParagraphStyle
    footer: ParagraphStyle
    page_number: ParagraphStyle


@functools.cache
def _styles() -> Styles:
    f = fonts()

    def style(name: str, size: float, font: str = f.regular, color=INK, lead: float = 1.3, **kw) -> ParagraphStyle:
        kw.setdefault("spaceAfter", size * 0.35)
        return ParagraphStyle(
            name, fontName=font, bulletFontName=font, fontSize=size, leading=size * lead, textColor=color, **kw
        )

    return Styles(
        kicker=style("kicker", 12, color=MUTED, spaceAfter=10),
        title=style("title", 26, f.bold, lead=1.2, spaceAfter=16),
        as_of=style("as_of", 15, f.bold, spaceAfter=14),
        lead=style("lead", 12, spaceAfter=8),
        body=style("body", BODY_PT),
        note=style("note", MIN_PT, color=MUTED, spaceAfter=6),
        filter=style("filter", 11, f.bold, spaceAfter=8, borderColor=INK, borderWidth=1, borderPadding=5),
        group=style("group", MIN_PT, color=MUTED, spaceAfter=2),
        issue=style("issue", 18, f.bold, lead=1.2, spaceAfter=4),
        question=style("question", 12, spaceAfter=4),
        meta=style("meta", MIN_PT, color=MUTED, spaceAfter=3),
        gap=style("gap", 11, f.bold, spaceAfter=6),
        party=style("party", 12, f.bold, spaceAfter=3),
        stance=style("stance", 11, f.bold, spaceAfter=4),
        weak=style("weak", MIN_PT, f.bold, WEAK_INK, spaceAfter=4),
        quote=style("quote", MIN_PT, f.italic, spaceAfter=4, leftIndent=6),
        summary=style("summary", MIN_PT, spaceAfter=4, leftIndent=6),
        absent=style("absent", 11, f.italic, MUTED, spaceAfter=3),
        heading=style("heading", 12, f.bold, spaceBefore=8, spaceAfter=4),
        footnote=style("footnote", NOTE_PT, color=MUTED, spaceAfter=2, leftIndent=14, firstLineIndent=-14),
        closing=style("closing", NOTE_PT, color=MUTED, spaceAfter=0),
        source=style("source", MIN_PT, spaceAfter=5, leftIndent=18, firstLineIndent=-18),
        running=style("running", 11, f.bold, spaceAfter=0),
        footer=style("footer", NOTE_PT, color=MUTED, spaceAfter=0),
        page_number=style("page_number", NOTE_PT, color=MUTED, spaceAfter=0, alignment=TA_RIGHT),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of already-escaped text."""
    return Paragraph(text, style)


# --- the running state: which issue is open, for "(continued)" headings -------------------------


@dataclass
class _Running:
    issue: str | None = None  # the issue whose page(s) are being laid out


class _Mark(Flowable):
    """A flowable of no size that notes where an issue starts and ends as pages are laid out."""

    def __init__(self, running: _Running, issue: str | None) -> None:
        super().__init__()
        self.running, self.issue = running, issue
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.running.issue = self.issue


class _Outline(Flowable):
    """A bookmark in the PDF's outline (its table of contents) at this point."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(_CONTROL.sub(" ", self.title), self.key, level=0)


class _Doc(BaseDocTemplate):
    """The pages: a frame for the flow, the "(continued)" heading above it and the footer below.

    `pages` is the page count for the footers' "Page n of N", known from a first layout pass."""

    def __init__(self, out: io.BytesIO, brief: Brief, styles: Styles, running: _Running, pages: int = 0) -> None:
        title = f"{brief.title}: briefing as of {brief.as_of:%d %B %Y}"
        super().__init__(
            out,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=_CONTROL.sub(" ", title),
            author="Parley",
            subject=brief.dates_line(),
            creator="Parley",
            keywords=["briefing", brief.dataset.id],
            lang="en",
            initialFontName=fonts().regular,  # no page refers to a font that is not embedded
            initialFontSize=BODY_PT,
        )
        self.brief, self.styles, self.running, self.pages = brief, styles, running, pages
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text", showBoundary=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._begin, onPageEnd=self._end)])

    def _begin(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """A page that opens inside an issue says so at its top."""
        if self.running.issue is not None:
            head = _p(f"{_t(self.running.issue)} (continued)", self.styles.running)
            head.wrap(self.width, TOP)
            head.drawOn(canvas, self.leftMargin, PAGE[1] - TOP + 4 * mm)

    def _end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The footer: the dates line on every page (the page number is added when the count is known),
        and a note when the issue goes on overleaf."""
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, FOOTER_TOP + 1.5 * mm, PAGE[0] - self.rightMargin, FOOTER_TOP + 1.5 * mm)
        foot = _p(_t(self.brief.dates_line()), self.styles.footer)
        _, h = foot.wrap(self.width - 32 * mm, FOOTER_TOP)
        foot.drawOn(canvas, self.leftMargin, FOOTER_TOP - h)
        number = _p(f"Page {doc.page} of {self.pages or doc.page}", self.styles.page_number)
        _, h = number.wrap(30 * mm, FOOTER_TOP)
        number.drawOn(canvas, PAGE[0] - self.rightMargin - 30 * mm, FOOTER_TOP - h)
        if self.running.issue is not None:
            more = _p("<i>Continued on the next page.</i>", self.styles.footer)
            more.wrap(self.width, BOTTOM)
            more.drawOn(canvas, self.leftMargin, FOOTER_TOP + 3 * mm)
        canvas.restoreState()


# --- what goes on the pages ---------------------------------------------------------------------


def _title_page(brief: Brief, st: Styles) -> Iterator[Flowable]:
    yield _Outline("title", "Title page")
    yield Spacer(1, 30 * mm)
    yield _p("Parley briefing", st.kicker)
    yield _p(_t(brief.title), st.title)
    yield _p(_t(brief.dates_line()), st.as_of)
    yield _p("<b>Parties:</b> " + _t(", ".join(brief.party_names())), st.lead)
    if brief.issues:
        yield _p("<b>Issues:</b> " + _t(", ".join(i.issue.name for i in brief.issues)), st.lead)
    else:
        yield _p("<b>Issues:</b> none chosen", st.lead)
    if brief.dataset.info.summary:
        yield Spacer(1, 4)
        yield _p(_t(brief.dataset.info.summary), st.body)
    yield Spacer(1, 8)
    if brief.filter_note:
        yield _p(f"Filter: {_t(brief.filter_note)}.", st.filter)
        yield Spacer(1, 4)
    yield _p(_t(BASIS_NOTE), st.note)
    yield _p(_t(SUMMARY_NOTE), st.note)


def stance_flowables(s: Standing, numbers: dict[str, int], st: Styles, name: bool = True) -> list[Flowable]:
    """One party's standing on an issue, as it reads in its column or block."""
    out: list[Flowable] = [_p(_t(s.party.name), st.party)] if name else []
    if s.state == "not stated":
        return [*out, _p(NOT_STATED, st.absent), _p(_t(NOT_STATED_NOTE), st.meta)]
    if s.state == "left out":
        return [*out, _p(LEFT_OUT, st.absent), _p(_t(s.left_out), st.meta)]
    p = s.position
    out.append(_p(_t(p.stance), st.stance))
    if s.weakness:
        out.append(_p(f"⚑ {_t(weak_label(s.weakness))}", st.weak))
    if p.detail:
        out.append(_p(_t(p.detail), st.body))
    for c in s.cited:
        ref = f" [{numbers[c.source.id]}]"
        if c.is_quote:
            out.append(_p(f"“{_t(c.text)}”{ref}", st.quote))
        else:
            label = f'<font color="{MUTED_HEX}">{_t(summary_label(c.source))}:</font>'
            out.append(_p(f"{label} {_t(c.text)}{ref}", st.summary))
    if p.basis == "assessed":
        out.append(_p(f"<b>Assessed (analyst coding):</b> {_t(p.note)}", st.meta))
    elif p.note:
        out.append(_p(f"Note: {_t(p.note)}", st.meta))
    if p.value_reason:
        out.append(_p(f"Placing on the scale: {_t(p.value_reason)}", st.meta))
    out.append(_p(f"{_t(basis_line(s))} · {_t(coding(p.value, p.acceptable))}", st.meta))
    return out


def _rule(color: str) -> colors.Color:
    try:
        return colors.HexColor(color)
    except (ValueError, TypeError):
        return RULE


def _stances(brief: Brief, item: IssueBrief, width: float, st: Styles) -> list[Flowable]:
    """The parties' stances: in columns for up to three parties (their names as a header row that
    repeats on a continuation page), one after another for more (each name kept with its stance).
    A party's colour is only a rule above its stance; its name is always written."""
    numbers = {fn.source.id: fn.number for fn in brief.footnotes.values()}
    standings = list(item.standings)
    if not standings:
        return []
    if len(standings) > SIDE_BY_SIDE:
        out: list[Flowable] = []
        for s in standings:
            lines = stance_flowables(s, numbers, st)
            rule = HRFlowable(width="100%", thickness=3, color=_rule(brief.colors.get(s.party.id, "")), spaceAfter=4)
            out += [KeepTogether([rule, *lines[:3]]), *lines[3:], Spacer(1, 8)]
        return out
    col = width / len(standings)
    head = [_p(_t(s.party.name), st.party) for s in standings]
    body = [stance_flowables(s, numbers, st, name=False) for s in standings]
    style = [
        ("FONT", (0, 0), (-1, -1), fonts().regular, MIN_PT),  # the cells hold paragraphs; no other font
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
        *(("LINEABOVE", (n, 0), (n, 0), 3, _rule(brief.colors.get(s.party.id, ""))) for n, s in enumerate(standings)),
        *(("LINEAFTER", (n, 0), (n, -1), 0.5, RULE) for n in range(len(standings) - 1)),
    ]
    table = Table([head, body], colWidths=[col] * len(standings), repeatRows=1, splitInRow=1, style=TableStyle(style))
    table.hAlign = "LEFT"
    return [table]


def _chart(image: bytes, width: float, max_height: float, draft: bool) -> Flowable:
    """The chart across the text width (no taller than `max_height`); in a draft, only the room it takes."""
    from PIL import Image as PILImage

    px_w, px_h = PILImage.open(io.BytesIO(image)).size
    w, h = width, width * px_h / px_w
    if h > max_height:
        w, h = w * max_height / h, max_height
    return Spacer(w, h) if draft else Image(io.BytesIO(image), width=w, height=h, hAlign="CENTER")


def _issue_pages(
    brief: Brief, item: IssueBrief, image: bytes | None, doc: _Doc, running: _Running, draft: bool
) -> Iterator[Flowable]:
    issue = item.issue
    yield PageBreak()
    yield _Mark(running, issue.name)
    yield _Outline(f"issue-{issue.id}", issue.name)
    st = doc.styles
    if issue.group:
        yield _p(_t(issue.group), st.group)
    yield _p(_t(issue.name), st.issue)
    yield _p(_t(issue.question), st.question)
    yield _p(f"Scale: {_t(scale_ends(issue))}", st.meta)
    yield _p(_t(item.gap_text), st.gap)
    if image is not None:
        yield _chart(image, doc.width, doc.height * CHART_MAX_HEIGHT, draft)
        yield Spacer(1, 6)
    yield from _stances(brief, item, doc.width, st)
    notes = brief.notes_for(item)
    lines = [
        _p(f"[{fn.number}] {_t(citation(fn.source, url=False))} ({_t(source_kind(fn.source))})", st.footnote)
        for fn in notes
    ] or [_p("No source cited for this issue.", st.footnote)]
    closing = _p(
        f"{_t(brief.dates_line())}. Values and ranges are analyst coding; sources with their addresses are "
        "listed at the end.",
        st.closing,
    )
    yield CondPageBreak(60)  # the footnotes' heading is never left alone at the foot of a page
    yield KeepTogether([_p("Sources for this issue", st.heading), *lines[:2]])
    yield from lines[2:]
    yield Spacer(1, 4)
    yield closing
    yield _Mark(running, None)


def _source_line(n: int, source: Source, st: Styles) -> Paragraph:
    """A source on the sources page: its citation, then its address (a link when it is a web address)."""
    text = f"[{n}] {_t(citation(source, url=False))} ({_t(source_kind(source))})"
    url = (source.url or "").strip()
    if url:
        shown = _t(url)
        if url.lower().startswith(("https://", "http://")):
            shown = f'<link href="{escape(link_target(url), quote=True)}">{shown}</link>'
        text += f"<br/>{shown}"
    return _p(text, st.source)


def _sources_page(brief: Brief, st: Styles, running: _Running) -> Iterator[Flowable]:
    yield PageBreak()
    yield _Mark(running, "Sources")
    yield _Outline("sources", "Sources")
    yield _p("Sources", st.issue)
    yield _p("Every source cited in this briefing, with the number it carries on the issue pages.", st.meta)
    yield Spacer(1, 6)
    listed = brief.sources()
    if not listed:
        yield _p("No source is cited for the chosen parties and issues.", st.body)
    for fn in listed:
        yield _source_line(fn.number, fn.source, st)
    yield Spacer(1, 8)
    yield _p(_t(BASIS_NOTE), st.note)
    yield _Mark(running, None)


def _layout(brief: Brief, images: list[bytes | None], pages: int = 0, draft: bool = False) -> tuple[bytes, int]:
    """One layout pass: the PDF and its page count. A draft leaves room for the charts without
    embedding them: it is only counted."""
    out = io.BytesIO()
    running = _Running()
    doc = _Doc(out, brief, _styles(), running, pages)
    story: list[Flowable] = list(_title_page(brief, doc.styles))
    for item, image in zip(brief.issues, images, strict=True):
        story += _issue_pages(brief, item, image, doc, running, draft)
    story += _sources_page(brief, doc.styles, running)
    doc.build(story)
    return out.getvalue(), doc.page


def build_pdf(brief: Brief, render: Render | None = png, progress: Progress | None = None) -> bytes:
    """The pack as PDF bytes. `render=None` leaves the charts out (a text-only pack).

    The pages are laid out twice: a draft counts them, then the pack is made with "Page n of N"."""
    images: list[bytes | None] = []
    for n, item in enumerate(brief.issues, start=1):
        if progress:
            progress(n, len(brief.issues), item.issue.name)
        images.append(render(issue_figure(item.gap, brief.colors, titled=False)) if render else None)
    _, pages = _layout(brief, images, draft=True)
    for _ in range(3):  # the footers do not change the flow, so this settles at once
        pdf, laid = _layout(brief, images, pages)
        if laid == pages:
            break
        pages = laid
    return pdf


def page_count(pdf: bytes) -> int:
    """How many pages a PDF made by build_pdf has (its page objects; reportlab writes them uncompressed)."""
    return len(re.findall(rb"/Type /Page\b", pdf))
