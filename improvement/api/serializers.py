"""How each record reads as JSON. Owners appear by role title (the identity the minutes use);
documents by their details and the quotes read from them, never their text or bytes."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from improvement import rag
from improvement.models import (
    Action,
    ImprovementPlan,
    Inspection,
    InspectionJudgement,
    Measure,
    MeasureValue,
    ProgressUpdate,
    Recommendation,
    SourceDocument,
    Theme,
)
from improvement.selectors.coverage import NO_ACTION

NULLABLE_TEXT = serializers.CharField(allow_null=True)


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImprovementPlan
        fields = ["id", "title", "inspection", "approved_on", "created_at"]


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "plan", "number", "title"]


class CoverageSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(
        choices=[NO_ACTION, rag.RED, rag.AMBER, rag.GREEN, rag.BLUE],
        help_text='The worst rating of its actions, "blue" or "green" when all are complete, "none" with no action.',
    )
    label = serializers.CharField()
    reason = serializers.CharField()
    gaps = serializers.ListField(child=serializers.CharField(), help_text='e.g. "No owner", "No measure".')


class RecommendationSerializer(serializers.ModelSerializer):
    coverage = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["id", "reference", "text", "source_label", "inspection", "coverage", "actions"]

    @extend_schema_field(CoverageSerializer)
    def get_coverage(self, rec) -> dict:
        return {
            "rating": rec.derived.rating,
            "label": rec.derived.label,
            "reason": rec.derived.reason,
            "gaps": rec.gaps,
        }

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, rec) -> list[int]:
        return [a.pk for a in rec.actions.all()]


class RagSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=list(rag.LABELS))
    label = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


class ActionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    owner_role = serializers.SerializerMethodField(help_text="The owner's role title; null with no owner.")
    brag = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()
    measures = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField(help_text="The action's page in the tracker.")

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "plan",
            "theme",
            "owner",
            "owner_role",
            "start_date",
            "due_date",
            "status",
            "status_label",
            "progress",
            "brag",
            "evidence_url",
            "recommendations",
            "measures",
            "updated_at",
            "web_url",
        ]

    @extend_schema_field(NULLABLE_TEXT)
    def get_owner_role(self, action) -> str | None:
        return action.owner.role_title if action.owner_id else None

    @extend_schema_field(RagSerializer)
    def get_brag(self, action) -> dict:
        explained = action.explained
        return {"rating": explained.rating, "label": explained.label, "reasons": explained.reasons}

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_recommendations(self, action) -> list[int]:
        return [r.pk for r in action.recommendations.all()]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_measures(self, action) -> list[int]:
        return [m.pk for m in getattr(action, "measures_latest", [])]

    def get_web_url(self, action) -> str:
        return _absolute(self, reverse("action_detail", args=[action.pk]))


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class ProgressUpdateSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text="Who wrote it; null for the importer or a removed account.")

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "action",
            "kind",
            "created_at",
            "author",
            "status",
            "progress",
            "note",
            "evidence_url",
            "reason",
        ]

    @extend_schema_field(NULLABLE_TEXT)
    def get_author(self, update) -> str | None:
        return str(update.author) if update.author_id else None


class MeasureValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeasureValue
        fields = [
            "id",
            "date",
            "value",
            "suppression",
            "qualifier",
            "numerator",
            "denominator",
            "england",
            "region",
            "statistical_neighbours",
        ]


class MeasureSerializer(serializers.ModelSerializer):
    values = MeasureValueSerializer(source="all_values", many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "name", "unit", "polarity", "target", "tolerance", "values"]


class JudgementSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area_name", help_text="Ofsted's name for the area.")
    area_key = serializers.SerializerMethodField()
    grade_name = serializers.CharField(help_text="The grade in the framework's own words.")

    class Meta:
        model = InspectionJudgement
        fields = ["area", "area_key", "grade", "grade_name"]

    @extend_schema_field(NULLABLE_TEXT)
    def get_area_key(self, judgement) -> str | None:
        return judgement.judgement_area.key if judgement.judgement_area_id else None


class InspectionSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    framework = serializers.SerializerMethodField()
    overall_grade = serializers.SerializerMethodField(
        help_text="The overall grade in words; null where there is none (frameworks from 1 April 2026 give none)."
    )
    judgements = JudgementSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            "kind_label",
            "ordinal",
            "title",
            "start_date",
            "end_date",
            "date_precision",
            "framework",
            "overall_judgement",
            "overall_grade",
            "judgements",
            "areas_for_priority_action",
            "report_published",
            "report_url",
        ]

    @extend_schema_field(NULLABLE_TEXT)
    def get_framework(self, inspection) -> str | None:
        return inspection.framework.name if inspection.framework_id else None

    @extend_schema_field(NULLABLE_TEXT)
    def get_overall_grade(self, inspection) -> str | None:
        return inspection.overall_grade_name or None


class QuoteSerializer(serializers.Serializer):
    record = serializers.ChoiceField(
        choices=["inspection", "recommendation", "action", "owner", "measure", "measure_value", "decision"]
    )
    id = serializers.IntegerField()
    quote = serializers.CharField(allow_blank=True)
    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)


class DocumentSerializer(serializers.ModelSerializer):
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta:
        model = SourceDocument
        fields = ["id", "filename", "kind", "meeting_date", "committee", "imported_at", "quotes"]
