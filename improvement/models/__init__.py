"""The domain: one package, a module per part of the picture in DESIGN.md."""

from .authority import Authority, Meeting, User
from .decisions import Decision
from .documents import Provenance, SourceDocument
from .imports import ImportDraft
from .inspections import Inspection, InspectionJudgement, Judgement, Recommendation
from .measures import Measure, MeasureValue, Polarity
from .packs import CommitteePackFile
from .plans import Action, ActionStatus, ImprovementPlan, Owner, ProgressUpdate, Theme, UpdateKind
from .region import AdviserGrant
from .reminders import Digest, Reminder, ReminderKind

__all__ = [
    "Action",
    "ActionStatus",
    "AdviserGrant",
    "Authority",
    "CommitteePackFile",
    "Decision",
    "Digest",
    "ImportDraft",
    "ImprovementPlan",
    "Inspection",
    "InspectionJudgement",
    "Judgement",
    "Measure",
    "MeasureValue",
    "Meeting",
    "Owner",
    "Polarity",
    "ProgressUpdate",
    "Provenance",
    "Recommendation",
    "Reminder",
    "ReminderKind",
    "SourceDocument",
    "Theme",
    "UpdateKind",
    "User",
]
