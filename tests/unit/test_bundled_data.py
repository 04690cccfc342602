"""The bundled dataset (data/russia-ukraine-2025) and the template (data/_template).

Trust is the product: these tests check that the bundled data loads with no problem, that every
quote is really in the text it claims to come from, that each claim of the seed article is coded,
and that the coding rules of data/CODEBOOK.md hold (not stated stays absent, Russia–Ukraine
sanctions are kept apart from Western sanctions, "dead end" is never put in Vance's mouth).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from parley.load import dataset_ids, load_dataset

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
FOLDER = DATA / "russia-ukraine-2025"
TEMPLATE = DATA / "_template"
SEED = "seed-article"
SEED_DATE = dt.date(2025, 5, 28)


# --- helpers ------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Whitespace and quote marks only: a stricter check than the loader's own normaliser."""
    text = text.replace('\\"', '"')
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def result():
    return load_dataset(FOLDER)


@pytest.fixture(scope="module")
def ds(result):
    assert result.dataset is not None, "\n".join(str(p) for p in result.problems)
    return result.dataset


def positions(ds, party, issue, *, on_or_before=None):
    found = [p for p in ds.positions if p.party == party and p.issue == issue]
    if on_or_before is not None:
        found = [p for p in found if p.date <= on_or_before]
    return found


def cites(position, source, fragment):
    return any(e.source == source and fragment.lower() in normalise(e.quote).lower() for e in position.evidence)


def find(ds, party, issue, source, fragment, *, on_or_before=None, basis=None):
    """The positions of party on issue that cite fragment from source; fails with a clear message."""
    hits = [
        p
        for p in positions(ds, party, issue, on_or_before=on_or_before)
        if cites(p, source, fragment) and (basis is None or p.basis == basis)
    ]
    assert hits, (
        f"no {party} position on {issue}"
        + (f" dated on or before {on_or_before}" if on_or_before else "")
        + (f" with basis {basis}" if basis else "")
        + f" cites {source!r} with a quote containing {fragment!r}"
    )
    return hits


def seed_event(ds, fragment, *, parties=()):
    hits = [e for e in ds.events if e.source == SEED and fragment.lower() in normalise(e.quote).lower()]
    assert hits, f"no event cites the seed article with a quote containing {fragment!r}"
    for party in parties:
        assert any(party in e.parties for e in hits), f"the event quoting {fragment!r} should list {party}"
    return hits


# --- the dataset loads, and every quote is where it says ------------------------------------------


def test_bundled_dataset_loads_without_problems(result):
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.dataset is not None


def test_bundled_dataset_is_listed_and_the_template_is_not():
    ids = dataset_ids(DATA)
    assert "russia-ukraine-2025" in ids
    assert not any(i.startswith("_") for i in ids)


def test_every_quote_is_found_in_its_source_text(ds):
    texts = {}
    for source in ds.sources:
        if source.text_file:
            path = FOLDER / source.text_file
            assert path.is_file(), f"source {source.id}: {source.text_file} is missing"
            texts[source.id] = normalise(path.read_text(encoding="utf-8"))
    quoted = [(f"{p.party}/{p.issue}/{p.date}", e.source, e.quote) for p in ds.positions for e in p.evidence]
    quoted += [(f"event {e.date} {e.title}", e.source, e.quote) for e in ds.events if e.quote]
    missing = [
        f"{where}: {quote!r} not in {source}"
        for where, source, quote in quoted
        if source in texts and normalise(quote) not in texts[source]
    ]
    assert not missing, "\n".join(missing)
    # Every source of this dataset keeps its text, so every quote above was checked.
    assert {s for _, s, _ in quoted} <= set(texts)


def test_kept_texts_are_the_seed_without_its_appeal_and_the_record(ds):
    seed = (FOLDER / "sources" / "seed-article-2025-05-28.txt").read_text(encoding="utf-8")
    assert "You could close this page" not in seed
    assert "Become a Patron" not in seed
    assert seed.rstrip().endswith("without its direct involvement.")
    assert "Ukrainian Defense Minister Rustem Umerov announced" in seed
    record = (FOLDER / "sources" / "public-record-2025-2026.md").read_text(encoding="utf-8")
    assert "## Corrections: rows checked against stronger sources" in record
    assert "| Y26-10 |" in record


# --- the shape of the dataset ----------------------------------------------------------------------


