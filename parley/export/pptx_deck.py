"""The briefing pack as a PowerPoint deck: title slide, one slide per issue, a sources slide.

Each issue slide carries the gap chart as a PNG (kaleido through plotly), the chosen parties'
stances side by side as text, and numbered source footnotes. Rendering images is the slow
part, so `render` can be swapped (tests, previews) and `progress` reports each issue.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from parley.export.pack import BASIS_NOTE, IssueBrief, Pack, Stance

WIDE = (Inches(13.333), Inches(7.5))
INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
MARGIN = Inches(0.45)
CHART_WIDTH_PX = 1300  # narrower than the slide so chart labels print larger; scale 2 keeps it sharp

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


def _text(slide, left, top, width, height, paragraphs, size=14, color=INK, bold=False, wrap=True):
    """A text box; paragraphs are str or (str, dict of run options) items. Text is set as plain text."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = wrap
    for n, item in enumerate(paragraphs):
        text, opts = (item, {}) if isinstance(item, str) else item
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(opts.get("size", size))
        run.font.bold = opts.get("bold", bold)
        run.font.italic = opts.get("italic", False)
        run.font.color.rgb = opts.get("color", color)
        para.space_after = Pt(opts.get("after", 2))
    return box


def _title_slide(prs: Presentation, pack: Pack) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    w = prs.slide_width - 2 * MARGIN
    _text(slide, MARGIN, Inches(0.6), w, Inches(0.4), ["Parley briefing"], size=16, color=MUTED)
    _text(slide, MARGIN, Inches(1.1), w, Inches(1.6), [pack.title], size=40, bold=True)
    _text(slide, MARGIN, Inches(2.9), w, Inches(0.6), [pack.dates_line()], size=24, bold=True)
    _text(slide, MARGIN, Inches(3.6), w, Inches(0.5), ["Parties: " + ", ".join(pack.party_names())], size=18)
    issues = "Issues: " + ", ".join(i.name for i in pack.issues)
    _text(slide, MARGIN, Inches(4.2), w, Inches(1.0), [issues], size=16, color=MUTED)
    _text(slide, MARGIN, Inches(5.6), w, Inches(1.2), [BASIS_NOTE], size=13, color=MUTED)


def _stance_lines(s: Stance, size: int) -> list:
    head = (s.short if len(s.name) > 28 else s.name, {"bold": True, "color": _rgb(s.color), "size": size + 2})
    if not s.stated:
        return [head, ("not stated", {"italic": True, "color": MUTED, "size": size})]
    lines = [head, (s.stance, {"bold": True, "size": size})]
    for q in s.quotes[:2]:
        quote = q.text if len(q.text) <= 220 else q.text[:217].rstrip() + "…"
        lines.append((f"“{quote}” [{q.footnote}]", {"italic": True, "size": size - 2}))
    if s.assessed:
        note = s.note if len(s.note) <= 200 else s.note[:197].rstrip() + "…"
        lines.append((f"Assessed (analyst coding): {note}", {"size": size - 2, "color": MUTED}))
    date = f"{s.date:%d %b %Y}" if s.date else ""
    lines.append((f"{date} · {s.basis_label} · {s.confidence} confidence", {"size": size - 3, "color": MUTED}))
    return lines


def _fitting_size(stances: tuple[Stance, ...], width: int, height: int) -> int:
    """The largest type (16pt down to 9pt) at which every party's column fits its box, by a rough measure."""
    for size in (16, 14, 13, 12, 11, 10, 9):
        fits = True
        for s in stances:
            needed = 0.0
            for text, opts in _stance_lines(s, size):
                pt = opts.get("size", size)
                per_line = max(1, int(width / 12700 / (pt * 0.55)))  # EMU -> pt; a generous average glyph width
                needed += math.ceil(max(len(text), 1) / per_line) * pt * 1.2 + opts.get("after", 2)
            fits = fits and needed <= height / 12700
        if fits:
            return size
    return 9


