"""Statistical neighbours: the DfE model imported, and the neighbours' median from their own values."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from improvement.extraction.neighbours import neighbour_median
from improvement.models import MeasureValue, StatisticalNeighbour
from improvement.selectors.measures import measures_for_authority
from improvement.services.neighbours import NeighboursError, neighbours_import
from tests.factories import AuthorityFactory, MeasureFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = ["old_la_code", "la_name", "region_ind", "region_name"] + [
    c for k in range(1, 11) for c in (f"SN_{k}", f"SN_{k}P")
]
BANDS = ["Extremely close", "Very close", "Close", "Close", "Somewhat close"] + ["Not close"] * 5


def model_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return ("\ufeff" + out.getvalue()).encode()  # DfE files may start with a byte-order mark


def row(code, name, neighbours):
    cells = [code, name, "1", "North West"]
    for k in range(10):
        cells += [neighbours[k] if k < len(neighbours) else f"Faraway {k}", BANDS[k]]
    return cells


@pytest.fixture
def councils(db):
    names = ["Northshire County Council", "Eastbridge", "Westmarch", "Southby", "Upton"]
    return {n.split()[0]: AuthorityFactory(name=n) for n in names}


def test_the_model_gives_each_council_ten_neighbours_with_bands_matched_by_name_or_code(councils):
    data = model_csv([row("901", "Northshire", ["Eastbridge", "Westmarch", "Southby", "Upton"])])
    result = neighbours_import(data=data)
    assert result.councils == 1 and result.created == 10
    north = councils["Northshire"]
    north.refresh_from_db()
    assert north.old_la_code == "901"
    ranked = list(StatisticalNeighbour.objects.filter(authority=north))
    assert [(n.rank, n.neighbour_name, n.closeness) for n in ranked[:2]] == [
        (1, "Eastbridge", "Extremely close"),
        (2, "Westmarch", "Very close"),
    ]
    assert ranked[0].neighbour == councils["Eastbridge"] and ranked[9].neighbour is None  # not in the tracker
    again = neighbours_import(data=data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)


def test_a_council_not_in_the_tracker_is_reported_and_a_changed_header_refused(councils):
    result = neighbours_import(data=model_csv([row("999", "Nowhere", ["Eastbridge"])]))
    assert result.not_placed == ["row 2: no council in the tracker is called 'Nowhere'"]
    assert not StatisticalNeighbour.objects.exists()
    broken = model_csv([]).replace(b"SN_3P", b"SN_3_band")
    with pytest.raises(NeighboursError, match="has no 'SN_3P' column"):
        neighbours_import(data=broken)
    path = _write(broken)
    with pytest.raises(CommandError, match="sn.csv has no 'SN_3P' column"):
        call_command("import_statistical_neighbours", path)


def test_the_median_leaves_out_suppressed_figures_and_never_counts_them_as_zero():
    assert neighbour_median([Decimal("10"), None, "c", "low", Decimal("30"), Decimal("20")]) == Decimal("20")
    assert neighbour_median([None, "x"]) is None
    assert neighbour_median([Decimal("10"), Decimal("20")]) == Decimal("15")


def test_a_suppressed_value_is_stored_as_its_symbol_never_as_zero(councils):
    measure = MeasureFactory(authority=councils["Eastbridge"], name="Re-referrals within 12 months")
    value = MeasureValue.objects.create(measure=measure, date=dt.date(2025, 3, 31), value=None, suppression="c")
    assert value.value is None and str(value).endswith("c on 31 March 2025")
    with pytest.raises(IntegrityError):
        MeasureValue.objects.create(measure=measure, date=dt.date(2025, 4, 30), value=0, suppression="c")


def test_measures_show_the_neighbours_median_from_their_values_in_the_tracker(client, councils):
    neighbours_import(data=model_csv([row("901", "Northshire", ["Eastbridge", "Westmarch", "Southby", "Upton"])]))
    name = "Re-referrals within 12 months"
    own = MeasureFactory(authority=councils["Northshire"], name=name, unit="%")
    MeasureValue.objects.create(measure=own, date=dt.date(2025, 3, 31), value=Decimal("25.0"))
    for council, value, suppression in [("Eastbridge", "18.0", ""), ("Westmarch", "22.0", ""), ("Southby", None, "c")]:
        m = MeasureFactory(authority=councils[council], name=name, unit="%")
        MeasureValue.objects.create(measure=m, date=dt.date(2025, 3, 31), value=value, suppression=suppression)
        MeasureValue.objects.create(measure=m, date=dt.date(2026, 3, 31), value=Decimal("90.0"))  # later: not used
    upton = MeasureFactory(authority=councils["Upton"], name=name.upper(), unit="%")  # same measure, other case
    MeasureValue.objects.create(measure=upton, date=dt.date(2024, 3, 31), value=Decimal("30.0"))
    [measure] = measures_for_authority(authority=councils["Northshire"], today=dt.date(2026, 11, 25))
    assert measure.neighbour_median == Decimal("22.0")  # 18, 22 and 30; Southby's "c" left out
    assert (measure.neighbours_counted, measure.neighbours_total) == (3, 10)
    client.force_login(UserFactory(authority=councils["Northshire"], role="Scrutiny member", username="member"))
    html = client.get(reverse("measures")).content.decode()
    assert "Statistical neighbours&rsquo; median in the tracker 22%" in html
    assert "(3 of 10 neighbours; suppressed figures left out)" in html


def test_a_council_without_neighbours_shows_no_median(councils):
    MeasureFactory(authority=councils["Upton"], name="Caseloads")
    [measure] = measures_for_authority(authority=councils["Upton"], today=dt.date(2026, 11, 25))
    assert measure.neighbour_median is None and measure.neighbours_total == 0


def _write(data: bytes) -> str:
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "sn.csv"
    path.write_bytes(data)
    return str(path)