def test_parties_issues_and_dates(ds):
    parties = {p.id: p for p in ds.parties}
    assert set(parties) == {"ukraine", "russia", "united-states", "europe", "turkiye"}
    assert parties["ukraine"].role == parties["russia"].role == "negotiating_party"
    assert parties["united-states"].role == parties["turkiye"].role == "mediator"
    assert parties["europe"].role == "third_party"
    assert all(p.color and p.description for p in ds.parties)
    assert ds.info.default_parties == ["ukraine", "russia"]

    issues = {i.id: i for i in ds.issues}
    assert set(issues) == {
        "ceasefire",
        "nato",
        "security-guarantees",
        "military-limits",
        "territory",
        "sanctions",
        "frozen-assets",
        "russia-ukraine-ties",
        "prisoners",
        "language-church",
        "elections",
        "leaders-meeting",
    }
    for issue in ds.issues:
        assert 3 <= len(issue.anchors) <= 5, issue.id
        assert len(issue.scale.low) <= 40 and len(issue.scale.high) <= 40, issue.id
        assert issue.question.endswith(("?", ".")), issue.id
        assert any(p.issue == issue.id for p in ds.positions), f"{issue.id} has no position"

    latest = max([p.date for p in ds.positions] + [e.date for e in ds.events] + [s.date for s in ds.sources])
    assert ds.info.as_of == latest == dt.date(2026, 2, 26)
    assert 70 <= len(ds.positions) <= 100
    assert 20 <= len(ds.events) <= 32


def test_every_source_has_a_reliability_and_a_traceable_origin(ds):
    for source in ds.sources:
        assert source.reliability in {"high", "medium", "low"}
        assert source.url or source.note, f"{source.id} needs a url or a note saying where it is from"
        if source.url is None and source.id != "public-record":
            assert "no page address" in source.note or "seed article" in source.title.lower(), source.id


def test_low_reliability_evidence_only_gives_low_confidence(ds):
    reliability = {s.id: s.reliability for s in ds.sources}
    for p in ds.positions:
        levels = {reliability[e.source] for e in p.evidence}
        if levels == {"low"}:
            assert p.confidence == "low", f"{p.party}/{p.issue}/{p.date} rests on low sources only"
            assert p.note, f"{p.party}/{p.issue}/{p.date} needs a note on its weak sources"


def test_histories_cover_the_core_issues_for_both_sides(ds):
    for issue in ("ceasefire", "nato", "territory"):
        for party in ("ukraine", "russia"):
            dates = {p.date for p in positions(ds, party, issue)}
            assert len(dates) >= 2, f"{party} needs a history on {issue}"
    for party in ("ukraine", "russia"):
        assert positions(ds, party, "sanctions"), f"{party} has no sanctions position"
    for party in ("united-states", "europe"):
        for issue in ("nato", "security-guarantees", "military-limits", "territory", "frozen-assets"):
            assert positions(ds, party, issue), f"{party} should stand on the {issue} scale"
    assert positions(ds, "turkiye", "leaders-meeting")


def test_not_stated_stays_absent(ds):
    # The record has nothing from Ukraine on language and church or on Russia–Ukraine ties:
    # no record at all, rather than a zero.
    assert not positions(ds, "ukraine", "language-church")
    assert not positions(ds, "ukraine", "russia-ukraine-ties")
    assert not any(p.party == "turkiye" and p.issue != "leaders-meeting" for p in ds.positions)


# --- each claim of the seed article is coded ------------------------------------------------------


def test_seed_ukraine_ceasefire_proposal(ds):
    find(ds, "ukraine", "ceasefire", SEED, "unconditional ceasefire", on_or_before=SEED_DATE)
    [p] = find(ds, "ukraine", "ceasefire", SEED, "full and unconditional 30-day ceasefire", on_or_before=SEED_DATE)
    assert p.value == 0


def test_seed_ukraine_prisoner_swap_and_leaders_talks(ds):
    [swap] = find(ds, "ukraine", "prisoners", SEED, "all-for-all prisoner swap", on_or_before=SEED_DATE)
    assert swap.value >= 75
    [meet] = find(
        ds,
        "ukraine",
        "leaders-meeting",
        SEED,
        "direct negotiations between Presidents Zelenskyy and Putin",
        on_or_before=SEED_DATE,
    )
    assert meet.value <= 10


def test_seed_russia_refuses_ceasefire_and_demands_withdrawal(ds):
    [cease] = find(ds, "russia", "ceasefire", SEED, "refused a ceasefire", on_or_before=SEED_DATE)
    assert cease.value == 100
    [land] = find(
        ds,
        "russia",
        "territory",
        SEED,
        "full withdrawal of Ukrainian troops from four occupied regions",
        on_or_before=SEED_DATE,
    )
    assert land.value == 100


