"""The PowerPoint deck: opens with python-pptx, a title slide, one slide per issue with its chart, sources."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from parley.export.pack import build_pack
from parley.export.pptx_deck import build_deck
from tests.support.packs import ALERT, hostile_mini, mini


@pytest.fixture(scope="session")
def kaleido_server() -> Iterator[None]:
    """One headless Chromium for every image in the session; exports then take a second each."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    yield
    kaleido.stop_sync_server(silence_warnings=True)


def texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.fixture(scope="module")
def deck(kaleido_server) -> Presentation:
    pack = build_pack(mini(), ["blue", "red", "green"])
    seen = []
    data = build_deck(pack, progress=lambda n, total, name: seen.append((n, total, name)))
    assert seen == [(1, 3, "Border line"), (2, 3, "Trade"), (3, 3, "Water rights")]
    return Presentation(io.BytesIO(data))


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


def test_hostile_text_is_kept_as_plain_text_without_charts():
    data = build_deck(build_pack(hostile_mini(), ["blue", "red"]), render=None)
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 5
    assert ALERT in texts(deck.slides[1])  # stored as text runs; PowerPoint never interprets it
