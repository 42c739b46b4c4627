from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "Improvement plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Register the Celery tasks in every process, so a task the services queue by name
        # (they never import the task module) runs inline when CELERY_TASK_ALWAYS_EAGER is on.
        from django.contrib.auth.signals import user_logged_in

        from improvement import tasks  # noqa: F401
        from improvement.middleware import mark_seen_at_sign_in
        from improvement.services.audit import audit_register

        user_logged_in.connect(mark_seen_at_sign_in, dispatch_uid="improvement-idle-clock")
        audit_register()
