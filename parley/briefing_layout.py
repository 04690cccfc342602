"""How briefing mode cuts the pack into screens that each fit a 1280 x 720 screenshare.

A screen shows the issue's headline, its gap chart and, for each party it covers, the stance with
its first quote, all above the fold. When that does not fit (many parties, long quotes), the
issue is split over two or more screens, each with the whole chart and some of the parties,
rather than shrinking the type. The estimate is in pixels, from the type sizes briefing mode
uses; the browser tests measure the real screens against the fold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from parley.briefs import Brief, IssueBrief
from parley.record import Standing

VIEW_W, VIEW_H = 1280, 720
# Measured in Chromium at 1280 x 720 in briefing mode (tests/browser/test_briefing.py checks the fold):
PAGE_PAD_X = 40  # the page's padding either side
COLUMN_GAP = 24
CARD_PAD_X = 34  # a card's border and padding, both sides together
CARD_BASE_PX = 98  # a card's party line, padding and the gaps between its parts
LINE_PX = 31  # one line of body type (1.3rem)
CHAR_PX = 9.3  # an average character of it, a little wide to be safe
HEAD_PX = 205  # the toolbar and the issue's name and question, down to the chart
CHART_GAP_PX = 17
FOOT_PX = 45  # the short source line under the cards


@dataclass(frozen=True)
class Screen:
    issue: str
    parties: tuple[str, ...]  # whose stances it shows
    part: int  # 1-based, within its issue
    parts: int

    @property
    def label(self) -> str:
        return "" if self.parts == 1 else f"part {self.part} of {self.parts}"


def _lines(text: str, chars: int) -> int:
    return max(1, math.ceil(len(text) / max(chars, 1))) if text else 0


def card_height(s: Standing, width_px: float) -> float:
    """The height of a party's card on a screen: its party line, the stance and its first evidence."""
    chars = int((width_px - CARD_PAD_X) / CHAR_PX)
    if not s.shown:
        return CARD_BASE_PX + 2 * LINE_PX
    lines = _lines(s.position.stance, chars - (16 if s.weakness else 0))
    first = next((c for c in s.cited if c.is_quote), s.cited[0] if s.cited else None)
    if first is not None:
        lines += _lines(first.text + ("" if first.is_quote else " Summary, not the source's words [00]:"), chars)
    elif s.position.basis == "assessed":
        lines += _lines(s.position.note, chars)
    return CARD_BASE_PX + lines * LINE_PX


def _fits(standings: Sequence[Standing], chart_px: float) -> bool:
    n = max(len(standings), 1)
    width = (VIEW_W - 2 * PAGE_PAD_X - COLUMN_GAP * (n - 1)) / n
    room = VIEW_H - HEAD_PX - chart_px - CHART_GAP_PX - FOOT_PX
    return max((card_height(s, width) for s in standings), default=0) <= room


def issue_screens(item: IssueBrief, chart_px: float) -> list[Screen]:
    """The fewest screens, parties kept in order, each of whose cards fit under the chart."""
    standings = list(item.standings)
    for parts in range(1, max(len(standings), 1) + 1):
        size = math.ceil(len(standings) / parts)
        chunks = [standings[i : i + size] for i in range(0, len(standings), size)] or [[]]
        if all(_fits(chunk, chart_px) for chunk in chunks) or parts == len(standings):
            return [
                Screen(item.issue.id, tuple(s.party.id for s in chunk), n, len(chunks))
                for n, chunk in enumerate(chunks, start=1)
            ]
    return [Screen(item.issue.id, (), 1, 1)]


def screens(brief: Brief, chart_heights: dict[str, float]) -> list[Screen]:
    """Every screen of the briefing in order; `chart_heights` is each issue chart's height in pixels."""
    return [s for item in brief.issues for s in issue_screens(item, chart_heights[item.issue.id])]
