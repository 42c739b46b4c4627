from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, F

from improvement import roles
from improvement.models import Action, Authority, MeasureValue, Owner, ProgressUpdate, Theme
from improvement.permissions import owner_ids_managed_by
from tests.factories import AuthorityFactory


def test_generate_demo_makes_500_actions(db):
    # How fast it is belongs to the benchmarks (`make bench`), not to a test.
    call_command("generate_demo", "--authorities", "1", "--actions-per-authority", "500", verbosity=0)
    authority = Authority.objects.get()
    assert Action.objects.filter(authority=authority).count() == 500
    assert Theme.objects.filter(plan__authority=authority).count() >= 6
    assert MeasureValue.objects.filter(measure__authority=authority).count() >= 8 * 24
    assert ProgressUpdate.objects.filter(action__authority=authority).count() > 500
    for role in roles.ALL:
        assert authority.users.filter(groups__name=role).exists()
    assert Owner.objects.filter(authority=authority, line_manager__isnull=False).count() >= 8
    # Versions match the history, so "what changed since you opened it" lines up.
    counted = Action.objects.filter(authority=authority).annotate(n_updates=Count("updates"))
    assert not counted.exclude(version=F("n_updates")).exists()  # every action, not one picked at random
    assert not Action.objects.filter(status="evidenced", evidence_url="").exists()


def test_generate_demo_into_an_existing_authority_gives_the_manager_actions(db):
    authority = AuthorityFactory(name="Demo Borough Council")
    call_command("generate_demo", "--into", "Demo Borough Council", "--actions-per-authority", "60", verbosity=0)
    manager = authority.users.get(groups=Group.objects.get(name=roles.MANAGER))
    assert Action.objects.filter(owner_id__in=owner_ids_managed_by(manager)).exists()
    assert Action.objects.filter(authority=authority).count() == 60
