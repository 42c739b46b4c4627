"""The admin, usable by an improvement lead: scoped to their authority, provenance read-only."""

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from improvement import models, permissions, roles
from improvement.selectors.audit import deletion_refusal
from improvement.services import actions as action_services
from improvement.services.audit import audit_context

from . import changelist, lists
from .lists import CouncilRelatedFilter, authority_path_of

# The audit trail is read on the Audit log page (/audit/), scoped to the user's council;
# auditlog's own admin would list every council's entries.
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)

PROVENANCE_FIELDS = ("source_document", "source_quote", "source_start", "source_end")


class SuperusersOnly:
    """Only a superuser sees or changes these records, as far as the admin itself allows (a ModelAdmin
    mixin, before the admin class).

    The tracker grants no Django model permissions: its roles are groups, asked through
    `permissions`. Left to Django, the admins below would ask a council's staff for model
    permissions they never have, at two queries on every admin page (for the sidebar)."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, *args, **kwargs):
        return request.user.is_superuser and super().has_view_permission(request, *args, **kwargs)

    def has_add_permission(self, request, *args, **kwargs):
        return request.user.is_superuser and super().has_add_permission(request, *args, **kwargs)

    def has_change_permission(self, request, *args, **kwargs):
        return request.user.is_superuser and super().has_change_permission(request, *args, **kwargs)

    def has_delete_permission(self, request, *args, **kwargs):
        return request.user.is_superuser and super().has_delete_permission(request, *args, **kwargs)


def _for_superusers_only(model) -> None:
    """Register another app's admin for `model` again, for superusers only (`SuperusersOnly`)."""
    if not admin.site.is_registered(model):
        return
    current = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(current.__name__, (SuperusersOnly, current), {"__module__": __name__}))


# Groups are the roles, and the sign-in records (django-axes) are every council's: neither is a
# council's to see.
for _model in (Group, AccessAttempt, AccessLog, AccessFailureLog):
    _for_superusers_only(_model)