def test_seed_putin_declines_to_attend(ds):
    [p] = find(ds, "russia", "leaders-meeting", SEED, "declined to attend personally", on_or_before=SEED_DATE)
    assert p.value >= 50


@pytest.mark.parametrize(
    ("issue", "fragment"),
    [
        ("nato", "NATO's eastward expansion"),
        ("nato", "Ukraine adopting a neutral status"),
        ("sanctions", "partial lifting of Western sanctions"),
        ("frozen-assets", "resolution of frozen Russian assets abroad"),
        ("language-church", "protections for Russian speakers"),
    ],
)
def test_seed_kremlin_conditions_via_reuters_are_reported(ds, issue, fragment):
    [p] = find(ds, "russia", issue, SEED, fragment, on_or_before=SEED_DATE, basis="reported")
    assert p.date == SEED_DATE


def test_seed_ukraine_rejects_nato_veto_and_wants_guarantees(ds):
    [nato] = find(ds, "ukraine", "nato", SEED, "rejects any veto over its NATO aspirations", on_or_before=SEED_DATE)
    assert nato.value <= 10
    [guarantees] = find(
        ds, "ukraine", "security-guarantees", SEED, "strong Western security guarantees", on_or_before=SEED_DATE
    )
    assert guarantees.value >= 75
    find(ds, "ukraine", "leaders-meeting", SEED, "without its direct involvement", on_or_before=SEED_DATE)


def test_seed_umerov_statements(ds):
    [p] = find(
        ds, "ukraine", "ceasefire", SEED, "We reaffirm Ukraine's readiness for a full and unconditional ceasefire"
    )
    assert p.date == SEED_DATE
    find(ds, "ukraine", "leaders-meeting", SEED, "awaiting their 'memorandum,'")
    find(ds, "ukraine", "leaders-meeting", SEED, "will immediately submit their proposals")  # Sybiha


def test_dead_end_is_never_vance_s_words(ds):
    [us] = find(
        ds,
        "united-states",
        "leaders-meeting",
        "deccanherald-2025-05-19",
        "We realize there's a bit of an impasse here.",
    )
    assert us.date == dt.date(2025, 5, 19)
    assert cites(us, SEED, "dead end")
    assert "rendering" in us.note
    for p in ds.positions:
        for e in p.evidence:
            if "dead end" in e.quote.lower():
                assert e.source == SEED, f"{p.party}/{p.issue}: 'dead end' quoted from {e.source}"
    for event in ds.events:
        assert "dead end" not in event.quote.lower() or event.source == SEED


def test_seed_memorandum_process_events(ds):
    [istanbul] = seed_event(
        ds, "first direct negotiations since 2022", parties=("ukraine", "russia", "turkiye", "united-states")
    )
    assert istanbul.date == dt.date(2025, 5, 16) and istanbul.kind == "talks"
    [call] = seed_event(ds, "19 May phone conversation", parties=("russia", "united-states"))
    assert call.date == dt.date(2025, 5, 19) and call.kind == "call"
    seed_event(ds, "completed drafting a memorandum", parties=("russia",))
    [handed] = seed_event(ds, "provided its position document", parties=("ukraine",))
    assert handed.kind == "document"
    seed_event(ds, "immediately submit their proposals")
    seed_event(ds, "It will come, it will come")
    seed_event(ds, "Medinsky disputed this account", parties=("russia",))
    [lavrov] = seed_event(ds, "second round of negotiations on 2 June in Istanbul", parties=("russia",))
    assert lavrov.date <= dt.date(2025, 6, 2)


# --- coding rules from the public record's corrections ------------------------------------------------


def test_russia_ukraine_sanctions_are_not_western_sanctions(ds):
    clause = "between the Russian Federation and Ukraine"
    assert not any(cites(p, e.source, clause) for p in ds.positions if p.issue == "sanctions" for e in p.evidence)
    [ties] = [p for p in positions(ds, "russia", "russia-ukraine-ties") if p.date == dt.date(2025, 6, 2)]
    assert cites(ties, "babel-2025-06-02-russian-memorandum", clause)
    assert [p.date for p in positions(ds, "russia", "sanctions")] == [SEED_DATE]


