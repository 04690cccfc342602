"""Pydantic's validation errors in plain English, each with the fix an analyst can make.

The coding workspace validates a form with the same models, so it shows the same messages as
a YAML file would get.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from parley.load.problems import Problem

SCALE_FIX = "use a number from 0 to 100 on the issue's scale"
SALIENCE_FIX = "use a number from 0 (unimportant) to 1 (most important)"
SLUG_FIX = "use lowercase letters, digits and hyphens, e.g. 'united-states'"
DATE_FIX = "write a real date as YYYY-MM-DD, e.g. 2025-03-01"
_SHAPES = {
    "Evidence": "{source: ..., quote: ...} or {source: ..., summary: ...}",
    "Scale": "{low: ..., high: ...}",
    "Anchor": "{value: ..., label: ...}",
}

LineOf = Callable[[tuple], int | None]


def shown(value: Any) -> str:
    """A value as the message quotes it, cut short so one huge value cannot flood the page."""
    if isinstance(value, str):
        text = repr(value[:80])
    elif isinstance(value, dict | list | tuple):
        text = reprlib.repr(value)  # bounded in depth and length, whatever was written
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _plain(error: dict, field: str, known_fields: list[str]) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    leaf = field.rsplit(".", 1)[-1]
    top = field.split(".", 1)[0]
    in_range = SALIENCE_FIX if leaf == "salience" else SCALE_FIX
    if top == "acceptable" and kind in ("missing", "too_short", "too_long", "tuple_type"):
        return (
            f"acceptable must be two numbers, [low, high] (got {shown(value)})"
            if kind != "missing"
            else "acceptable must be two numbers, [low, high], but has only one",
            "write the range as [low, high], e.g. [40, 60]",
        )
    if value is None and kind not in ("missing", "extra_forbidden", "value_error", "assertion_error"):
        return f"'{leaf}' is empty", f"fill in a value after '{leaf}:' or remove the line"
    if kind == "missing":
        return f"the required field '{leaf}' is missing", f"add '{leaf}:' with a value (data/CODEBOOK.md lists it)"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(leaf, known_fields, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"'{leaf}' is not a field Parley knows", f"{hint}rename or remove it (data/CODEBOOK.md lists the fields)"
    if kind in ("less_than_equal", "less_than"):
        return f"{shown(value)} is above the maximum of {ctx.get('le', ctx.get('lt')):g}", in_range
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown(value)} is below the minimum of {ctx.get('ge', ctx.get('gt')):g}", in_range
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "finite_number"):
        return f"{shown(value)} is not a number", in_range
    if kind.startswith("date"):
        if kind == "date_from_datetime_inexact":
            return f"{shown(value)} is not a date", DATE_FIX
        return f"{shown(value)} is not a real date", DATE_FIX
    if kind == "literal_error":
        return f"{shown(value)} is not one of the allowed values", f"use one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if leaf == "color":
            return f"{shown(value)} is not a colour code", "write the colour as #rrggbb, e.g. #0072B2, or leave it out"
        if leaf == "url":
            return f"{shown(value)} is not a web address", "write the address starting with http:// or https://"
        return f"{shown(value)} is not a valid id", SLUG_FIX
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return (
            f"the text is {length:,} characters long, over the limit of {ctx.get('max_length'):,}",
            "shorten it" + (" (it is the label on charts)" if leaf == "short" else ""),
        )
    if kind == "string_too_short":
        return "the field is empty", "fill it in or remove the field"
    if kind in ("string_type", "string_unicode"):
        return f"{shown(value)} is not text", "write text here (put it in quotes if it looks like a number or date)"
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown(value)} is not true or false", "write true or false"
    if kind in ("too_short", "too_long"):
        wanted = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        if top == "default_parties":
            count = ctx.get("actual_length")
            return (
                f"default_parties lists {count} {'party' if count == 1 else 'parties'}, not two",
                "list exactly two party ids, e.g. [a, b]",
            )
        return (
            f"the list has {ctx.get('actual_length')} entries",
            f"give {'at least' if kind == 'too_short' else 'at most'} {wanted}",
        )
    if kind in ("list_type", "tuple_type"):
        return f"{shown(value)} is not a list", "write a list, e.g. [a, b] or one '- ' line per entry"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        shape = _SHAPES.get(ctx.get("class_name", ""), "field: value lines")
        return f"{shown(value)} is not a set of fields", f"write it as {shape}"
    if kind in ("value_error", "assertion_error"):
        message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if "; " in message:
            message, fix = message.split("; ", 1)
            return message, fix
        return message, "correct the value as the message says"
    return f"{error['msg']} (got {shown(value)})", "correct the value as the message says"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model that holds the location, for spelling hints."""
    for part in loc[:-1]:
        if isinstance(part, int) or part not in model.model_fields:
            continue
        annotation = model.model_fields[part].annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            inner = getattr(candidate, "__args__", (candidate,))
            found = next((c for c in (candidate, *inner) if isinstance(c, type) and issubclass(c, BaseModel)), None)
            if found is not None:
                model = found
                break
    return list(model.model_fields)


def validation_problems(
    exc: ValidationError, file: str, item: str, line_of: LineOf, model: type[BaseModel]
) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field = ".".join(str(p) for p in loc)
        message, fix = _plain(error, field, _fields_at(model, loc))
        code = f"{error['type']}:{'.'.join(str(p) for p in loc if not isinstance(p, int))}"
        found.append(Problem(file, line_of(loc), item, field, message, fix, code=code))
    return found
