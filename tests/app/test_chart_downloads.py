"""Every chart's PNG download is named after its view, the dataset and the as-of date."""

import json

import pytest

# A page's link (its path and query) and the file names of the charts it draws.
EXPECTED = {
    "overview": ["parley-overview-mini-2025-02-05"],
    "gaps": [
        "parley-gaps-mini-2025-02-05",
        "parley-gaps-ranked-mini-2025-02-05",
        "parley-gaps-distances-mini-2025-02-05",
    ],
    "timeline": ["parley-timeline-events-mini-2025-02-05"],
    "timeline?chart=positions": ["parley-timeline-positions-mini-2025-02-05"],
    "timeline?chart=gaps": ["parley-timeline-gaps-mini-2025-02-05"],
    "briefing": ["parley-briefing-border-mini-2025-02-05"],  # the screen's issue is in the name too
}


@pytest.mark.parametrize(("link", "names"), EXPECTED.items())
def test_png_download_names(open_app, link, names):
    page, _, chart = link.partition("?chart=")
    at = open_app(page, as_of="2025-02-05", parties="blue,red,green", **({"chart": chart} if chart else {}))
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert [c["toImageButtonOptions"]["filename"] for c in configs] == names
    assert all(c["toImageButtonOptions"]["format"] == "png" for c in configs)