class ScopedAdmin(admin.ModelAdmin):
    """Everything an improvement lead sees here belongs to their own authority."""

    authority_path = "authority"

    def get_queryset(self, request):
        return permissions.scope_to_user(
            super().get_queryset(request), request.user, authority_path=self.authority_path
        )

    def _may(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not _is_lead(request):
            return False
        return obj is None or permissions.can_manage_plan(request.user, obj)

    def has_module_permission(self, request):
        return (
            self._may(request) or permissions.is_manager(request.user) or permissions.is_scrutiny_member(request.user)
        )

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or (
            request.user.is_authenticated
            and request.user.authority_id is not None
            and (obj is None or permissions.can_view(request.user, obj))
        )

    # Django's checkbox for each row, the same markup written without the form renderer's templates
    # (fifty a page); tests/foundation/test_admin.py holds the two equal.
    action_checkbox = changelist.action_checkbox

    def has_add_permission(self, request):
        return self._may(request)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """Django's; on the council's whole list it is told the count, kept with the filters' choices
        (a COUNT over every action, or every progress update, of the council otherwise)."""
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if lists.is_whole_list(request, self):
            paginator.count = lists.council_lists(request, self)["count"]
        return paginator

    def get_list_filter(self, request):
        """Filters on a related record list only the records this admin's rows use, and the
        rows are already scoped to the user's council: no other council's names appear."""
        scoped = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and _is_relation(self.model, entry):
                entry = (entry, CouncilRelatedFilter)
            scoped.append(entry)
        return scoped

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if hasattr(self.model, "source_quote"):
            fields += [f for f in PROVENANCE_FIELDS if f not in fields]
        return fields

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and hasattr(self.model, "authority"):
            exclude.append("authority")
        return exclude

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "authority_id") and obj.authority_id is None:
            obj.authority_id = request.user.authority_id
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        """A record people have worked on (an action with updates, a measure with values, a plan
        with actions) is refused, with the reason on the admin's "cannot delete" page."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [reason for reason in (deletion_refusal(obj) for obj in objs) if reason]
        if refusals:
            # The reason comes first; the admin shows "protected" only when no permission is lacking.
            return to_delete, model_count, set(), [*refusals, *protected]
        return to_delete, model_count, perms_needed, protected

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        _scope_choices(field, request)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        _scope_choices(field, request)
        return field


def _is_lead(request) -> bool:
    """Is the user an improvement lead? Asked once a request: every admin's add, change and delete
    permission asks it while the sidebar is drawn (fifteen admins, four questions each)."""
    known = getattr(request, "_tracker_admin_lead", None)
    if known is None:
        known = request._tracker_admin_lead = bool(permissions.is_improvement_lead(request.user))
    return known


def _is_relation(model, path):
    """Does this list_filter path end in a foreign key or many-to-many ("owner", "plan__inspection")?"""
    field = None
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - not a model field: a lookup such as __isnull
            return False
        if not field.is_relation:
            return False
        model = field.related_model
    return field is not None and field.is_relation


def _scope_choices(field, request):
    """Offer only the user's own authority's records in choice lists."""
    if field is None or request.user.is_superuser:
        return
    path = authority_path_of(field.queryset.model)
    if path is not None:
        field.queryset = field.queryset.filter(**{f"{path}_id": request.user.authority_id})


class ScopedInline(admin.TabularInline):
    extra = 0

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or permissions.is_improvement_lead(request.user)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(models.Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "ons_code", "ofsted_region")
    search_fields = ("name", "ons_code")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(pk=request.user.authority_id)

    def has_module_permission(self, request):
        return request.user.is_superuser or permissions.is_improvement_lead(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or (
            permissions.is_improvement_lead(request.user) and (obj is None or obj.pk == request.user.authority_id)
        )

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(models.User)
class UserAdmin(SuperusersOnly, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Tracker", {"fields": ("authority", "reminders_opt_out")}),)
    list_display = ("username", "email", "first_name", "last_name", "authority", "is_active")
    list_filter = ("authority", "groups", "is_active")


@admin.register(models.Meeting)
class MeetingAdmin(ScopedAdmin):
    list_display = ("committee", "date", "authority")
    list_filter = ("committee",)
    search_fields = ("committee",)
    date_hierarchy = "date"


@admin.register(models.SourceDocument)
class SourceDocumentAdmin(ScopedAdmin):
    list_display = ("filename", "kind", "committee", "meeting_date", "imported_at")
    list_filter = ("kind", "committee")
    search_fields = ("filename", "text")
    readonly_fields = ("sha256", "text", "warnings", "privacy_flags", "imported_at", "imported_by")


class JudgementInline(ScopedInline):
    model = models.InspectionJudgement
    fields = ("judgement_area", "area", "grade")


@admin.register(models.Inspection)
class InspectionAdmin(ScopedAdmin):
    list_display = ("__str__", "kind", "start_date", "overall_judgement", "report_published")
    list_filter = ("kind", "overall_judgement", "areas_for_priority_action")
    search_fields = ("title", "focus", "source_quote")
    inlines = [JudgementInline]


@admin.register(models.Recommendation)
class RecommendationAdmin(ScopedAdmin):
    list_display = ("reference", "short_text", "inspection", "theme")
    list_select_related = ("inspection", "theme")
    list_filter = ("inspection__kind", "theme")
    search_fields = ("text", "reference", "source_label")

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text[:90]


class ThemeInline(ScopedInline):
    model = models.Theme


@admin.register(models.ImprovementPlan)
class ImprovementPlanAdmin(ScopedAdmin):
    list_display = ("title", "inspection", "approved_on")
    list_select_related = ("inspection",)
    search_fields = ("title",)
    inlines = [ThemeInline]


@admin.register(models.Owner)
class OwnerAdmin(ScopedAdmin):
    list_display = ("role_title", "person_name", "email", "line_manager")
    list_select_related = ("line_manager",)
    list_filter = ("line_manager",)
    search_fields = ("role_title", "person_name", "email")


class UpdateInline(admin.TabularInline):
    model = models.ProgressUpdate
    extra = 0
    fields = ("created_at", "kind", "author", "status", "progress", "note", "evidence_url", "changes", "reason")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # history is written by the update service, never edited here

    def has_change_permission(self, request, obj=None):
        return False


class ActionAdminForm(forms.ModelForm):
    """The admin's action form: a change needs a reason, and is refused if someone saved first."""

    reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the action's history and the audit log.",
        error_messages={"required": "Enter the reason for the change"},
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = models.Action
        fields = ("authority", *action_services.EDITABLE_FIELDS, "recommendations", "measures")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["reason"].required = False
            self.fields["reason"].help_text = "Optional for a new action. " + self.fields["reason"].help_text
        else:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None:
            stored = models.Action.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if data.get("loaded_version") != stored:
                raise forms.ValidationError(
                    "Someone else changed this action after you opened it. Open it again and redo your changes."
                )
        return data


