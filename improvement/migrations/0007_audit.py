"""The audit trail: deleting a plan or a measure never deletes its actions or values, an
action people have updated is never deleted (models.plans.keep_worked_on), and
(on PostgreSQL) the audit log is indexed by council and time, as the Audit log page reads it."""

import django.db.models.deletion
from django.db import migrations, models

import improvement.models.plans

INDEX = "improvement_audit_authority_time"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON auditlog_logentry ((additional_data -> 'authority'), timestamp DESC)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("improvement", "0006_import_draft_document"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.AlterField(
            model_name="action",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="actions",
                to="improvement.improvementplan",
            ),
        ),
        migrations.AlterField(
            model_name="measurevalue",
            name="measure",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="values", to="improvement.measure"
            ),
        ),
        migrations.AlterField(
            model_name="progressupdate",
            name="action",
            field=models.ForeignKey(
                on_delete=improvement.models.plans.keep_worked_on, related_name="updates", to="improvement.action"
            ),
        ),
        migrations.RunPython(add_index, drop_index),
    ]
