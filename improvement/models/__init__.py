"""The domain: one package, a module per part of the picture in DESIGN.md."""

from .access import ApiToken, CalendarFeed
from .authority import Authority, Meeting, User
from .benchmarks import BenchmarkMapping
from .decisions import Decision
from .documents import Provenance, SourceDocument
from .frameworks import Framework, Grade, InspectionTheme, JudgementArea
from .imports import ImportDraft
from .inspections import Inspection, InspectionJudgement, Judgement, Recommendation, grade_name
from .measures import Measure, MeasureValue, Polarity, Suppression
from .neighbours import Closeness, StatisticalNeighbour
from .packs import CommitteePackFile
from .plan_versions import PlanVersion
from .plans import Action, ActionStatus, ImprovementPlan, Owner, ProgressUpdate, Theme, UpdateKind
from .publication import Publication, PublicView
from .region import AdviserGrant
from .reminders import Digest, DigestReminder, Reminder, ReminderKind

__all__ = [
    "Action",
    "ActionStatus",
    "AdviserGrant",
    "ApiToken",
    "Authority",
    "BenchmarkMapping",
    "CalendarFeed",
    "Closeness",
    "CommitteePackFile",
    "Decision",
    "Digest",
    "DigestReminder",
    "Framework",
    "Grade",
    "ImportDraft",
    "ImprovementPlan",
    "Inspection",
    "InspectionJudgement",
    "InspectionTheme",
    "Judgement",
    "JudgementArea",
    "Measure",
    "MeasureValue",
    "Meeting",
    "Owner",
    "PlanVersion",
    "Polarity",
    "ProgressUpdate",
    "PublicView",
    "Publication",
    "Provenance",
    "Recommendation",
    "Reminder",
    "ReminderKind",
    "SourceDocument",
    "StatisticalNeighbour",
    "Suppression",
    "Theme",
    "UpdateKind",
    "User",
    "grade_name",
]
