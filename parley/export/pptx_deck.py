"""The briefing pack as a PowerPoint deck: a title slide, each issue's slides, the sources.

Each issue gets its gap chart as a PNG (kaleido through plotly), the chosen parties' stances
side by side and numbered source footnotes, all in type of at least 12 pt so a printed or
projected slide stays legible: an issue whose stances do not fit under its chart continues on
the next slide rather than shrinking. Rendering images is the slow part, so `render` can be
swapped (tests, previews) and `progress` reports each issue.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from parley.briefs import Brief, IssueBrief
from parley.charts.scale import issue_figure
from parley.record import Standing
from parley.wording import (
    BASIS_NOTE,
    LEFT_OUT,
    NOT_STATED,
    SUMMARY_NOTE,
    basis_line,
    citation,
    coding,
    source_kind,
    summary_label,
    weak_label,
)

WIDE = (Inches(13.333), Inches(7.5))
INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
WEAK = RGBColor(0x7B, 0x34, 0x1E)
MARGIN = Inches(0.45)
CHART_WIDTH_PX = 1300  # narrower than the slide so chart labels print larger; scale 2 keeps it sharp
BODY_PT = 14
MIN_PT = 12
TITLE_PT = 30
EMU_PER_PT = 12700
EM_PER_CHAR = 0.55  # a generous average width of a character, in ems (DejaVu Sans, which LibreOffice falls back on)
BOLD_EM_PER_CHAR = 0.62  # bold type is wider

Render = Callable[[go.Figure], bytes]
Progress = Callable[[int, int, str], None]


def png(fig: go.Figure) -> bytes:
    """The figure as a PNG at its own height and a slide-wide width (kaleido)."""
    height = int(fig.layout.height or 400)
    with warnings.catch_warnings():  # plotly notes that kaleido options are ignored by a running server
        warnings.simplefilter("ignore", UserWarning)
        return fig.to_image(format="png", width=CHART_WIDTH_PX, height=height, scale=2)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


@dataclass(frozen=True)
class Line:
    text: str
    size: int = BODY_PT
    bold: bool = False
    italic: bool = False
    color: RGBColor = INK
    after: int = 3

    def height(self, width: int) -> float:
        """A generous estimate of the line's height in points when wrapped to `width` EMU."""
        em = BOLD_EM_PER_CHAR if self.bold else EM_PER_CHAR
        per_line = max(1, int(width / EMU_PER_PT / (self.size * em)))
        return math.ceil(max(len(self.text), 1) / per_line) * self.size * 1.2 + self.after


