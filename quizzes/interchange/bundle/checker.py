"""A checker for JSON records: each field against its spec (JSON type, default, limits), every
problem collected with where it is ("questions[3].choices[0]: ..."), so one run names them all.

Generic: the bundle's records (schema.py) are described with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.dateparse import parse_datetime

_SHOWN_PROBLEMS = 5


class BundleError(ValueError):
    """The bundle cannot be imported; `problems` names each one ("questions[3]: ...")."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        super().__init__(f"{shown}; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else shown)


REQUIRED = object()


@dataclass(frozen=True)
class F:
    """One field of a bundle record: its JSON type, default and limits."""

    type: type | tuple[type, ...]
    default: Any = REQUIRED
    max_length: int | None = None
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    slug: bool = False
    blank: bool = True


def text_field(max_length: int | None = None, *, default: Any = "", blank: bool = True) -> F:
    return F(str, default, max_length=max_length, blank=blank)


def count_field(default: Any = REQUIRED, low: int = 0, high: int | None = None) -> F:
    return F(int, default, low=low, high=high)


def choice_field(values: type, default: Any = REQUIRED) -> F:
    return F(str, default, choices=tuple(values.values))


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false", list: "a list",
             dict: "an object", type(None): "null"}  # fmt: skip
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool):
        return bool in kinds
    if float in kinds and isinstance(value, int):
        return True
    return isinstance(value, kinds)


class Checker:
    """Collects problems, each prefixed with where it is ("questions[3].choices[0]")."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def record(self, where: str, value: Any, spec: dict[str, F]) -> dict | None:
        """The record with defaults filled in, or None (problems noted) if it is not usable."""
        if not isinstance(value, dict):
            self.add(where, "must be an object")
            return None
        clean, ok = {}, True
        for name in value.keys() - spec.keys():
            self.add(where, f"unknown field {name!r}")
            ok = False
        for name, field in spec.items():
            if name not in value:
                if field.default is REQUIRED:
                    self.add(where, f"{name!r} is missing")
                    ok = False
                else:
                    clean[name] = copy_value(field.default)
                continue
            ok = self._field(f"{where}.{name}", value[name], field) and ok
            clean[name] = value[name]
        return clean if ok else None

    def _field(self, where: str, value: Any, field: F) -> bool:
        if not _is(value, field.type):
            self.add(where, f"must be {_type_name(field.type)}")
            return False
        problems = len(self.problems)
        if isinstance(value, str):
            if field.max_length and len(value) > field.max_length:
                self.add(where, f"is longer than {field.max_length} characters")
            if not field.blank and not value.strip():
                self.add(where, "must not be blank")
            if field.choices and value not in field.choices:
                self.add(where, f"{value!r} is not one of {', '.join(field.choices)}")
            if field.slug:
                try:
                    validate_slug(value)
                except ValidationError:
                    self.add(where, f"{value!r} is not a slug (letters, digits, '-' and '_')")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if field.low is not None and value < field.low:
                self.add(where, f"must be at least {field.low}")
            if field.high is not None and value > field.high:
                self.add(where, f"must be at most {field.high}")
        return len(self.problems) == problems

    def strings(self, where: str, values: list, max_length: int | None = None) -> bool:
        problems = len(self.problems)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.add(f"{where}[{index}]", "must be a non-blank string")
            elif max_length and len(value) > max_length:
                self.add(f"{where}[{index}]", f"is longer than {max_length} characters")
        return len(self.problems) == problems

    def unique(self, where: str, records: list[dict | None], field: str) -> None:
        seen: set[str] = set()
        for index, record in enumerate(records):
            value = record and record.get(field)
            if value and value in seen:
                self.add(f"{where}[{index}]", f"{field} {value!r} is used more than once")
            if value:
                seen.add(value)


def copy_value(value: Any) -> Any:
    return type(value)() if isinstance(value, list | dict) else value


def list_of(check: Checker, data: dict, name: str) -> list:
    value = data.get(name, [])
    if not isinstance(value, list):
        check.add(name, "must be a list")
        return []
    return value


def parse_when(check: Checker, where: str, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        check.add(where, f"{value!r} is not an ISO 8601 date and time")
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, dt.UTC)
