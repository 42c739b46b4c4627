"""A user's new name (or council) moves the plan version of every council whose pages show it, so a kept page
never shows the old name (see `user_rename_sql` in improvement/models/plan_versions.py)."""

from django.db import migrations

from improvement.models.plan_versions import user_triggers_install, user_triggers_remove


class Migration(migrations.Migration):
    dependencies = [("improvement", "0016_digest_reminder_links")]

    operations = [migrations.RunPython(user_triggers_install, user_triggers_remove)]
