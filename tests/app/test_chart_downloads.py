"""Every chart's PNG download is named after its view, the dataset and the as-of date."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
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
def test_png_download_names(monkeypatch, page, names):
    monkeypatch.setenv("PARLEY_DATA_DIR", str(ROOT / "tests" / "fixtures"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(as_of="2025-02-05", parties=["Blue", "Red", "Green"])
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert [c["toImageButtonOptions"]["filename"] for c in configs] == names
    assert all(c["toImageButtonOptions"]["format"] == "png" for c in configs)
