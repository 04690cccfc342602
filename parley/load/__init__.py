"""Reading datasets safely and explaining every problem in them.

The jobs are split so that the store and the coding workspace can reuse the checks without
YAML: yaml_reader reads a file within limits, messages turns validation errors into plain
English, checks holds every rule an item must pass, texts finds quotes in kept source texts,
and folder puts them together for a dataset folder.
"""

from parley.load.checks import Checker, Context, Located, check_dataset
from parley.load.folder import DATA_DIR_ENV, LoadResult, data_dir, dataset_ids, load_dataset
from parley.load.limits import LIMITS, Limits
from parley.load.problems import Problem, ProblemLog
from parley.load.texts import KeptTexts, normalise_quote

__all__ = [
    "DATA_DIR_ENV",
    "LIMITS",
    "Checker",
    "Context",
    "KeptTexts",
    "Limits",
    "LoadResult",
    "Located",
    "Problem",
    "ProblemLog",
    "check_dataset",
    "data_dir",
    "dataset_ids",
    "load_dataset",
    "normalise_quote",
]
