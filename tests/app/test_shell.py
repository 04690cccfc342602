"""The shell every page shares (dashboard.py + parley.ui.shell): which datasets the sidebar offers,
how a broken dataset is reported, how a link's query parameters reopen a view (ids, and the older
names), what a link that cannot be shown as asked says, and that a failing page shows a short
message instead of a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from parley import wording
from parley.record import in_force
from tests.support.figures import chart_texts

SECOND_TITLE = "Second mini negotiation"
BROKEN_PROBLEM = (
    "positions.yaml, line 37: position 4 (red on border, 2025-02-01), field 'value': "
    "160 is above the maximum of 100. Fix: use a number from 0 to 100 on the issue's scale"
)


@pytest.fixture
def data_root(tmp_path, mini_copy):
    """mini, a second good copy, a broken copy and a template folder that is not data."""
    mini_copy(tmp_path, "mini")
    mini_copy(tmp_path, "second", SECOND_TITLE)
    mini_copy(tmp_path, "broken", "Broken copy", {"positions.yaml": [("value: 60", "value: 160")]})
    mini_copy(tmp_path, "_template", "Template")
    return tmp_path


def view(at):
    return at.session_state["_parley_view"]


def params(at) -> dict[str, str]:
    return dict(at.query_params)


def warnings(at) -> list[str]:
    return [w.value for w in at.main.warning]


def escaped(text: str) -> str:
    """A notice as the page writes it (markdown-escaped)."""
    from parley.text import markdown_safe

    return markdown_safe(text)


def matrix_labels(at) -> list[str]:
    (chart,) = at.get("plotly_chart")
    return chart_texts(json.loads(chart.proto.spec))


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


# --- datasets ----------------------------------------------------------------------------------


def test_sidebar_offers_every_dataset_that_loads(open_app, data_root):
    at = open_app(data_dir=data_root)
    chooser = at.sidebar.selectbox(key="w_dataset")
    assert chooser.options == ["mini", "second"]  # not broken, not _template
    assert chooser.value == "mini"  # the first, as the bundled default is absent
    # The page list's sections, then the chosen dataset's title (escaped) under the chooser.
    captions = [c.value for c in at.sidebar.caption]
    assert captions == [
        "Views",
        "Briefing",
        "Analysts",
        "Mini negotiation \\(test fixture\\)",
        "Data as of 01 Mar 2025",
    ]


def test_default_dataset_from_the_environment(open_app, data_root):
    at = open_app(data_dir=data_root, env={"PARLEY_DEFAULT_DATASET": "second"})
    assert at.sidebar.selectbox(key="w_dataset").value == "second"
    assert SECOND_TITLE in [c.value for c in at.sidebar.caption]
    assert params(at) == {"dataset": "second"}


def test_broken_dataset_is_named_with_its_problems(open_app, data_root):
    at = open_app(data_dir=data_root)
    assert [w.value for w in at.sidebar.warning] == ["1 dataset(s) not shown because of errors in their files."]
    assert [e.label for e in at.sidebar.expander] == ["Problems in broken"]
    assert [c.value for c in at.sidebar.expander[0].code] == [BROKEN_PROBLEM]
    # The good datasets are still served.
    assert view(at).dataset_id == "mini"
    assert not at.main.error


def test_only_broken_datasets_say_so(open_app, tmp_path, mini_copy):
    broken = mini_copy(tmp_path, "broken")
    (broken / "parties.yaml").unlink()
    at = open_app(data_dir=tmp_path, check=False)
    assert not at.exception
    assert at.main.title[0].value == "Parley"
    assert [e.value for e in at.main.error] == [
        "No dataset could be loaded\\. Nothing else is shown in its place, so no other negotiation is mistaken for it."
    ]
    assert [t.value for t in at.sidebar.expander[0].code] == [
        "parties.yaml: the file is missing. Fix: create parties.yaml in the dataset folder "
        "(data/CODEBOOK.md describes it)"
    ]
    info = at.main.info[0].value
    assert info.startswith("Add a dataset folder to the data directory") and escaped(str(tmp_path)) in info
    assert not at.get("plotly_chart") and not at.sidebar.selectbox


def test_empty_data_directory_explains_what_to_do(open_app, tmp_path):
    at = open_app(data_dir=tmp_path, check=False)
    assert not at.exception
    assert at.main.title[0].value == "Parley"
    assert "data/CODEBOOK.md" in at.main.info[0].value


# --- links -------------------------------------------------------------------------------------


def test_an_old_style_link_with_names_opens_that_view_and_the_url_is_rewritten_to_ids(open_app, data_root):
    # Older links carried the parties' short names, one parameter each.
    at = open_app("sources", data_root, dataset="second", parties=["Red", "Green"], as_of="2025-02-01")
    assert at.sidebar.selectbox(key="w_dataset").value == "second"
    assert at.sidebar.multiselect(key="w_parties").value == ["red", "green"]
    assert at.sidebar.date_input(key="w_as_of").value == dt.date(2025, 2, 1)
    assert (view(at).dataset_id, view(at).parties, view(at).as_of) == ("second", ("red", "green"), dt.date(2025, 2, 1))
    assert at.main.title[0].value == "Sources"
    assert warnings(at) == []
    assert params(at) == {"dataset": "second", "parties": "red,green", "as_of": "2025-02-01"}
    # The view feeds the pages: as of 1 February Red's border position is the freeze.
    assert in_force(view(at).dataset, view(at).as_of)[("red", "border")].value == 60


def test_an_id_link_opens_that_view_as_written(open_app, data_root):
    at = open_app("overview", data_root, dataset="second", parties="red,green", as_of="2025-02-01")
    assert at.sidebar.multiselect(key="w_parties").value == ["red", "green"]
    assert warnings(at) == []
    assert params(at) == {"dataset": "second", "parties": "red,green", "as_of": "2025-02-01"}
    assert "Freeze the line, then talk" in matrix_labels(at)


def test_without_query_parameters_the_dataset_defaults_apply(open_app, data_root):
    at = open_app(data_dir=data_root)
    assert (view(at).parties, view(at).as_of) == (("blue", "red"), dt.date(2025, 3, 1))
    assert params(at) == {"dataset": "mini"}


def test_renamed_names_keep_an_id_link_working(open_app, tmp_path, mini_copy):
    # Ids are what links carry: renaming a party, an issue or a source breaks no link.
    mini_copy(
        tmp_path,
        "mini",
        edits={
            "parties.yaml": [("name: Red Federation\n  short: Red", "name: Crimson Federation\n  short: Crimson")],
            "issues.yaml": [("name: Border line", "name: Frontier")],
            "sources.yaml": [("title: Blue foreign ministry note", "title: Blue ministry memo")],
        },
    )
    at = open_app("overview", tmp_path, parties="blue,red")
    assert warnings(at) == []
    assert at.sidebar.multiselect(key="w_parties").value == ["blue", "red"]
    assert "Frontier\\: 80 points \\(Blue ↔ Crimson\\)" in markdown(at)

    at = open_app("gaps", tmp_path, parties="blue,red", issues="border")
    assert warnings(at) == []
    assert at.multiselect(key="w_issues").value == ["border"]
    (scale, _) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = chart_texts(scale)
    assert "<b>Frontier</b>" in titles and "<b>Trade</b>" not in titles

    at = open_app("timeline", tmp_path, focus="border")
    assert warnings(at) == [] and at.selectbox(key="w_focus").value == "border"

    at = open_app("sources", tmp_path, source="blue-note")
    assert warnings(at) == []
    assert at.selectbox(key="w_source").value == "blue-note"
    assert "“We want the old line restored”" in [t.value for t in at.text]

    at = open_app("briefing", tmp_path, mode="brief", issue="border")
    assert warnings(at) == [] and at.title[-1].value == "Frontier"


UNKNOWN = {
    "party": (
        {"parties": "blue,purple"},
        "The link names parties not in this dataset (purple): left out; showing Blue.",
    ),
    "every party": (
        {"parties": "Purple"},
        "The link names parties not in this dataset (Purple): left out; "
        "showing the dataset's default parties (Blue, Red).",
    ),
    "date after the data": (
        {"as_of": "2030-01-01"},
        "The link asks for the date 01 Jan 2030, outside the data (09 Jan 2025 – 01 Mar 2025): showing 01 Mar 2025.",
    ),
    "date before the data": (
        {"as_of": "2020-01-01"},
        "The link asks for the date 01 Jan 2020, outside the data (09 Jan 2025 – 01 Mar 2025): showing 09 Jan 2025.",
    ),
    "dataset": (
        {"dataset": "elsewhere"},
        "There is no dataset “elsewhere”: showing “Mini negotiation (test fixture)” (mini) instead.",
    ),
}


@pytest.mark.parametrize("mode", ["page", "brief"])
@pytest.mark.parametrize("case", UNKNOWN)
def test_a_link_asking_for_what_is_not_there_says_so_and_what_is_shown(open_app, case, mode):
    link, notice = UNKNOWN[case]
    extra = {"mode": "brief", "issue": "border"} if mode == "brief" else {}
    at = open_app("briefing" if mode == "brief" else "overview", **link, **extra)
    assert warnings(at) == [escaped(notice)]
    v = view(at)
    if case == "party":
        assert v.parties == ("blue",) and params(at)["parties"] == "blue"
    elif case == "every party":
        assert v.parties == ("blue", "red") and "parties" not in params(at)
    elif case.startswith("date"):
        shown = dt.date(2025, 3, 1) if "after" in case else dt.date(2025, 1, 9)
        assert v.as_of == shown and at.sidebar.date_input(key="w_as_of").value == shown
    else:
        assert v.dataset_id == "mini" and params(at)["dataset"] == "mini"
    if mode == "brief":
        assert at.title[-1].value == "Border line" and params(at)["mode"] == "brief"
        assert not [t for t in at.title if t.value == "Briefing"]
    else:
        assert at.title[0].value == "Overview" and at.get("plotly_chart")


@pytest.mark.parametrize(
    ("page", "link", "notice", "shown"),
    [
        ("gaps", {"issues": "trade,tariffs"}, "The link names issues not in this dataset (tariffs): left out; "
         "showing Trade.", ["<b>Trade</b>"]),
        ("gaps", {"issues": "Tariffs"}, "The link names issues not in this dataset (Tariffs): left out; "
         "showing all issues.", ["<b>Border line</b>", "<b>Trade</b>", "<b>Water rights</b>"]),
        ("briefing", {"mode": "brief", "issue": "tariffs"}, "The link names an issue not in this dataset "
         "(tariffs): left out; showing Border line.", "Border line"),
        ("briefing", {"mode": "brief", "issues": "water,tariffs"}, "The link names issues not in this dataset "
         "(tariffs): left out; showing Water rights.", "Water rights"),
        ("timeline", {"focus": "tariffs"}, "The link names an issue not in this dataset (tariffs): left out; "
         "showing the issue with the most records.", "border"),
    ],
)  # fmt: skip
def test_a_link_naming_an_unknown_issue_says_so_and_what_is_shown(open_app, page, link, notice, shown):
    at = open_app(page, **link)
    assert warnings(at) == [escaped(notice)]
    if page == "gaps":
        scale = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert [text for text in chart_texts(scale) if text.startswith("<b>")] == shown
    elif page == "briefing":
        assert at.title[-1].value == shown
    else:
        assert at.selectbox(key="w_focus").value == shown


@pytest.mark.parametrize("mode", [{}, {"mode": "brief"}])
def test_a_link_to_a_broken_dataset_shows_its_problems_and_nothing_else(open_app, data_root, mode):
    at = open_app("briefing" if mode else "overview", data_root, check=False, dataset="broken", **mode)
    assert not at.exception
    assert [e.value for e in at.main.error] == [
        "The dataset “broken” named in the link could not be loaded\\. "
        "Nothing else is shown in its place, so no other negotiation is mistaken for it."
    ]
    assert [c.value for c in at.main.code] == [BROKEN_PROBLEM]
    # Nothing from another dataset: no chart, no issue, no party, no title but the app's.
    assert [t.value for t in at.main.title] == ["Parley"]
    assert not at.get("plotly_chart")
    shown = " ".join(str(getattr(el, "value", "")) for el in at.main)
    for other in ("Mini negotiation", SECOND_TITLE, "Border line", "Blue", "Red"):
        assert other not in shown.replace(BROKEN_PROBLEM, "")
    assert "_parley_view" not in at.session_state


def test_a_notice_quotes_the_link_as_text(open_app):
    at = open_app("overview", parties="blue,**urgent**,[x](javascript:alert(1))")
    (notice,) = [w.proto.body for w in at.main.warning]
    assert "**urgent**" not in notice and "](javascript" not in notice
    assert "\\*\\*urgent\\*\\*" in notice


# --- the evidence filter -----------------------------------------------------------------------


def test_the_evidence_filter_in_the_url_leaves_positions_out_on_overview(open_app):
    # Green's border position is analyst coding without a source; Red's trade one rests on a
    # medium-reliability paper: with only high-reliability sources both are left out, not "not stated".
    at = open_app("overview", parties="blue,red,green", reliability="high")
    assert at.sidebar.pills(key="w_reliability").value == ["high"]
    labels = matrix_labels(at)
    assert labels.count(f"<i>{wording.LEFT_OUT}</i>") == 2
    assert labels.count("<i>not stated</i>") == 4  # water rights for all three, trade for Green
    assert "Lift all restrictions" not in labels and "Restore the old line" in labels
    assert params(at) == {"dataset": "mini", "parties": "blue,red,green", "reliability": "high"}


def test_the_evidence_filter_in_the_url_leaves_positions_out_on_compare(open_app):
    at = open_app("compare", parties="blue,red", basis="stated")
    assert at.sidebar.pills(key="w_basis").value == ["stated"]
    text = markdown(at)
    assert "*left out by the filter*" in text  # Red's border position is reported, not stated
    assert "A position is in force, but the evidence filter leaves it out: basis reported." in [
        c.value for c in at.caption
    ]
    assert "Recognise the new line after all" not in text and "Lift all restrictions" in text


def test_the_evidence_filter_in_the_url_reaches_the_briefing_packs_csv(open_app, downloads):
    at = open_app("briefing", reliability="high", parties="blue,red,green")
    at.button(key="prep-table").click().run()
    assert not at.exception
    (name,) = [n for n in downloads if n.endswith(".csv")]
    rows = list(csv.DictReader(io.StringIO(downloads[name].decode("utf-8-sig"))))
    left_out = {(r["issue"], r["party"]): r for r in rows if r["shown"] == "left out"}
    assert set(left_out) == {("trade", "red"), ("border", "green")}
    assert left_out[("trade", "red")]["stance"] == "left out by the filter: medium-reliability sources only"
    assert left_out[("border", "green")]["stance"] == "left out by the filter: no source"
    assert left_out[("trade", "red")]["value"] == "" and left_out[("trade", "red")]["quotes"] == ""
    assert {r["filter"] for r in rows} == {"only positions backed by a high-reliability source"}


# --- failures ----------------------------------------------------------------------------------


def test_a_failing_page_shows_a_short_error_not_a_traceback(open_app, data_root, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(wording, "long_day", broken)
    at = open_app("sources", data_root, check=False)
    assert not at.exception  # no traceback element reaches the reader
    assert [e.value for e in at.main.error] == [
        "The Sources page could not be drawn. The other pages still work; "
        "if this persists, check the dataset files for the problem named in the server log."
    ]
    everything = " ".join(str(getattr(el, "value", "")) for el in at.main)
    assert "secret internal detail" not in everything
    assert at.sidebar.selectbox(key="w_dataset").value == "mini"  # the shell still works
