"""A counter per council moved by the database on every change to what the plan's pages show
(see improvement/models/plan_versions.py): the heavy pages' cache asks it instead of counting."""

from django.db import migrations, models

from improvement.models.plan_versions import triggers_install, triggers_remove


class Migration(migrations.Migration):
    dependencies = [("improvement", "0012_merge_0011_api_0011_public_benchmarks")]

    operations = [
        migrations.CreateModel(
            name="PlanVersion",
            fields=[
                ("authority_id", models.IntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("figures", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "plan version"},
        ),
        migrations.RunPython(triggers_install, triggers_remove),
    ]
