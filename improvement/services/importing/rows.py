"""One document's new rows written in two round trips, whatever the number of facts and models (issue 15).

`ids_give` numbers the rows that others point at (or the audit trail names) from their tables' own
sequences, in one statement; `rows_insert` then sends every model's INSERT, each model's rows in one
statement as `bulk_create` writes them (Django's own SQL), in a single execute. Nothing here decides
what is written: the writer's merge rules have done that. A failing row (a constraint, a trigger)
fails the whole execute, and the import's transaction takes everything back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import AutoField
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery

from improvement.services.bulk_insert import ids_reserve

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.db.models import Model


@dataclass
class Rows:
    """New rows of one model; `numbered` when ids_give has given them their ids, else the table numbers them."""

    objs: Sequence[Model]
    numbered: bool = True
    ignore_conflicts: bool = False


def ids_give(groups: Sequence[Sequence[Model]]) -> None:
    """Give each unsaved row its id from its table's sequence: one statement on PostgreSQL for every model."""
    groups = [g for g in groups if g]
    if not groups:
        return
    if connection.vendor != "postgresql":
        for objs in groups:
            for obj, pk in zip(objs, ids_reserve(model=type(objs[0]), count=len(objs)), strict=True):
                obj.pk = pk
        return
    parts, params = [], []
    for objs in groups:
        meta = type(objs[0])._meta
        parts.append("ARRAY(SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s))")
        params += [meta.db_table, meta.pk.column, len(objs)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    for objs, ids in zip(groups, row, strict=True):
        for obj, pk in zip(objs, ids, strict=True):
            obj.pk = pk


def insert_statements(rows: Rows) -> list[tuple[str, tuple]]:
    """The INSERTs `bulk_create` would send for these rows (without asking for ids back); sets auto_now_add
    stamps on the objects, as bulk_create does, so what the audit trail records is what is stored."""
    if not rows.objs:
        return []
    model = type(rows.objs[0])
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    if not rows.numbered:
        fields = [f for f in fields if not isinstance(f, AutoField)]
    for obj in rows.objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    plain = _plain_insert(model, fields, rows)
    if plain is not None:
        return [plain]
    on_conflict = OnConflict.IGNORE if rows.ignore_conflicts else None
    size = connection.ops.bulk_batch_size(fields, rows.objs) or len(rows.objs)
    statements = []
    for start in range(0, len(rows.objs), size):
        query = InsertQuery(model, on_conflict=on_conflict)
        query.insert_values(fields, rows.objs[start : start + size])
        statements += query.get_compiler(connection=connection).as_sql()
    return statements


def _plain_insert(model: type[Model], fields: list, rows: Rows) -> tuple[str, tuple] | None:
    """On PostgreSQL, when every value is a plain value (no expression, no field with its own placeholder), the
    one multi-row INSERT Django would send, built directly: each value is still prepared by its field
    (`pre_save`, then `get_db_prep_save`), which is all the compiler does for such rows, at about a third of
    its cost (a document's twelve INSERTs were a sixth of an import's writing). None: let Django build it."""
    if connection.vendor != "postgresql" or any(hasattr(f, "get_placeholder") for f in fields):
        return None
    values = []
    for obj in rows.objs:
        for f in fields:
            value = f.pre_save(obj, True)
            if hasattr(value, "resolve_expression"):
                return None
            values.append(f.get_db_prep_save(value, connection))
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # nosec B608
        f"VALUES {', '.join([row] * len(rows.objs))}"
    )
    if rows.ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    return sql, tuple(values)


def rows_insert(statements: Sequence[tuple[str, tuple]], written: Sequence[Rows]) -> None:
    """Send the statements in one execute on PostgreSQL (one after another elsewhere: SQLite runs one
    statement at a time), then mark the rows as saved, as bulk_create does."""
    if statements:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                params = [p for _, values in statements for p in values]
                cursor.execute(";\n".join(sql for sql, _ in statements), params)
            else:
                for sql, params in statements:
                    cursor.execute(sql, params)
    for rows in written:
        for obj in rows.objs:
            obj._state.adding = False
            obj._state.db = connection.alias
