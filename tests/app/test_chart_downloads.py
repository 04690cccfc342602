"""Every chart's PNG download is named after its view, the dataset and the as-of date."""

import json

import pytest

EXPECTED = {
    "overview": ["parley-overview-mini-2025-02-05"],
    "gaps": [
        "parley-gaps-mini-2025-02-05",
        "parley-gaps-ranked-mini-2025-02-05",
        "parley-gaps-distances-mini-2025-02-05",
    ],
    "timeline": [
        "parley-timeline-events-mini-2025-02-05",
        "parley-timeline-positions-mini-2025-02-05",
        "parley-timeline-gaps-mini-2025-02-05",
    ],
    "briefing": ["parley-briefing-border-mini-2025-02-05"],  # the screen's issue is in the name too
}


@pytest.mark.parametrize(("page", "names"), EXPECTED.items())
def test_png_download_names(open_app, page, names):
    at = open_app(page, as_of="2025-02-05", parties="blue,red,green")
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert [c["toImageButtonOptions"]["filename"] for c in configs] == names
    assert all(c["toImageButtonOptions"]["format"] == "png" for c in configs)