def test_memoranda_of_2_june_2025_are_coded(ds):
    [land] = [p for p in positions(ds, "russia", "territory") if p.date == dt.date(2025, 6, 2)]
    assert land.value == 100 and cites(land, "tass-2025-06-02-settlement", "international legal recognition")
    [army] = [p for p in positions(ds, "ukraine", "military-limits") if p.date == dt.date(2025, 6, 1)]
    assert army.value == 0
    [later] = [p for p in positions(ds, "ukraine", "military-limits") if p.date == dt.date(2025, 12, 24)]
    assert later.acceptable is not None and later.acceptable[0] <= army.value <= later.acceptable[1]
    [cease] = [p for p in positions(ds, "russia", "ceasefire") if p.date == dt.date(2025, 6, 2)]
    assert cease.acceptable is not None and cease.acceptable[0] < cease.value <= cease.acceptable[1]


def test_us_and_european_plans_stand_on_the_same_scales(ds):
    [us_army] = [p for p in positions(ds, "united-states", "military-limits") if p.date == dt.date(2025, 11, 21)]
    [e3_army] = [p for p in positions(ds, "europe", "military-limits") if p.date == dt.date(2025, 11, 24)]
    assert e3_army.value < us_army.value  # 800,000 is a looser cap than 600,000
    [us_nato] = [p for p in positions(ds, "united-states", "nato") if p.date == dt.date(2025, 11, 21)]
    [e3_nato] = [p for p in positions(ds, "europe", "nato") if p.date == dt.date(2025, 11, 24)]
    assert e3_nato.value < us_nato.value
    # The corrected E3 wording, not India Today's paraphrase.
    assert cites(e3_nato, "straitstimes-2025-11-24", "depends on consensus of NATO members, which does not exist")
    assert not any("no consensus currently exists" in e.quote for p in ds.positions for e in p.evidence)


# --- the codebook and the template -------------------------------------------------------------------


def test_codebook_documents_every_issue(ds):
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    for issue in ds.issues:
        assert f"`{issue.id}`" in codebook, f"CODEBOOK.md has no scale for {issue.id}"
    for term in ("stated", "reported", "assessed", "not stated", "_template", "AGG"):
        assert term in codebook


def test_template_is_a_valid_minimal_dataset(tmp_path):
    # The template folder's own name starts with "_", so load a copy under a dataset id.
    copy = tmp_path / "example"
    shutil.copytree(TEMPLATE, copy)
    loaded = load_dataset(copy)
    assert loaded.problems == [], "\n".join(str(p) for p in loaded.problems)
    ds = loaded.dataset
    assert (len(ds.parties), len(ds.issues), len(ds.sources), len(ds.positions), len(ds.events)) == (2, 1, 1, 2, 1)
    for name in ("dataset.yaml", "parties.yaml", "issues.yaml", "sources.yaml", "positions.yaml", "events.yaml"):
        assert "#" in (TEMPLATE / name).read_text(encoding="utf-8"), f"{name} should explain its fields"


# --- coverage of the four key issues (CODEBOOK section 10) -------------------------------------------

KEY_ISSUES = ("ceasefire", "nato", "sanctions", "territory")
PERIODS = {
    "May–June 2025": (dt.date(2025, 5, 1), dt.date(2025, 6, 30)),
    "August 2025": (dt.date(2025, 8, 1), dt.date(2025, 8, 31)),
    "November–December 2025": (dt.date(2025, 11, 1), dt.date(2025, 12, 31)),
    "early 2026": (dt.date(2026, 1, 1), dt.date(2026, 2, 28)),
}
PARTY_NAMES = {"Ukraine": "ukraine", "Russia": "russia", "United States": "united-states", "Europe": "europe"}
NO_STATEMENT = "no statement in the public record"
NOT_PLACED = " (not placed)"
COVERAGE_HEADING = "## 10. Coverage of the four key issues"

# Gaps in the sources, not in the coding: (issue, party, period) where neither the seed article nor
# the public record has a statement of that party on that issue. Mirrors the CODEBOOK table; a
# position added to one of these cells, or a gap added to the CODEBOOK, must be mirrored here.
GAPS = {
    ("ceasefire", "ukraine", "August 2025"),
    ("ceasefire", "ukraine", "November–December 2025"),
    ("ceasefire", "ukraine", "early 2026"),
    ("ceasefire", "russia", "August 2025"),
    ("nato", "ukraine", "August 2025"),
    ("nato", "ukraine", "early 2026"),
    ("nato", "russia", "November–December 2025"),
    ("nato", "russia", "early 2026"),
    ("sanctions", "ukraine", "August 2025"),
    ("sanctions", "ukraine", "November–December 2025"),
    ("sanctions", "ukraine", "early 2026"),
    ("sanctions", "russia", "August 2025"),
    ("sanctions", "russia", "November–December 2025"),
    ("sanctions", "russia", "early 2026"),
}
# (issue, party) where the US or Europe has no position at all; none today.
PLAN_GAPS: set[tuple[str, str]] = set()