def _box(slide, left, top, width, height, lines: list[Line]) -> None:
    """A text box; every run is set as plain text, never as markup."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line.text
        run.font.size = Pt(line.size)
        run.font.bold = line.bold
        run.font.italic = line.italic
        run.font.color.rgb = line.color
        para.space_after = Pt(line.after)


def _title(slide, text: str, width: int) -> None:
    """The slide's title on one line: a long one (an issue's continuation) is set smaller, down
    to 20 pt, rather than wrapping into the text below it."""
    fits = [pt for pt in range(TITLE_PT, 19, -2) if len(text) * pt * BOLD_EM_PER_CHAR <= width / EMU_PER_PT]
    size = fits[0] if fits else 20
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.2), width, Inches(0.7)
    title.text_frame.text = text
    for para in title.text_frame.paragraphs:
        para.alignment = 1  # left
        for run in para.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, INK


def stance_lines(s: Standing, color: str, numbers: dict[str, int]) -> list[Line]:
    name = s.party.short if len(s.party.name) > 28 else s.party.name
    lines = [Line(name, BODY_PT + 2, bold=True, color=_rgb(color))]
    if s.state == "not stated":
        return [*lines, Line(NOT_STATED, italic=True, color=MUTED)]
    if s.state == "left out":
        return [*lines, Line(f"{LEFT_OUT}: {s.left_out}", italic=True, color=MUTED)]
    p = s.position
    lines.append(Line(p.stance, bold=True))
    if s.weakness:
        lines.append(Line(f"⚑ {weak_label(s.weakness)}", MIN_PT, bold=True, color=WEAK))
    for c in s.cited:
        ref = f" [{numbers[c.source.id]}]"
        if c.is_quote:
            lines.append(Line(f"“{c.text}”{ref}", MIN_PT, italic=True))
        else:
            lines.append(Line(f"{summary_label(c.source)}: {c.text}{ref}", MIN_PT))
    if p.basis == "assessed":
        lines.append(Line(f"Assessed (analyst coding): {p.note}", MIN_PT, color=MUTED))
    lines.append(Line(f"{basis_line(s)} · {coding(p.value, p.acceptable)}", MIN_PT, color=MUTED))
    return lines


def _pages(columns: list[list[Line]], width: int, first_room: float, room: float) -> list[list[list[Line]]]:
    """Split the columns into pages of slides: the first page has `first_room` points below the
    chart, later ones `room`; a column continues where it left off, its name repeated."""
    pages: list[list[list[Line]]] = []
    rest = [list(c) for c in columns]
    space = first_room
    while any(rest):
        page = []
        for n, column in enumerate(rest):
            taken, used = [], 0.0
            while column and (used + column[0].height(width) <= space or not taken):
                line = column.pop(0)
                taken.append(line)
                used += line.height(width)
            if column:
                column.insert(
                    0, Line(f"{columns[n][0].text} (continued)", MIN_PT, bold=True, color=columns[n][0].color)
                )
            page.append(taken)
        pages.append(page)
        space = room
    return pages or [[[] for _ in columns]]


def _issue_slides(prs: Presentation, brief: Brief, item: IssueBrief, image: bytes | None) -> None:
    w = prs.slide_width - 2 * MARGIN
    numbers = {fn.source.id: fn.number for fn in brief.footnotes.values()}
    n = max(len(item.standings), 1)
    gap = Inches(0.2)
    col = (w - gap * (n - 1)) // n
    columns = [stance_lines(s, brief.colors[s.party.id], numbers) for s in item.standings]
    notes = [
        Line(f"[{fn.number}] {citation(fn.source, url=False)}", MIN_PT, color=MUTED, after=0)
        for fn in brief.notes_for(item)
    ] or [Line("No source cited for this issue.", MIN_PT, color=MUTED)]
    notes.append(
        Line(
            f"{brief.dates_line()}. Values and ranges are analyst coding; sources listed at the end.",
            MIN_PT,
            color=MUTED,
            after=0,
        )
    )
    notes_pt = sum(line.height(w) for line in notes) + 6
    top = Inches(1.38)
    chart_h = 0
    if image is not None:
        from PIL import Image

        px_w, px_h = Image.open(io.BytesIO(image)).size
        chart_h = min(Inches(2.7), Emu(int(w * px_h / px_w)))
    bottom = prs.slide_height - Inches(0.25)
    first_room = (bottom - top - chart_h - Inches(0.1)) / EMU_PER_PT - notes_pt
    room = (bottom - Inches(1.0)) / EMU_PER_PT - notes_pt
    pages = _pages(columns, col, first_room, room)
    for k, page in enumerate(pages):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": the title is a real placeholder
        _title(slide, item.issue.name if k == 0 else f"{item.issue.name} (continued, {k + 1} of {len(pages)})", w)
        y = Inches(0.9)
        if k == 0:
            ends = f"{item.issue.question}   (0 = {item.issue.scale.low} · 100 = {item.issue.scale.high})"
            _box(slide, MARGIN, Inches(0.85), w, Inches(0.45), [Line(ends, MIN_PT, color=MUTED)])
            y = top
            if image is not None:
                width = Emu(int(chart_h * px_w / px_h))
                slide.shapes.add_picture(io.BytesIO(image), MARGIN + (w - width) // 2, y, width, chart_h)
                y += chart_h + Inches(0.1)
        foot_h = Emu(int(notes_pt * EMU_PER_PT))
        for j, lines in enumerate(page):
            _box(slide, MARGIN + j * (col + gap), y, col, bottom - foot_h - y, lines)
        if k == len(pages) - 1:
            _box(slide, MARGIN, bottom - foot_h, w, foot_h, notes)
        else:
            _box(
                slide,
                MARGIN,
                bottom - Inches(0.35),
                w,
                Inches(0.35),
                [Line("Continued on the next slide.", MIN_PT, italic=True, color=MUTED)],
            )


def _title_slide(prs: Presentation, brief: Brief) -> None:
    """The title, dates, parties and issues, one under another: each box is as tall as its text
    wrapped to the slide's width, so a long title or dates line pushes the rest down."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    w = prs.slide_width - 2 * MARGIN
    issues = "Issues: " + ", ".join(i.issue.name for i in brief.issues)
    notes = [Line(BASIS_NOTE, 13, color=MUTED), Line(SUMMARY_NOTE, 13, color=MUTED)]
    if brief.filter_note:
        notes.insert(0, Line(f"Filter: {brief.filter_note}.", 13, bold=True))
    blocks = [
        ([Line("Parley briefing", 16, color=MUTED)], Inches(0.1)),
        ([Line(brief.title, 40, bold=True)], Inches(0.2)),
        ([Line(brief.dates_line(), 24, bold=True)], Inches(0.1)),
        ([Line("Parties: " + ", ".join(brief.party_names()), 18)], Inches(0.1)),
        ([Line(issues, 16, color=MUTED)], Inches(0.2)),
        (notes, 0),
    ]
    y = Inches(0.6)
    for lines, space_after in blocks:
        height = Emu(int(sum(line.height(w) for line in lines) * EMU_PER_PT)) + Inches(0.1)  # with the box's insets
        _box(slide, MARGIN, y, w, height, lines)
        y += height + space_after


