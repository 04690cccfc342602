"""The PowerPoint deck: opens with python-pptx, a title slide, one slide per issue with its chart, sources."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from parley.export.pptx_deck import build_deck, slide_count
from parley.model import Evidence
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

SUMMARY_OF_BRIEFING = "Summary of Green mediator briefing (Green Gazette, 01 Feb 2025), not the source's words"


def texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def runs(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    yield from ((slide, run) for run in para.runs)


def titles(deck) -> list[str | None]:
    return [s.shapes.title.text if s.shapes.title is not None else None for s in deck.slides]


def issue_text(deck, name: str) -> str:
    """The text of an issue's slides, its continuation slides included."""
    return "\n".join(
        texts(s)
        for s in deck.slides
        if s.shapes.title is not None
        and re.fullmatch(rf"{re.escape(name)}( \(continued, \d+ of \d+\))?", s.shapes.title.text)
    )


def fake_png(fig) -> bytes:
    """A blank image of the size the real renderer makes, so layout is tested without a browser."""
    out = io.BytesIO()
    Image.new("RGB", (2600, 2 * int(fig.layout.height or 400)), "white").save(out, format="PNG")
    return out.getvalue()


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def deck(mini, kaleido_server) -> Presentation:
    brief = brief_for(mini, ["blue", "red", "green"])
    seen = []
    data = build_deck(brief, progress=lambda n, total, name: seen.append((n, total, name)))
    assert seen == [(1, 3, "Border line"), (2, 3, "Trade"), (3, 3, "Water rights")]
    assert slide_count(data) == 5
    return open_deck(data)


def test_deck_has_title_issue_and_sources_slides(deck):
    slides = list(deck.slides)
    assert len(slides) == 1 + 3 + 1
    assert "Mini negotiation (test fixture)" in texts(slides[0])
    assert "Positions as of 01 March 2025" in texts(slides[0])
    assert [s.shapes.title.text for s in slides[1:]] == ["Border line", "Trade", "Water rights", "Sources"]


def test_title_slide_says_what_is_assessed_rather_than_stated(deck):
    assert "assessed = analyst coding" in texts(deck.slides[0])


def test_each_issue_slide_has_its_chart_image(deck):
    for slide in list(deck.slides)[1:4]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1, slide.shapes.title.text
        assert pictures[0].image.content_type == "image/png"
        assert pictures[0].image.size[0] >= 1200


def test_issue_slides_carry_stances_side_by_side_and_footnotes(deck):
    border = texts(deck.slides[1])
    for stance in ("Restore the old line", "Recognise the new line after all", "Freeze the line where it is"):
        assert stance in border
    assert "“We want the old line restored” [1]" in border
    assert "[1] Blue foreign ministry note, Blue Foreign Ministry, 10 Jan 2025" in border
    assert "Assessed (analyst coding): Inferred from Green's briefing" in border
    assert "Positions as of 01 March 2025" in border
    water = texts(deck.slides[3])
    assert water.count("not stated") == 3
    boxes = [s for s in deck.slides[1].shapes if s.has_text_frame and "Restore the old line" in s.text_frame.text]
    assert len(boxes) == 1  # one box per party, next to each other
    tops = {
        s.top
        for s in deck.slides[1].shapes
        if s.has_text_frame and s.text_frame.text.split("\n")[0] in ("Blue Republic", "Red Federation", "Green Union")
    }
    assert len(tops) == 1


def test_sources_slide_lists_every_cited_source(deck):
    sources = texts(deck.slides[4])
    assert "[1] Blue foreign ministry note" in sources
    assert "[2] Green mediator briefing" in sources
    assert "[3] Red position paper" in sources
    assert "https://example.org/red-paper" in sources


def test_every_run_of_text_is_at_least_12_pt(deck):
    sizes = [(slide.slide_id, run.text, run.font.size) for slide, run in runs(deck)]
    assert sizes
    small = [(slide, text, size) for slide, text, size in sizes if size is None or size < Pt(12)]
    assert small == []


def test_hostile_text_is_kept_as_plain_text_without_charts(mini):
    data = build_deck(brief_for(hostile_mini(mini), ["blue", "red"]), render=None)
    deck = open_deck(data)
    assert len(deck.slides) == 5 == slide_count(data)
    assert ALERT in texts(deck.slides[1])  # stored as text runs; PowerPoint never interprets it


# --- summaries, weakly sourced positions, coding notes ------------------------------------------


@pytest.fixture(scope="module")
def sourced_deck(mini) -> Presentation:
    return open_deck(build_deck(brief_for(sourced_mini(mini), ["blue", "red", "green"]), render=fake_png))


