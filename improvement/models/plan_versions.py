"""A counter per council that the database itself moves on every change to what the plan's pages show.

The heavy pages are cached until the plan changes (`selectors/plan_cache.py`); asking "has it
changed?" must cost far less than the page. So each table the pages read carries triggers
(installed by migration, PostgreSQL and SQLite alike) that add one to its council's `version`
in the same transaction as the change: an ORM save, a bulk insert, a COPY, a queryset update,
a delete, a raw SQL statement - nothing the application or an operator does can miss it. A
change to the measures' figures also moves `figures`, which is what the councils that count
this one as a statistical neighbour look at. Row 0 belongs to no council: the frameworks
(shared by all) move it, and so does emptying any tracked table with TRUNCATE.

On PostgreSQL the triggers run once per statement (with transition tables), so a COPY of
500,000 history rows costs one grouped upsert, not half a million. Writers of one council
queue on its counter row until they commit, which is what keeps a reader from caching a page
under a version that an uncommitted change would reuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

EVERY_COUNCIL = 0  # the row the shared frameworks move; every stamp includes it


class PlanVersion(models.Model):
    authority_id = models.IntegerField(primary_key=True)  # no foreign key: row 0 is no council
    version = models.BigIntegerField(default=0)
    figures = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "plan version"

    def __str__(self):
        return f"council {self.authority_id}: version {self.version}, figures {self.figures}"


@dataclass(frozen=True)
class Tracked:
    """One table whose changes move a counter: how a row reaches its council, and whether it is a figure."""

    model: str  # "Action", or "Action.measures" for a many-to-many table
    via: str = "authority"  # the foreign key to the council, or to a parent that has one ("action")
    figures: bool = False
    shared: bool = False  # a framework table: moves row 0

    def table_and_council(self, apps) -> tuple[str, str, str | None]:
        """(table, the column on the changed row, and the parent's table when that column names a parent)."""
        name, _, m2m = self.model.partition(".")
        model = apps.get_model("improvement", name)
        if m2m:
            model = model._meta.get_field(m2m).remote_field.through
        if self.shared:
            return model._meta.db_table, "", None
        if self.via == "self":
            return model._meta.db_table, model._meta.pk.column, None
        field = model._meta.get_field(self.via)
        parent = field.related_model
        if parent._meta.model_name == "authority":
            return model._meta.db_table, field.column, None
        return model._meta.db_table, field.column, parent._meta.db_table


TRACKED = [
    Tracked("Authority", via="self"),
    Tracked("Meeting"),
    Tracked("Decision"),
    Tracked("SourceDocument"),
    Tracked("Inspection"),
    Tracked("InspectionJudgement", via="inspection"),
    Tracked("Recommendation"),
    Tracked("ImprovementPlan"),
    Tracked("Theme", via="plan"),
    Tracked("Owner"),
    Tracked("Action"),
    Tracked("Action.recommendations", via="action"),
    Tracked("Action.measures", via="action"),
    Tracked("ProgressUpdate", via="action"),
    Tracked("Measure", figures=True),
    Tracked("MeasureValue", via="measure", figures=True),
    Tracked("BenchmarkMapping", figures=True),
    Tracked("StatisticalNeighbour"),
    Tracked("Framework", shared=True),
    Tracked("Grade", shared=True),
    Tracked("JudgementArea", shared=True),
    Tracked("InspectionTheme", shared=True),
]


def _upsert(table: str, councils: str, figures: bool) -> str:
    """Add one to each council's counter in `councils` (a SELECT of one column named c)."""
    target = PlanVersion._meta.db_table
    bump = 1 if figures else 0
    return (
        f"INSERT INTO {target} AS v (authority_id, version, figures) "  # nosec B608 - names from the models, no input
        f"SELECT x.c, 1, {bump} FROM ({councils}) AS x WHERE x.c IS NOT NULL ORDER BY x.c "
        f"ON CONFLICT (authority_id) DO UPDATE SET version = v.version + 1, figures = v.figures + excluded.figures;"
    )


def _councils(rows: str, column: str, parent: str | None, *, shared: bool) -> str:
    if shared:
        return f"SELECT {EVERY_COUNCIL} AS c"
    if parent is None:
        return f"SELECT DISTINCT r.{column} AS c FROM {rows} AS r"  # nosec B608 - names from the models, no input
    return f"SELECT DISTINCT p.authority_id AS c FROM {rows} AS r JOIN {parent} AS p ON p.id = r.{column}"  # nosec B608 - names from the models, no input


def postgresql_sql(apps) -> tuple[list[str], list[str]]:
    """(statements that install the triggers, statements that remove them)."""
    install, remove = [], []
    for spec in TRACKED:
        table, column, parent = spec.table_and_council(apps)
        for op, rows in (("INSERT", "new_rows"), ("UPDATE", None), ("DELETE", "old_rows")):
            name = f"{table}_pv_{op.lower()}"[:63]
            if rows is None:  # an update may move a row between councils: both count
                councils = (
                    f"{_councils('new_rows', column, parent, shared=spec.shared)} UNION "
                    f"{_councils('old_rows', column, parent, shared=spec.shared)}"
                )
                referencing = "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows"
            else:
                councils = _councils(rows, column, parent, shared=spec.shared)
                referencing = f"REFERENCING {'NEW' if rows == 'new_rows' else 'OLD'} TABLE AS {rows}"
            install.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"{_upsert(table, councils, spec.figures)} RETURN NULL; END $$;"
            )
            install.append(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            install.append(
                f"CREATE TRIGGER {name} AFTER {op} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
            )
            remove += [f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION IF EXISTS {name}();"]
        truncate = f"{table}_pv_truncate"[:63]
        install.append(
            f"CREATE OR REPLACE FUNCTION {truncate}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{_upsert(table, f'SELECT {EVERY_COUNCIL} AS c', True)} RETURN NULL; END $$;"
        )
        install.append(f"DROP TRIGGER IF EXISTS {truncate} ON {table};")
        install.append(
            f"CREATE TRIGGER {truncate} AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {truncate}();"
        )
        remove += [f"DROP TRIGGER IF EXISTS {truncate} ON {table};", f"DROP FUNCTION IF EXISTS {truncate}();"]
    return install, remove


def sqlite_sql(apps) -> tuple[list[str], list[str]]:
    """The same counters on SQLite (`make run`'s database), which has row triggers only."""
    install, remove = [], []
    target = PlanVersion._meta.db_table
    for spec in TRACKED:
        table, column, parent = spec.table_and_council(apps)
        for op, rows in (("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])):
            name = f"{table}_pv_{op.lower()}"
            body = []
            councils = [_sqlite_council(spec, row, column, parent) for row in rows]
            for n, council in enumerate(councils):
                # an update counts once, twice only when the row moved to another council
                moved = f" AND c IS NOT {councils[0]}" if n else ""
                body.append(
                    f"INSERT INTO {target} (authority_id, version, figures) "  # nosec B608 - names from the models, no input
                    f"SELECT c, 1, {1 if spec.figures else 0} FROM (SELECT {council} AS c) WHERE c IS NOT NULL{moved} "
                    "ON CONFLICT (authority_id) DO UPDATE "
                    "SET version = version + 1, figures = figures + excluded.figures;"
                )
            install.append(f"DROP TRIGGER IF EXISTS {name};")
            install.append(f"CREATE TRIGGER {name} AFTER {op} ON {table} FOR EACH ROW BEGIN {' '.join(body)} END;")
            remove.append(f"DROP TRIGGER IF EXISTS {name};")
    return install, remove


def _sqlite_council(spec: Tracked, row: str, column: str, parent: str | None) -> str:
    if spec.shared:
        return str(EVERY_COUNCIL)
    if parent is None:
        return f"{row}.{column}"
    return f"(SELECT authority_id FROM {parent} WHERE id = {row}.{column})"  # nosec B608 - names from the models, no input


# The columns of a user that the pages show (str(User): the full name, else the username) or that place the
# user in a council; a change to any other (a sign-in's last_login, a password) moves no counter.
USER_SHOWN = ("first_name", "last_name", "username", "authority_id")


def _user_councils(apps, row: str) -> str:
    """The councils whose pages may show this user's name: their own, before and after, and every council with
    an update they wrote, an action they signed off or a document they imported (a superuser belongs to none)."""
    table = {
        name: apps.get_model("improvement", name)._meta.db_table
        for name in ("ProgressUpdate", "Action", "SourceDocument")
    }
    update, action, document = table["ProgressUpdate"], table["Action"], table["SourceDocument"]
    return (
        f"SELECT OLD.authority_id AS c UNION SELECT NEW.authority_id "  # nosec B608 - names from the models, no input
        f"UNION SELECT a.authority_id FROM {update} AS u JOIN {action} AS a ON a.id = u.action_id "
        f"WHERE u.author_id = {row}.id "
        f"UNION SELECT a.authority_id FROM {action} AS a WHERE a.signed_off_by_id = {row}.id "
        f"UNION SELECT d.authority_id FROM {document} AS d WHERE d.imported_by_id = {row}.id"
    )


def user_rename_sql(apps, vendor: str) -> tuple[list[str], list[str]]:
    """(statements that install, and that remove, the trigger moving the counters when a user's shown name or
    council changes). A row trigger with a condition: users change rarely, and sign-ins change other columns."""
    table = apps.get_model("improvement", "User")._meta.db_table
    target, name = PlanVersion._meta.db_table, f"{table}_pv_shown"
    changed = " OR ".join(
        f"OLD.{c} IS DISTINCT FROM NEW.{c}" if vendor == "postgresql" else f"OLD.{c} IS NOT NEW.{c}" for c in USER_SHOWN
    )
    if vendor == "postgresql":
        return (
            [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"{_upsert(table, _user_councils(apps, 'NEW'), False)} RETURN NULL; END $$;",
                f"DROP TRIGGER IF EXISTS {name} ON {table};",
                f"CREATE TRIGGER {name} AFTER UPDATE ON {table} FOR EACH ROW WHEN ({changed}) "
                f"EXECUTE FUNCTION {name}();",
            ],
            [f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION IF EXISTS {name}();"],
        )
    if vendor == "sqlite":
        return (
            [
                f"DROP TRIGGER IF EXISTS {name};",
                f"CREATE TRIGGER {name} AFTER UPDATE OF {', '.join(USER_SHOWN)} ON {table} FOR EACH ROW "
                f"WHEN {changed} BEGIN "
                f"INSERT INTO {target} (authority_id, version, figures) "  # nosec B608 - names from the models, no input
                f"SELECT c, 1, 0 FROM ({_user_councils(apps, 'NEW')}) WHERE c IS NOT NULL "
                "ON CONFLICT (authority_id) DO UPDATE SET version = version + 1; END;",
            ],
            [f"DROP TRIGGER IF EXISTS {name};"],
        )
    raise NotImplementedError(f"plan version triggers are written for PostgreSQL and SQLite, not {vendor}")


def user_triggers_install(apps, schema_editor) -> None:
    """Migration step: the trigger for users' shown names, for this database."""
    for statement in user_rename_sql(apps, schema_editor.connection.vendor)[0]:
        schema_editor.execute(statement, params=None)


def user_triggers_remove(apps, schema_editor) -> None:
    for statement in user_rename_sql(apps, schema_editor.connection.vendor)[1]:
        schema_editor.execute(statement, params=None)


def triggers_install(apps, schema_editor) -> None:
    """Migration step: the counters' triggers for this database (PostgreSQL or SQLite)."""
    install, _ = _for_vendor(apps, schema_editor.connection.vendor)
    for statement in install:
        schema_editor.execute(statement, params=None)


def triggers_remove(apps, schema_editor) -> None:
    _, remove = _for_vendor(apps, schema_editor.connection.vendor)
    for statement in remove:
        schema_editor.execute(statement, params=None)


def _for_vendor(apps, vendor: str) -> tuple[list[str], list[str]]:
    if vendor == "postgresql":
        return postgresql_sql(apps)
    if vendor == "sqlite":
        return sqlite_sql(apps)
    raise NotImplementedError(f"plan version triggers are written for PostgreSQL and SQLite, not {vendor}")