SOURCES_PER_SLIDE = 10


def _sources_slides(prs: Presentation, brief: Brief) -> None:
    """Every cited source with its address, ten to a slide in two columns."""
    lines = [f"[{fn.number}] {citation(fn.source)} ({source_kind(fn.source)})" for fn in brief.sources()] or [
        "No source is cited for the chosen parties and issues."
    ]
    pages = [lines[i : i + SOURCES_PER_SLIDE] for i in range(0, len(lines), SOURCES_PER_SLIDE)]
    w = prs.slide_width - 2 * MARGIN
    for n, page in enumerate(pages, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _title(slide, "Sources" if len(pages) == 1 else f"Sources ({n} of {len(pages)})", w)
        half = (len(page) + 1) // 2
        columns = [page[:half], page[half:]] if len(page) > 5 else [page]
        col = (w - Inches(0.3) * (len(columns) - 1)) // len(columns)
        for k, part in enumerate(columns):
            _box(
                slide,
                MARGIN + k * (col + Inches(0.3)),
                Inches(1.1),
                col,
                Inches(5.2),
                [Line(text, MIN_PT, after=6) for text in part],
            )
        _box(
            slide,
            MARGIN,
            Inches(6.5),
            w,
            Inches(0.8),
            [Line(brief.dates_line() + ". " + BASIS_NOTE, MIN_PT, color=MUTED)],
        )


def build_deck(brief: Brief, render: Render | None = png, progress: Progress | None = None) -> bytes:
    """The deck as .pptx bytes. `render=None` leaves the charts out (a text-only deck)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    prs.core_properties.title = f"{brief.title}: briefing as of {brief.as_of:%d %B %Y}"
    prs.core_properties.author = "Parley"
    _title_slide(prs, brief)
    for n, item in enumerate(brief.issues, start=1):
        if progress:
            progress(n, len(brief.issues), item.issue.name)
        image = render(issue_figure(item.gap, brief.colors, titled=False)) if render else None
        _issue_slides(prs, brief, item, image)
    _sources_slides(prs, brief)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slide_count(deck: bytes) -> int:
    return len(Presentation(io.BytesIO(deck)).slides)
