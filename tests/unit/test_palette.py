"""Party colours: distinct for every party, and legible when a party's name is written in it."""

import pytest

from parley.model import Party
from parley.palette import OKABE_ITO, _luminance, party_colors, text_color


def contrast_on_white(color: str) -> float:
    return 1.05 / (_luminance(color) + 0.05)


@pytest.mark.parametrize("color", OKABE_ITO)
def test_text_shade_reads_on_white_and_keeps_the_hue(color):
    shade = text_color(color)
    assert contrast_on_white(shade) >= 4.5
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    dark = [int(shade[i : i + 2], 16) for i in (1, 3, 5)]
    assert sorted(range(3), key=rgb.__getitem__) == sorted(range(3), key=dark.__getitem__)  # same channel order


def test_already_dark_colours_are_left_as_they_are():
    assert text_color("#0072B2") == "#0072B2"


def test_each_party_gets_its_own_colour_and_its_chosen_one_first():
    parties = [
        Party(
            id=f"p{n}", name=f"Party {n}", short=f"P{n}", role="negotiating_party", color="#E69F00" if n == 3 else None
        )
        for n in range(12)
    ]
    colors = party_colors(parties)
    assert colors["p3"] == "#E69F00"
    assert len(set(colors.values())) == 12
