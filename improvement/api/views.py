"""The read API's endpoints: one council's plan as JSON, page by page.

Each endpoint: pick the council (`?authority=<slug>` for an adviser or a superuser), answer
304 when the client's ETag or date is still current, else read one selector, attach what the
page shows, and serialise. Another council's record is "not found", as on the web pages.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from improvement import permissions
from improvement.api import serializers
from improvement.filters.actions import ActionFilterSet
from improvement.filters.common import bind
from improvement.models import ActionStatus
from improvement.selectors import api as selectors

AUTHORITY = OpenApiParameter(
    "authority",
    OpenApiTypes.STR,
    description="A regional adviser's or a superuser's choice of council, by its slug. "
    "Everyone else reads their own council and may leave it out.",
)
ERROR = inline_serializer("Error", fields={"detail": drf_serializers.CharField()})
ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="A filter that is not valid, by name."),
    401: OpenApiResponse(ERROR, description="No token, or one not valid or revoked."),
    404: OpenApiResponse(ERROR, description="No such record or page, or another council's."),
    429: OpenApiResponse(ERROR, description="Too many requests: wait as the Retry-After header says."),
}
NOT_MODIFIED = {304: OpenApiResponse(description="Nothing has changed since the ETag or date you sent.")}


class CouncilReadViewSet(viewsets.GenericViewSet):
    """List and retrieve for one council's records, with ETag and Last-Modified."""

    selector = None  # a function (user, authority[, today]) -> QuerySet

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.today = timezone.localdate()
        slug = request.query_params.get("authority")
        # A list is one council's; one record is found among every council the user may read
        # (narrowed to one when ?authority= is given).
        self.authority = None
        if self.action == "list" or slug:
            self.authority = selectors.api_authority(user=request.user, slug=slug)

    def get_queryset(self):
        return type(self).selector(user=self.request.user, authority=self.authority)

    def decorate(self, rows: list) -> list:
        """What a page of rows needs beyond its queryset (ratings, coverage, quotes)."""
        return rows

    def _validators(self):
        digest, last_modified = selectors.api_change_stamp(authority=self.authority, today=self.today)
        seed = (
            f"{digest}|{self.request.get_full_path()}|{self.request.user.pk}|{permissions.role_of(self.request.user)}"
        )
        return quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32]), last_modified

    def _answer(self, build):
        etag, last_modified = self._validators()
        stamp = last_modified.timestamp()
        not_modified = get_conditional_response(self.request, etag=etag, last_modified=int(stamp))
        response = not_modified if not_modified is not None else build()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stamp)
        return response

    def list(self, request, *args, **kwargs):
        def build():
            queryset = self.filter_queryset(self.get_queryset())
            page = self.paginate_queryset(queryset)
            rows = self.decorate(list(page))
            return self.get_paginated_response(self.get_serializer(rows, many=True).data)

        return self._answer(build)

    def retrieve(self, request, *args, **kwargs):
        row = self.get_object()
        if self.authority is None:
            self.authority = selectors.api_authority_of(record=row)
        return self._answer(lambda: Response(self.get_serializer(self.decorate([row])[0]).data))


def _read(tag: str, what: str, serializer, *, extra=()):
    """The schema of a list and its one-record endpoint: parameters, the 200 answer and the errors."""
    return extend_schema_view(
        list=extend_schema(
            tags=[tag],
            summary=f"List {what}",
            parameters=[AUTHORITY, *extra],
            responses={200: serializer, **NOT_MODIFIED, **ERRORS},
        ),
        retrieve=extend_schema(
            tags=[tag],
            summary=f"One of the {what.split(',')[0]}",
            parameters=[AUTHORITY],
            responses={200: serializer, **NOT_MODIFIED, **ERRORS},
        ),
    )


@_read("Plans", "improvement plans", serializers.PlanSerializer)
class PlanViewSet(CouncilReadViewSet):
    serializer_class = serializers.PlanSerializer
    selector = selectors.api_plans


