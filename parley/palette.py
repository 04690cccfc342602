"""One colour per party, everywhere.

A party's own colour (parties.yaml) wins; the rest take the Okabe-Ito palette, which stays
distinguishable for colour-blind readers, in file order, skipping colours already taken.
"""

from __future__ import annotations

from collections.abc import Iterable

from parley.model import Party

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
# Beyond eight parties hue alone cannot stay distinct; these darker tones keep labels legible.
EXTENDED = ["#332288", "#882255", "#117733", "#44AA99", "#999933", "#AA4499", "#661100", "#6699CC", "#888888"]
NOT_STATED_COLOR = "#9AA0A6"
INK = "#1F2933"
MUTED = "#52606D"
GRID = "#E4E7EB"


def party_colors(parties: Iterable[Party]) -> dict[str, str]:
    parties = list(parties)
    taken = {p.color.upper() for p in parties if p.color}
    free = [c for c in OKABE_ITO + EXTENDED if c.upper() not in taken]
    colors: dict[str, str] = {}
    for n, party in enumerate(parties):
        if party.color:
            colors[party.id] = party.color
        else:
            colors[party.id] = free.pop(0) if free else EXTENDED[n % len(EXTENDED)]
    return colors
