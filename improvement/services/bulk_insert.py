"""Writing many generated rows at once: PostgreSQL's COPY, or batched INSERTs on other databases.

For generated data only (the demo and benchmark plans): rows go straight to the table, so no
`save()`, no signals, no audit-log entries and no `auto_now` stamps; every value, ids
included, is the caller's. Ids come from `ids_reserve` first, so rows can point at each
other before any of them is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from itertools import repeat

from django.db import connection, models
from django.utils import timezone

CHUNK_ROWS = 500  # rows formatted at a time while COPY reads
COPY_READ = 1 << 16  # characters COPY asks for at a time
INSERT_ROWS = 500  # rows per executemany batch elsewhere
NULL = "\\N"


def ids_reserve(*, model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys for new rows of `model`, never handed out again.

    On PostgreSQL they come from the table's own sequence (so other writers are safe); elsewhere
    (SQLite, for `make run`) after the largest id in the table, inside the caller's transaction."""
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        qn = connection.ops.quote_name
        # names from the model's own metadata, quoted by the backend; no user input reaches this SQL
        cursor.execute(f"SELECT COALESCE(MAX({qn(column)}), 0) FROM {qn(table)}")  # nosec B608
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def rows_insert(*, model: type[models.Model], rows: list[dict]) -> int:
    """Write `rows` (dicts of attname to value; a field left out takes its default) into `model`'s table."""
    if not rows:
        return 0
    given = set().union(*rows)
    # Rows that name no id are numbered by the table's own sequence, in the order given.
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in given]
    defaults = [_default(f) for f in fields]
    names = [f.attname for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    if connection.vendor == "postgresql":
        _rows_copy(sql=f"COPY {table} ({columns}) FROM STDIN", fields=fields, defaults=defaults, rows=rows, given=given)
        return len(rows)
    placeholders = ", ".join(["%s"] * len(fields))
    # the table and column names come from the model, quoted by the backend; every value is a parameter
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # nosec B608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_ROWS):
            cursor.executemany(
                sql,
                [
                    [
                        field.get_db_prep_save(row.get(name, default), connection)
                        for field, name, default in zip(fields, names, defaults, strict=True)
                    ]
                    for row in rows[start : start + INSERT_ROWS]
                ],
            )
    return len(rows)


def _rows_copy(*, sql: str, fields: list, defaults: list, rows: list[dict], given: set[str]) -> None:
    """COPY in its text format (a line a row, tab between columns, \\N for NULL), formatted as PostgreSQL
    reads it: the server parses one chunk while the next is being made. Formatted a column at a time
    (one converter over many values), then joined into lines."""
    # Per column: (attname, converter, default), or (None, the default already formatted, None) for a column
    # no row names.
    plan = []
    for field, default in zip(fields, defaults, strict=True):
        convert = _copy_converter(field)
        plan.append((field.attname, convert, default) if field.attname in given else (None, convert(default), None))

    def chunks() -> Iterator[str]:
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start : start + CHUNK_ROWS]
            columns = [
                [convert(row.get(name, default)) for row in chunk] if name is not None else repeat(convert, len(chunk))
                for name, convert, default in plan
            ]
            yield "\n".join(map("\t".join, zip(*columns, strict=True))) + "\n"

    _copy(sql, _Reader(chunks()))


class _Reader:
    """The file COPY reads from: text made on demand by an iterator of chunks."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._pending = ""

    def read(self, size: int = -1) -> str:
        while size < 0 or len(self._pending) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._pending += chunk
        if size < 0:
            size = len(self._pending)
        out, self._pending = self._pending[:size], self._pending[size:]
        return out


def _copy(sql: str, reader: _Reader) -> None:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, reader, size=COPY_READ)
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                while data := reader.read(COPY_READ):
                    copy.write(data)


def _default(field: models.Field) -> object:
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        return timezone.now()
    if field.primary_key:
        return None
    return field.get_default()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_converter(field: models.Field) -> Callable:
    """The function that writes one value of `field` in COPY's text format."""
    if isinstance(field, models.JSONField):
        encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per value as json.dumps makes
        return lambda v: NULL if v is None else _escape(encode(v))
    if isinstance(field, models.BooleanField):
        return lambda v: NULL if v is None else ("t" if v else "f")
    if isinstance(field, models.DateField):  # DateTimeField too: isoformat keeps the offset
        return lambda v: NULL if v is None else v.isoformat()
    if isinstance(field, (models.IntegerField, models.AutoField, models.ForeignKey, models.DecimalField)):
        return lambda v: NULL if v is None else str(v)
    seen: dict = {}  # titles, notes and statuses repeat: escape each once

    def text(v: object) -> str:
        if v is None:
            return NULL
        found = seen.get(v)
        if found is None:
            found = seen[v] = _escape(str(v))
        return found

    return text