@admin.register(models.Action)
class ActionAdmin(ScopedAdmin):
    form = ActionAdminForm
    list_display = ("title", "owner", "due_date", "status", "progress", "theme")
    # owner and theme are nullable, so Django would not join them itself: one query per row without this
    list_select_related = ("owner", "theme")
    # what the rows show (QuickChangeList reads only these): not the description or the quotes
    list_only = ("title", "due_date", "status", "progress", "owner__role_title", "owner__person_name")
    list_only += ("theme__number", "theme__title")
    list_per_page = 50  # a screenful to scan and tick; the rest are a page away (100 rows were most of its time)
    show_full_result_count = False  # the council's count is the total already: one COUNT(*), not two
    list_filter = ("status", "theme", "plan", "owner")
    search_fields = ("title", "description", "reference")
    date_hierarchy = "due_date"
    filter_horizontal = ("recommendations", "measures")
    # Status, progress and evidence change through progress updates, which keep their own history.
    readonly_fields = ("version", "signed_off_by", "signed_off_at", "status", "progress", "evidence_url")
    inlines = [UpdateInline]

    def get_changelist(self, request, **kwargs):
        """Rows and year links written with less work per row than Django's tags, the same markup
        (templates/admin/improvement/action/change_list.html uses them)."""
        return changelist.QuickChangeList

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "authority"] if obj is not None and request.user.is_superuser else fields

    def save_model(self, request, obj, form, change):
        """Through the action services, as the action's own pages: a change adds a history row
        (before -> after, with the reason) and raises the version; a new action gets its
        "created" row."""
        data = form.cleaned_data
        if not change:
            if obj.authority_id is None:
                obj.authority_id = request.user.authority_id
            with audit_context(request.user, data.get("reason", "")):
                obj.save()
            action_services.action_record_created(action=obj, by=request.user, reason=data.get("reason", ""))
            return
        stored = models.Action.objects.select_related("owner", "theme", "plan").get(pk=obj.pk)
        result = action_services.action_change_fields(
            action=stored,
            by=request.user,
            changes={name: data[name] for name in action_services.EDITABLE_FIELDS if name in data},
            reason=data["reason"],
            expected_version=data["loaded_version"],
            recommendations=list(data["recommendations"]) if "recommendations" in data else None,
            measures=list(data["measures"]) if "measures" in data else None,
        )
        obj.version = (result.action if result else stored).version


class ValueInline(ScopedInline):
    model = models.MeasureValue
    exclude = PROVENANCE_FIELDS


@admin.register(models.Measure)
class MeasureAdmin(ScopedAdmin):
    list_display = ("name", "unit", "polarity", "target", "tolerance")
    list_filter = ("unit", "polarity")
    search_fields = ("name",)
    inlines = [ValueInline]


@admin.register(models.Decision)
class DecisionAdmin(ScopedAdmin):
    list_display = ("short_text", "kind", "meeting")
    list_select_related = ("meeting",)
    list_filter = ("kind",)
    search_fields = ("text",)

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text[:90]


@admin.register(models.Reminder)
class ReminderAdmin(ScopedAdmin):
    authority_path = "action__authority"
    list_display = ("action", "kind", "due_on", "recipient", "state", "sent_at")
    list_select_related = ("action",)
    list_filter = ("kind", "state")
    search_fields = ("recipient", "action__title")
    readonly_fields = ("action", "kind", "due_on", "recipient", "state", "sent_at", "message_id", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(ScopedAdmin):
    authority_path = "action__authority"
    list_display = ("action", "kind", "author", "status", "progress", "created_at")
    list_select_related = ("action", "author")
    list_filter = ("kind", "status")
    search_fields = ("note", "action__title")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.AdviserGrant)
class AdviserGrantAdmin(admin.ModelAdmin):
    """Which councils each regional adviser may read: superusers only."""

    list_display = ("user", "authority", "granted_at")
    list_filter = ("authority",)
    list_select_related = ("user", "authority")
    search_fields = ("user__username", "user__first_name", "user__last_name", "authority__name")
    autocomplete_fields = ("authority",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = models.User.objects.filter(groups__name=roles.REGIONAL_ADVISER, authority=None)
            kwargs["help_text"] = "Someone in the Regional adviser group, linked to no council."
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class SuperuserOnlyAdmin(SuperusersOnly, admin.ModelAdmin):
    """Reference data shared by every council (frameworks, themes): only a superuser changes it."""


class GradeInline(admin.TabularInline):
    model = models.Grade
    extra = 0


class AreaInline(admin.TabularInline):
    model = models.JudgementArea
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(SuperuserOnlyAdmin):
    list_display = ("name", "starts_on", "ends_on", "has_overall_grade")
    inlines = [AreaInline, GradeInline]


@admin.register(models.InspectionTheme)
class InspectionThemeAdmin(SuperuserOnlyAdmin):
    list_display = ("name", "kind", "starts_on", "ends_on", "agencies")
    list_filter = ("kind",)
