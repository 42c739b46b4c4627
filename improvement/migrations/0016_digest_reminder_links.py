"""The links of digests to their reminders as a model of their own, on the same table, without the two
foreign-key constraints in the database or the index on the digest alone (see ``DigestReminder``).

The first step only tells Django that the table it made for ``Digest.reminders`` is now
``DigestReminder``'s: nothing changes in the database. The next two drop the constraints and the index.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("improvement", "0015_reminder_fillfactor")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DigestReminder",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "digest",
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="improvement.digest"),
                        ),
                        (
                            "reminder",
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="improvement.reminder"),
                        ),
                    ],
                    options={"db_table": "improvement_digest_reminders", "unique_together": {("digest", "reminder")}},
                ),
                migrations.AlterField(
                    model_name="digest",
                    name="reminders",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="digests",
                        through="improvement.DigestReminder",
                        to="improvement.reminder",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="digestreminder",
            name="digest",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                to="improvement.digest",
            ),
        ),
        migrations.AlterField(
            model_name="digestreminder",
            name="reminder",
            field=models.ForeignKey(
                db_constraint=False, on_delete=django.db.models.deletion.CASCADE, to="improvement.reminder"
            ),
        ),
    ]
