"""Every setting a user can reach is documented: URL parameters and environment variables in
README.md, dataset fields in data/CODEBOOK.md. Adding one without its documentation fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from parley import model, urls

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODEBOOK = (ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8")


def _environment_variables() -> set[str]:
    """Names read with os.environ anywhere in the package, or held in a *_ENV constant."""
    found = set()
    for path in (ROOT / "parley").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.endswith("_ENV") for t in node.targets
            )
            if named and isinstance(node.value, ast.Constant):
                found.add(node.value.value)
            read = isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("get", "getenv") and node.args
            owner = getattr(getattr(node, "func", None), "value", None)
            from_env = getattr(owner, "attr", "") == "environ" or getattr(owner, "id", "") == "os"
            if read and from_env and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def _dataset_fields() -> set[str]:
    fields = set()
    for name in ("DatasetInfo", "Party", "Anchor", "Scale", "Issue", "Source", "Evidence", "Position", "Event"):
        fields |= set(getattr(model, name).model_fields)
    return fields


@pytest.mark.parametrize("name", sorted(urls.PARAMETERS))
def test_every_url_parameter_is_documented_in_the_readme(name):
    assert re.search(rf"`{re.escape(name)}`", README), f"README.md does not document the URL parameter `{name}`"


def test_the_readme_documents_no_parameter_the_scheme_lacks():
    table = README.split("## Links", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))
    assert named == set(urls.PARAMETERS)


@pytest.mark.parametrize("name", sorted(_environment_variables()))
def test_every_environment_variable_is_documented_in_the_readme(name):
    assert f"`{name}`" in README, f"README.md does not document the environment variable `{name}`"


def test_the_environment_variables_are_found():
    assert {"PARLEY_DATA_DIR", "PARLEY_DEFAULT_DATASET", "PARLEY_DATABASE_URL"} <= _environment_variables()


@pytest.mark.parametrize("name", sorted(_dataset_fields()))
def test_every_dataset_field_is_documented_in_the_codebook(name):
    assert f"`{name}`" in CODEBOOK, f"data/CODEBOOK.md does not document the dataset field `{name}`"
