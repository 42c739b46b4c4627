import datetime as dt

import pytest
from django.contrib.auth.models import Group

from improvement import roles
from improvement.models import StatisticalNeighbour
from tests.factories import AuthorityFactory, MeasureFactory, MeasureValueFactory, UserFactory


@pytest.fixture
def westminster(db):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    ours = AuthorityFactory(name="Westminster City Council", slug="westminster", ons_code="E09000033")
    kc = AuthorityFactory(name="Royal Borough of Kensington and Chelsea", slug="rbkc", ons_code="E09000020")
    camden = AuthorityFactory(name="Camden Council", slug="camden", old_la_code="202")
    islington = AuthorityFactory(name="Islington Council", slug="islington")
    for rank, (neighbour, name) in enumerate(
        [
            (kc, "Kensington and Chelsea"),
            (camden, "Camden"),
            (None, "Hammersmith and Fulham"),
            (islington, "Islington"),
        ],
        start=1,
    ):
        StatisticalNeighbour.objects.create(authority=ours, rank=rank, neighbour=neighbour, neighbour_name=name)
    turnover = MeasureFactory(authority=ours, name="Social worker turnover", target=15, tolerance=3, polarity="lower")
    agency = MeasureFactory(authority=ours, name="Agency social workers", target=10, tolerance=3, polarity="lower")
    MeasureValueFactory(measure=turnover, date=dt.date(2025, 9, 30), value=22)
    lead = UserFactory(authority=ours, role=roles.IMPROVEMENT_LEAD, username="w-lead")
    return {"ours": ours, "turnover": turnover, "agency": agency, "lead": lead, "camden": camden}
