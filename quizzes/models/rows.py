"""Model instances from one hand-written statement, for the few requests every student makes
many times (the study path): their queries are written out as SQL because Django took longer
to build them (a filtered relation, three joins) than the database took to answer.

`Columns(Model, alias)` gives the statement its select list for the model's concrete fields
under a table alias, and builds an instance from its slice of a row with the converters
Django's own compiler would apply (SQLite's dates and booleans, JSON): the instances are the
ones a ``select_related`` query would give, related objects attached the same way.
`Statement` is one such SELECT: its models' columns, then the rest of it, run and built.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


class Columns:
    """A model's concrete fields under a table alias in a hand-written SELECT."""

    def __init__(self, model: type[Model], alias: str, defer: tuple[str, ...] = ()):
        """``defer``: fields left out of the select list, deferred on the instance (loaded if read)."""
        self.model = model
        self.alias = alias
        self.fields = [field for field in model._meta.concrete_fields if field.name not in defer]
        self.attnames = [field.attname for field in self.fields]
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self._converters: dict[str, list] = {}

    def __len__(self) -> int:
        return len(self.fields)

    def sql(self) -> str:
        """The select list: ``alias."column", ...`` (quoted as the backend quotes names)."""
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    def _for_connection(self) -> list:
        """Per field, the (converters, expression) Django's compiler applies on this backend."""
        vendor = connection.vendor
        if vendor not in self._converters:
            converters = []
            for field in self.fields:
                column = field.get_col(self.alias)
                found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
                converters.append((found, column))
            self._converters[vendor] = converters
        return self._converters[vendor]

    def build(self, row: Sequence, start: int) -> Model | None:
        """The instance held in ``row[start:start + len(self)]`` (None when its primary key is
        NULL: the row of a LEFT JOIN that found nothing)."""
        values = list(row[start : start + len(self.fields)])
        if values[self.pk_index] is None:
            return None
        for index, (converters, column) in enumerate(self._for_connection()):
            for converter in converters:
                values[index] = converter(values[index], column, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


def build(row: Sequence, *columns: Columns) -> list:
    """The instances of ``columns`` held one after another in ``row``, then the row's remaining
    values (the statement's other expressions)."""
    built, at = [], 0
    for each in columns:
        built.append(each.build(row, at))
        at += len(each)
    return built + list(row[at:])


class Statement:
    """A hand-written SELECT: the columns of ``columns`` in order, then ``rest`` (more expressions,
    FROM, WHERE) whose ``{name}`` placeholders are ``tables``' names; ``lock_of``: the alias whose
    rows it locks (``FOR UPDATE OF``, where the backend has it). Built once per backend."""

    def __init__(self, columns: tuple[Columns, ...], rest: str, tables: dict, lock_of: str = ""):
        self.columns = columns
        self.rest = rest
        self.tables = tables
        self.lock_of = lock_of
        self._sql: dict[str, str] = {}

    def sql(self) -> str:
        vendor = connection.vendor
        if vendor not in self._sql:
            select = ", ".join(columns.sql() for columns in self.columns)
            lock = f" FOR UPDATE OF {self.lock_of}" if self.lock_of else ""
            if not connection.features.has_select_for_update_of:
                lock = ""  # SQLite: writers are serialised by BEGIN IMMEDIATE instead
            self._sql[vendor] = f"SELECT {select}" + self.rest.format(**self.tables) + lock
        return self._sql[vendor]

    def one(self, params: list) -> list | None:
        """The first row's instances, then its other values (None when there is no row)."""
        with connection.cursor() as cursor:
            cursor.execute(self.sql(), params)
            row = cursor.fetchone()
        return None if row is None else build(row, *self.columns)

    def all(self, params: list) -> list[list]:
        """Every row's instances, then its other values."""
        with connection.cursor() as cursor:
            cursor.execute(self.sql(), params)
            return [build(row, *self.columns) for row in cursor.fetchall()]