@_read("Plans", "themes of the plans", serializers.ThemeSerializer)
class ThemeViewSet(CouncilReadViewSet):
    serializer_class = serializers.ThemeSerializer
    selector = selectors.api_themes


@_read("Recommendations", "recommendations, with their coverage", serializers.RecommendationSerializer)
class RecommendationViewSet(CouncilReadViewSet):
    serializer_class = serializers.RecommendationSerializer
    selector = selectors.api_recommendations

    def decorate(self, rows):
        return selectors.api_recommendations_page(authority=self.authority, rows=rows, today=self.today)

    def retrieve(self, request, *args, **kwargs):
        if self.authority is None:  # coverage is counted within one council: the recommendation's
            self.authority = selectors.api_authority_of(record=self.get_object())
        return super().retrieve(request, *args, **kwargs)


ACTION_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the title, description or reference."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=list(ActionStatus.values)),
    OpenApiParameter("theme", OpenApiTypes.INT, description="A theme's id."),
    OpenApiParameter("recommendation", OpenApiTypes.INT, description="A recommendation's id."),
    OpenApiParameter("owner", OpenApiTypes.INT, description="An owner's id."),
    OpenApiParameter("due_from", OpenApiTypes.DATE, description="Due on or after (YYYY-MM-DD)."),
    OpenApiParameter("due_to", OpenApiTypes.DATE, description="Due on or before (YYYY-MM-DD)."),
    OpenApiParameter("overdue", OpenApiTypes.BOOL, description="Overdue and not complete only."),
]


@_read("Actions", "actions, with their BRAG rating and its reasons", serializers.ActionSerializer, extra=ACTION_FILTERS)
class ActionViewSet(CouncilReadViewSet):
    """The action list's filters (improvement/filters/actions.py), the same names and meanings."""

    serializer_class = serializers.ActionSerializer

    def get_queryset(self):
        return selectors.api_actions(user=self.request.user, authority=self.authority, today=self.today)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filterset = bind(
            ActionFilterSet,
            data=self.request.query_params,
            queryset=queryset,
            authority=self.authority,
            today=self.today,
        )
        if filterset.has_errors:
            raise ValidationError({name: [str(e) for e in errors] for name, errors in filterset.form.errors.items()})
        return filterset.qs

    def decorate(self, rows):
        return selectors.api_actions_page(rows=rows, today=self.today)


ACTION = OpenApiParameter("action", OpenApiTypes.INT, description="One action's history only, by its id.")


@_read("Actions", "progress updates, newest first", serializers.ProgressUpdateSerializer, extra=[ACTION])
class ProgressUpdateViewSet(CouncilReadViewSet):
    serializer_class = serializers.ProgressUpdateSerializer
    selector = selectors.api_progress_updates

    def filter_queryset(self, queryset):
        asked = self.request.query_params.get("action")
        if self.action != "list" or asked in (None, ""):
            return queryset
        if not asked.isdigit() or len(asked) > 18:
            raise ValidationError({"action": ["Enter an action's id, a whole number."]})
        return queryset.filter(action_id=int(asked))


@_read(
    "Measures",
    "measures, with every value and its England, region and neighbours' figures",
    serializers.MeasureSerializer,
)
class MeasureViewSet(CouncilReadViewSet):
    serializer_class = serializers.MeasureSerializer
    selector = selectors.api_measures


@_read(
    "Inspections", "inspections and visits, with the grade for each judgement area", serializers.InspectionSerializer
)
class InspectionViewSet(CouncilReadViewSet):
    serializer_class = serializers.InspectionSerializer
    selector = selectors.api_inspections


@_read(
    "Documents",
    "imported documents, with their details and the quotes read from them (never their text)",
    serializers.DocumentSerializer,
)
class DocumentViewSet(CouncilReadViewSet):
    serializer_class = serializers.DocumentSerializer
    selector = selectors.api_documents

    def decorate(self, rows):
        return selectors.api_documents_page(rows=rows)


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@authentication_classes([])
@throttle_classes([])
def not_found(request, rest: str):
    raise NotFound("There is no such endpoint or record. The endpoints are listed at /api/.")
