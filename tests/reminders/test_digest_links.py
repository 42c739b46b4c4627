"""Which reminders are in which digest: written by the sweep, gone with either end, never left pointing at nothing.

The link table has no foreign-key constraints in the database (see ``DigestReminder``), so these tests are what
stands between a deleted action, digest or council and links to rows that no longer exist.
"""

import pytest

from improvement import roles
from improvement.models import Action, Digest, DigestReminder, Reminder
from improvement.models import ReminderKind as K
from improvement.services.reminders import reminders_sweep
from tests.factories import ActionFactory, OwnerFactory, UserFactory
from tests.reminders.conftest import DUE

pytestmark = pytest.mark.django_db


def orphans() -> int:
    """Links whose digest or reminder is not in the database."""
    return (
        DigestReminder.objects.exclude(digest_id__in=Digest.objects.values("pk"))
        .union(DigestReminder.objects.exclude(reminder_id__in=Reminder.objects.values("pk")))
        .count()
    )


@pytest.fixture
def swept(council):
    """A day's sweep: one action for the head of service, one with an owner who has no email (to both leads)."""
    authority = council["authority"]
    UserFactory(authority=authority, role=roles.IMPROVEMENT_LEAD, username="lead2", email="lead2@northshire.example")
    ActionFactory(authority=authority, owner=council["head"], title="Audit case files", due_date=DUE)
    nobody = OwnerFactory(authority=authority, role_title="Virtual School Head", email="")
    ActionFactory(authority=authority, owner=nobody, title="Pathway plans", due_date=DUE)
    result = reminders_sweep(today=DUE)
    assert result.claimed == 2
    return council


def in_digests() -> dict[str, list[str]]:
    return {
        d.to_email: sorted(d.reminders.values_list("action__title", flat=True))
        for d in Digest.objects.order_by("to_email")
    }


def test_a_reminder_for_the_leads_is_in_each_leads_digest(swept):
    assert in_digests() == {
        "hos@northshire.example": ["Audit case files"],
        "lead2@northshire.example": ["Pathway plans"],
        "lead@northshire.example": ["Pathway plans"],
    }
    pathway = Reminder.objects.get(action__title="Pathway plans", kind=K.DUE)
    assert sorted(pathway.digests.values_list("to_email", flat=True)) == [
        "lead2@northshire.example",
        "lead@northshire.example",
    ]
    assert orphans() == 0


def test_deleting_an_action_takes_its_reminders_out_of_every_digest(swept):
    Action.objects.get(title="Pathway plans").delete()
    assert in_digests() == {
        "hos@northshire.example": ["Audit case files"],
        "lead2@northshire.example": [],
        "lead@northshire.example": [],
    }
    assert DigestReminder.objects.count() == 1
    assert orphans() == 0


def test_deleting_a_digest_takes_its_links_and_leaves_the_reminders(swept):
    Digest.objects.get(to_email="lead@northshire.example").delete()
    assert in_digests() == {
        "hos@northshire.example": ["Audit case files"],
        "lead2@northshire.example": ["Pathway plans"],
    }
    assert Reminder.objects.count() == 2
    assert orphans() == 0


def test_deleting_many_reminders_at_once_takes_their_links(swept):
    Reminder.objects.filter(kind=K.DUE).delete()
    assert DigestReminder.objects.count() == 0
    assert Digest.objects.count() == 3
    assert orphans() == 0


def test_a_link_names_its_reminder_and_digest(swept):
    link = DigestReminder.objects.select_related("digest").first()
    assert str(link) == f"Reminder {link.reminder_id} in digest {link.digest_id}"
