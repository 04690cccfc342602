"""Label widths estimated for chart margins: the text a reader sees, its widest line, bold wider."""

from __future__ import annotations

import math

from parley.charts.labels import LABEL_PAD, margin_for, text_px
from parley.text import plotly_safe


def test_only_the_widest_line_counts():
    assert text_px("Ceasefire<br>terms", 16) == text_px("Ceasefire", 16) > text_px("terms", 16)


def test_markup_is_not_measured_but_escaped_markup_is_shown_and_measured():
    assert text_px("<span style='color:#123456'>Talks</span>", 16) == text_px("Talks", 16)
    assert text_px(plotly_safe("<i>Talks</i>"), 16) > text_px("Talks", 16) * 2


def test_bold_and_larger_type_are_wider():
    assert text_px("<b>Statements</b>", 16) > text_px("Statements", 16)
    assert text_px("Statements", 18) > text_px("Statements", 16)


def test_a_margin_holds_the_widest_label_its_standoff_and_the_padding():
    widest = text_px("Security guarantees", 16)
    assert margin_for(["Ceasefire", "Security guarantees"], 16, 8) == math.ceil(widest + 8 + LABEL_PAD)
    assert margin_for([], 16) == LABEL_PAD
