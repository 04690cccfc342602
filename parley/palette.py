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


def rgba(hex_color: str, alpha: float) -> str:
    """A colour of the palette made see-through, for CSS and plotly alike."""
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_color(hex_color: str, min_contrast: float = 4.5) -> str:
    """The party's colour, darkened just enough for text on white to meet WCAG AA contrast.

    Marks keep the party's own colour; its name, written in that colour, must stay readable on a
    projector, which the lighter Okabe-Ito hues (orange, pink, green) are not at full strength.
    """
    rgb = [int(hex_color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    color = hex_color
    while (1.05 / (_luminance(color) + 0.05)) < min_contrast:
        rgb = [int(c * 0.92) for c in rgb]
        color = "#{:02X}{:02X}{:02X}".format(*rgb)
    return color
