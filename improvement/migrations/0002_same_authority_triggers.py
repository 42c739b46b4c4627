"""Database guards: a record of one authority is never linked to another authority's.

Foreign keys cannot say "and the same authority", so on PostgreSQL each such link is
checked by a trigger that raises a check violation (Django's IntegrityError). SQLite,
used only for local demos, relies on the forms and services, which scope every choice.
"""

from django.db import migrations

P = "improvement_"
OWNER = {
    "authority": "NEW.authority_id",
    "action": f"(SELECT authority_id FROM {P}action WHERE id = NEW.action_id)",  # constant table names # nosec B608
    "measure": f"(SELECT authority_id FROM {P}measure WHERE id = NEW.measure_id)",  # constant table names # nosec B608
}
TARGET = {
    "plan": f"SELECT authority_id FROM {P}improvementplan WHERE id = $ID",  # constant table names # nosec B608
    "owner": f"SELECT authority_id FROM {P}owner WHERE id = $ID",  # constant table names # nosec B608
    "inspection": f"SELECT authority_id FROM {P}inspection WHERE id = $ID",  # constant table names # nosec B608
    "recommendation": f"SELECT authority_id FROM {P}recommendation WHERE id = $ID",  # constant table names # nosec B608
    "measure": f"SELECT authority_id FROM {P}measure WHERE id = $ID",  # constant table names # nosec B608
    "document": f"SELECT authority_id FROM {P}sourcedocument WHERE id = $ID",  # constant table names # nosec B608
    "meeting": f"SELECT authority_id FROM {P}meeting WHERE id = $ID",  # constant table names # nosec B608
    "user": f"SELECT authority_id FROM {P}user WHERE id = $ID",  # constant table names # nosec B608
    "theme": (
        f"SELECT p.authority_id FROM {P}theme t JOIN {P}improvementplan p ON p.id = t.plan_id WHERE t.id = $ID"  # constant table names # nosec B608
    ),
}
# (table, column, whose authority the row has, what the column points at)
LINKS = [
    ("action", "plan_id", "authority", "plan"),
    ("action", "owner_id", "authority", "owner"),
    ("action", "theme_id", "authority", "theme"),
    ("action", "source_document_id", "authority", "document"),
    ("action_recommendations", "recommendation_id", "action", "recommendation"),
    ("action_measures", "measure_id", "action", "measure"),
    ("recommendation", "inspection_id", "authority", "inspection"),
    ("recommendation", "theme_id", "authority", "theme"),
    ("recommendation", "source_document_id", "authority", "document"),
    ("improvementplan", "inspection_id", "authority", "inspection"),
    ("owner", "line_manager_id", "authority", "owner"),
    ("owner", "user_id", "authority", "user"),
    ("owner", "source_document_id", "authority", "document"),
    ("inspection", "source_document_id", "authority", "document"),
    ("measure", "source_document_id", "authority", "document"),
    ("measurevalue", "source_document_id", "measure", "document"),
    ("decision", "meeting_id", "authority", "meeting"),
    ("decision", "source_document_id", "authority", "document"),
    ("sourcedocument", "meeting_id", "authority", "meeting"),
]


def _statements():
    create, drop = [], []
    for table, column, own, target in LINKS:
        name = f"tracker_same_authority_{table}_{column}"[:63]
        target_sql = TARGET[target].replace("$ID", f"NEW.{column}")
        extra = " AND target_authority IS NOT NULL" if target == "user" else ""
        create.append(
            f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
DECLARE target_authority bigint;
BEGIN
  IF NEW.{column} IS NULL THEN RETURN NEW; END IF;
  target_authority := ({target_sql});
  IF target_authority IS DISTINCT FROM {OWNER[own]}{extra} THEN
    RAISE EXCEPTION '{table}.{column} links to a record of another authority'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OF {column} ON {P}{table}
  FOR EACH ROW EXECUTE FUNCTION {name}();"""
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name} ON {P}{table}; DROP FUNCTION IF EXISTS {name}();")
    return create, drop


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in _statements()[0]:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in _statements()[1]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("improvement", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