def in_period(ds, party, issue, period):
    start, end = PERIODS[period]
    return [p for p in positions(ds, party, issue) if start <= p.date <= end]


def coverage_tables():
    """The rows of the two tables of CODEBOOK section 10, each as a list of stripped cells."""
    codebook = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")
    assert COVERAGE_HEADING in codebook, "CODEBOOK.md has no coverage section for the four key issues"
    section = codebook.split(COVERAGE_HEADING, 1)[1].split("\n## ", 1)[0]
    tables: list[list[list[str]]] = []
    previous = ""
    for line in section.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append([cell.strip() for cell in line.strip().strip("|").split("|")])
        previous = line
    return tables


def cell_entries(cell):
    """A table cell as {(date, placed)}; an empty set for "no statement in the public record"."""
    if cell == NO_STATEMENT:
        return set()
    entries = set()
    for entry in cell.split(", "):
        placed = not entry.endswith(NOT_PLACED)
        entries.add((dt.date.fromisoformat(entry.removesuffix(NOT_PLACED)), placed))
    return entries


def coded_entries(found):
    return {(p.date, p.value is not None) for p in found}


def test_documented_gaps_are_cells_of_the_key_issues():
    for issue, party, period in GAPS:
        assert issue in KEY_ISSUES and party in ("ukraine", "russia") and period in PERIODS
    for issue, party in PLAN_GAPS:
        assert issue in KEY_ISSUES and party in ("united-states", "europe")


@pytest.mark.parametrize("party", ["ukraine", "russia"])
@pytest.mark.parametrize("issue", KEY_ISSUES)
def test_key_issues_have_a_position_in_every_period_or_a_documented_gap(ds, issue, party):
    for period in PERIODS:
        found = in_period(ds, party, issue, period)
        if (issue, party, period) in GAPS:
            assert not found, (
                f"{party}/{issue} now has a position in {period} ({', '.join(str(p.date) for p in found)}): "
                "remove the gap from GAPS and from the CODEBOOK coverage table"
            )
        else:
            assert found, (
                f"{party} has no {issue} position dated in {period}: code one from the sources, or document "
                "the gap in GAPS and in the CODEBOOK coverage table"
            )


@pytest.mark.parametrize("party", ["united-states", "europe"])
@pytest.mark.parametrize("issue", KEY_ISSUES)
def test_us_and_europe_stand_on_each_key_issue_or_a_documented_gap(ds, issue, party):
    found = positions(ds, party, issue)
    if (issue, party) in PLAN_GAPS:
        assert not found, f"{party}/{issue} now has a position: remove it from PLAN_GAPS and the CODEBOOK"
    else:
        assert found, f"{party} has no {issue} position: code one, or document the gap"


def test_codebook_coverage_table_mirrors_the_data_and_the_gaps(ds):
    periods, plans = coverage_tables()
    assert periods[0] == ["issue", "party", *PERIODS], "the coverage table's columns should be the periods"
    rows = periods[2:]
    assert {(r[0], r[1]) for r in rows} == {(f"`{i}`", n) for i in KEY_ISSUES for n in ("Ukraine", "Russia")}
    assert len(rows) == 2 * len(KEY_ISSUES)
    documented = set()
    for issue_cell, name, *cells in rows:
        issue, party = issue_cell.strip("`"), PARTY_NAMES[name]
        for period, cell in zip(PERIODS, cells, strict=True):
            if cell == NO_STATEMENT:
                documented.add((issue, party, period))
            where = f"CODEBOOK coverage table, {name} on {issue} in {period}"
            assert cell_entries(cell) == coded_entries(in_period(ds, party, issue, period)), where
    assert documented == GAPS

    assert plans[0] == ["issue", "United States", "Europe"]
    assert {r[0] for r in plans[2:]} == {f"`{i}`" for i in KEY_ISSUES} and len(plans) == 2 + len(KEY_ISSUES)
    plan_gaps = set()
    for issue_cell, *cells in plans[2:]:
        issue = issue_cell.strip("`")
        for party, cell in zip(("united-states", "europe"), cells, strict=True):
            if cell == NO_STATEMENT:
                plan_gaps.add((issue, party))
            assert cell_entries(cell) == coded_entries(positions(ds, party, issue)), f"{party} on {issue}"
    assert plan_gaps == PLAN_GAPS
