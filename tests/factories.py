"""factory_boy factories for the domain; every record belongs to one authority."""

import datetime as dt
import hashlib

import factory
from django.contrib.auth.models import Group

from improvement import models

PASSWORD = "correct-horse-battery-staple"


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Authority
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Authority {n} Council")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass role="Manager" (or another group name) to put them in a role group."""

    class Meta:
        model = models.User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Example"
    authority = factory.SubFactory(AuthorityFactory)

    @classmethod
    def _create(cls, model_class, *args, role=None, password=PASSWORD, **kwargs):
        user = model_class.objects.create_user(*args, password=password, **kwargs)
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Inspection

    authority = factory.SubFactory(AuthorityFactory)
    kind = models.Inspection.Kind.ILACS_STANDARD
    start_date = dt.date(2025, 3, 3)
    end_date = dt.date(2025, 3, 14)
    overall_judgement = "requires_improvement"
    report_published = dt.date(2025, 5, 9)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ImprovementPlan

    authority = factory.SubFactory(AuthorityFactory)
    title = "Children's services improvement plan"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Theme

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Theme title {n}")


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Owner

    authority = factory.SubFactory(AuthorityFactory)
    role_title = factory.Sequence(lambda n: f"Head of Service {n}")
    email = factory.Sequence(lambda n: f"owner{n}@example.org")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Recommendation

    authority = factory.SubFactory(AuthorityFactory)
    reference = factory.Sequence(lambda n: str(n + 1))
    text = "Improve the quality of management oversight of casework."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Action

    authority = factory.SubFactory(AuthorityFactory)
    plan = factory.SubFactory(PlanFactory, authority=factory.SelfAttribute("..authority"))
    owner = factory.SubFactory(OwnerFactory, authority=factory.SelfAttribute("..authority"))
    title = factory.Sequence(lambda n: f"Action {n}: audit case files monthly")
    due_date = dt.date(2026, 12, 31)
    status = models.ActionStatus.ON_TRACK
    progress = 40


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Measure

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Case files compliant {n}")
    unit = "%"
    target = 80
    tolerance = 10


class MeasureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MeasureValue

    measure = factory.SubFactory(MeasureFactory)
    date = dt.date(2026, 10, 1)
    value = 62


class InspectionJudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.InspectionJudgement

    inspection = factory.SubFactory(InspectionFactory)
    area = "The experiences and progress of children in care"
    grade = "requires_improvement"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    authority = factory.SubFactory(AuthorityFactory)
    committee = "Children's Scrutiny Committee"
    date = dt.date(2026, 9, 10)


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    """An imported text; its sha256 follows from the text."""

    class Meta:
        model = models.SourceDocument

    authority = factory.SubFactory(AuthorityFactory)
    filename = "minutes.txt"
    text = factory.Sequence(lambda n: f"Minutes of meeting {n}.")
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())
    committee = "Children's Scrutiny Committee"


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """A history row; pass `at` (an aware datetime) to date it, as `created_at` is stamped on insert."""

    class Meta:
        model = models.ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    kind = models.UpdateKind.PROGRESS
    status = factory.SelfAttribute("action.status")
    progress = factory.SelfAttribute("action.progress")

    @classmethod
    def _create(cls, model_class, *args, at=None, **kwargs):
        update = super()._create(model_class, *args, **kwargs)
        if at is not None:
            model_class.objects.filter(pk=update.pk).update(created_at=at)
            update.created_at = at
        return update