def _issue_slide(prs: Presentation, pack: Pack, issue: IssueBrief, image: bytes | None) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": the title is a real placeholder
    w = prs.slide_width - 2 * MARGIN
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.2), w, Inches(0.7)
    title.text_frame.text = issue.name
    for para in title.text_frame.paragraphs:
        para.alignment = 1  # left
        for run in para.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(30), True, INK
    _text(
        slide,
        MARGIN,
        Inches(0.85),
        w,
        Inches(0.4),
        [f"{issue.question}   (0 = {issue.low} · 100 = {issue.high})"],
        size=13,
        color=MUTED,
    )
    top = Inches(1.38)
    if image is not None:
        from PIL import Image

        px_w, px_h = Image.open(io.BytesIO(image)).size
        height = min(Inches(2.9), Emu(int(w * px_h / px_w)))
        width = Emu(int(height * px_w / px_h))
        slide.shapes.add_picture(io.BytesIO(image), MARGIN + (w - width) // 2, top, width, height)
        top += height + Inches(0.1)
    n = max(len(issue.stances), 1)
    gap = Inches(0.2)
    col = (w - gap * (n - 1)) // n
    # Footnotes name the source without its address (the sources slides give it) and grow upwards.
    notes = [f"[{fn.number}] {fn.citation(url=False)}" for fn in issue.footnotes] or [
        "No quoted source for this issue."
    ]
    notes.append(f"{pack.dates_line()}. Scale values and ranges are analyst coding; full sources at the end.")
    per_line = int(w / 12700 / (9 * 0.5))
    foot_lines = sum(math.ceil(len(line) / per_line) for line in notes)
    foot_height = Emu(int(Pt(9) * 1.2 * foot_lines)) + Inches(0.1)
    foot_top = prs.slide_height - Inches(0.2) - foot_height
    room = foot_top - top - Inches(0.05)
    size = _fitting_size(issue.stances, col, room)
    for k, s in enumerate(issue.stances):
        _text(slide, MARGIN + k * (col + gap), top, col, room, _stance_lines(s, size))
    _text(slide, MARGIN, foot_top, w, foot_height, [(line, {"after": 0}) for line in notes], size=9, color=MUTED)


SOURCES_PER_SLIDE = 12


def _sources_slides(prs: Presentation, pack: Pack) -> None:
    """Every cited source with its address, twelve to a slide in two columns."""
    lines = [
        f"[{fn.number}] {fn.citation()} ({fn.kind.replace('_', ' ')}, {fn.reliability} reliability)"
        for fn in pack.sources
    ] or ["No source is quoted for the chosen parties and issues."]
    pages = [lines[i : i + SOURCES_PER_SLIDE] for i in range(0, len(lines), SOURCES_PER_SLIDE)]
    w = prs.slide_width - 2 * MARGIN
    for n, page in enumerate(pages, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = MARGIN, Inches(0.2), w, Inches(0.7)
        title.text_frame.text = "Sources" if len(pages) == 1 else f"Sources ({n} of {len(pages)})"
        for para in title.text_frame.paragraphs:
            para.alignment = 1
            for run in para.runs:
                run.font.size, run.font.bold, run.font.color.rgb = Pt(30), True, INK
        half = (len(page) + 1) // 2
        columns = [page[:half], page[half:]] if len(page) > 6 else [page]
        col = (w - Inches(0.3) * (len(columns) - 1)) // len(columns)
        size = 14 if len(page) <= 6 else 11
        for k, part in enumerate(columns):
            _text(
                slide,
                MARGIN + k * (col + Inches(0.3)),
                Inches(1.1),
                col,
                Inches(5.2),
                [(line, {"after": 6}) for line in part],
                size=size,
            )
        _text(slide, MARGIN, Inches(6.5), w, Inches(0.8), [pack.dates_line() + ". " + BASIS_NOTE], size=10, color=MUTED)


def build_deck(pack: Pack, render: Render | None = png, progress: Progress | None = None) -> bytes:
    """The deck as .pptx bytes. `render=None` leaves the charts out (a text-only deck)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    prs.core_properties.title = f"{pack.title}: briefing as of {pack.as_of:%d %B %Y}"
    prs.core_properties.author = "Parley"
    _title_slide(prs, pack)
    total = len(pack.issues)
    for n, issue in enumerate(pack.issues, start=1):
        if progress:
            progress(n, total, issue.name)
        image = render(pack.figure(issue.issue)) if render else None
        _issue_slide(prs, pack, issue, image)
    _sources_slides(prs, pack)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