def test_summaries_on_slides_are_labelled_and_never_quoted(mini, sourced_deck):
    border = issue_text(sourced_deck, "Border line")
    assert f"{SUMMARY_OF_BRIEFING}: {BLUE_SUMMARY} [2]" in border
    assert f"{SUMMARY_OF_BRIEFING}: {RED_SUMMARY} [2]" in border
    assert "“We want the old line restored” [1]" in border
    every = "\n".join(texts(s) for s in sourced_deck.slides)
    assert set(re.findall(r"“([^”]*)”", every)) <= quote_texts(sourced_mini(mini))
    assert "only quotes are in quotation marks" in texts(sourced_deck.slides[0])


def test_weakly_sourced_positions_are_marked_on_their_slide(sourced_deck):
    border, trade = issue_text(sourced_deck, "Border line"), issue_text(sourced_deck, "Trade")
    assert border.count("⚑ Weakly sourced") == 1 and "⚑ Weakly sourced: only summaries, no verbatim quote" in border
    assert trade.count("⚑ Weakly sourced") == 1 and "⚑ Weakly sourced: only low-reliability sources" in trade
    red = next(s for s in sourced_deck.slides[1].shapes if s.has_text_frame and s.text_frame.text.startswith("Red"))
    lines = red.text_frame.text.split("\n")
    assert lines[:2] == ["Red Federation", "Recognise the new line after all"]
    assert lines[2].startswith("⚑ Weakly sourced")  # right under the stance it qualifies


def test_coding_notes_never_reach_the_slides(sourced_deck):
    assert not any(CODING in texts(s) for s in sourced_deck.slides)
    assert all(
        CODING not in (s.notes_slide.notes_text_frame.text if s.has_notes_slide else "") for s in sourced_deck.slides
    )


# --- long stances continue on the next slide ----------------------------------------------------

LONG_QUOTES = [
    f"Paragraph {n}: the line must run where the old maps put it, and no talks, freeze or interim arrangement "
    "can change that; this has been our position from the first day and it will be our position at the last."
    for n in range(1, 9)
]


def long_stances(ds):
    """Mini with Blue's border position resting on eight long quotes (kept texts are not checked here)."""
    positions = [
        p.model_copy(update={"evidence": [Evidence(source="blue-note", quote=q) for q in LONG_QUOTES]})
        if (p.party, p.issue) == ("blue", "border")
        else p
        for p in ds.positions
    ]
    return ds.model_copy(update={"positions": positions})


@pytest.mark.parametrize("render", [fake_png, None], ids=["with chart", "text only"])
def test_an_issue_with_long_stances_continues_on_the_next_slide(mini, render):
    data = build_deck(brief_for(long_stances(mini), ["blue", "red", "green"]), render=render)
    deck = open_deck(data)
    assert slide_count(data) == len(deck.slides)
    names = titles(deck)
    border = [n for n in names if n and n.startswith("Border line")]
    total = len(border)
    assert total >= 2
    assert border == ["Border line", *(f"Border line (continued, {k} of {total})" for k in range(2, total + 1))]
    assert names == [None, *border, "Trade", "Water rights", "Sources"]
    slides = list(deck.slides)[1 : 1 + total]
    shown = "\n".join(texts(s) for s in slides)
    for quote in LONG_QUOTES:
        assert shown.count(f"“{quote}” [1]") == 1  # every quote once, none cut or dropped
    for slide in slides[:-1]:
        assert "Continued on the next slide." in texts(slide)
        assert "[1] Blue foreign ministry note" not in texts(slide)
    assert "Blue Republic (continued)" in texts(slides[1])
    assert "[1] Blue foreign ministry note" in texts(slides[-1])  # the footnotes close the issue
    pictures = [[s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] for slide in slides]
    assert [len(p) for p in pictures] == [1 if render else 0] + [0] * (total - 1)  # the chart only once
    for slide in slides:
        for shape in slide.shapes:
            assert shape.top >= 0 and shape.height > 0 and shape.top + shape.height <= deck.slide_height
    assert all(run.font.size is not None and run.font.size >= Pt(12) for _, run in runs(deck))


# --- datasets at the edges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no positions", "one party", "one issue", "calendar ends"])
def test_the_deck_builds_for_datasets_at_the_edges(mini, case):
    ds = edge_datasets(mini)[case]
    data = build_deck(brief_for(ds, [p.id for p in ds.parties]), render=fake_png)
    deck = open_deck(data)
    assert slide_count(data) == len(deck.slides) == 1 + len(ds.issues) + 1
    assert titles(deck)[1:] == [*(i.name for i in ds.issues), "Sources"]
    assert all(run.font.size is not None and run.font.size >= Pt(12) for _, run in runs(deck))
    if case == "no positions":
        assert "No source is cited for the chosen parties and issues." in texts(deck.slides[-1])
    if case == "calendar ends":
        assert "Positions as of 31 December 9999" in texts(deck.slides[0])
        assert deck.core_properties.title.endswith("briefing as of 31 December 9999")
