"""The benchmarks page, the command, and the superuser's statistical-neighbours page."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from improvement.models import BenchmarkMapping, MeasureValue, StatisticalNeighbour
from tests.benchmarks.files import ROWS, table
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _upload(client, data=None, name="csww_indicators_2017_to_2025.csv"):
    return client.post("/benchmarks/", {"file": SimpleUploadedFile(name, table() if data is None else data)})


def _columns(response):
    form = response.context["mapping_form"]
    return {field.label: field.html_name for field in form if field.html_name.startswith("column_")}


def test_the_lead_maps_checks_and_saves_then_the_measures_page_shows_the_benchmarks(client, westminster):
    w = westminster
    client.force_login(w["lead"])
    response = _upload(client)
    assert response.status_code == 200
    columns = _columns(response)
    assert set(columns) == {"turnover_rate_fte", "agency_rate_fte", "caseload_fte"}
    token = response.context["mapping_form"].initial["token"]
    choice = {
        "token": token,
        "year_end": "09-30",
        columns["turnover_rate_fte"]: str(w["turnover"].pk),
        columns["agency_rate_fte"]: str(w["agency"].pk),
        columns["caseload_fte"]: "",
    }
    checked = client.post("/benchmarks/check/", {**choice, "check": "1"})
    html = checked.content.decode()
    assert checked.status_code == 200 and 'name="save"' in html
    assert "Social worker turnover, 2025" in html and "16.8%" in html and "Not published (c)" in html
    assert MeasureValue.objects.filter(measure=w["agency"]).count() == 0

    saved = client.post("/benchmarks/check/", {**choice, "save": "1"})
    assert "Benchmarks saved" in saved.content.decode()
    assert MeasureValue.objects.get(measure=w["turnover"], date=dt.date(2025, 9, 30)).england == Decimal("16.80")

    page = client.get("/measures/").content.decode()
    assert "England 16.8%" in page and "Region 18.2%" in page
    assert "Statistical neighbours&rsquo; median 15% (published figures)" in page

    again = _upload(client)  # the mapping is remembered
    assert again.context["mapping_form"].initial[columns["turnover_rate_fte"]] == str(w["turnover"].pk)


def test_a_file_with_row_errors_is_refused_on_the_page_and_nothing_is_saved(client, westminster):
    w = westminster
    client.force_login(w["lead"])
    bad = table([r.replace("21.5,c", "twenty,c") for r in ROWS])
    response = _upload(client, bad)
    columns = _columns(response)
    token = response.context["mapping_form"].initial["token"]
    choice = {"token": token, "year_end": "09-30", columns["turnover_rate_fte"]: str(w["turnover"].pk)}
    checked = client.post("/benchmarks/check/", {**choice, "check": "1"})
    assert "&#x27;twenty&#x27; is not a figure or a DfE symbol" in checked.content.decode()
    assert 'name="save"' not in checked.content.decode()
    refused = client.post("/benchmarks/check/", {**choice, "save": "1"})
    assert refused.status_code == 400
    assert MeasureValue.objects.filter(measure__authority=w["ours"]).count() == 1
    assert not BenchmarkMapping.objects.exists()


def test_a_file_that_is_not_a_table_is_an_error_on_the_file_field(client, westminster):
    client.force_login(westminster["lead"])
    response = _upload(client, b"name,value\nWestminster,3\n")
    assert response.status_code == 400
    assert "has no &#x27;time_period&#x27; column" in response.content.decode()
    assert _upload(client, b"x", name="table.xlsx").status_code == 400


def test_a_measure_of_another_council_cannot_be_chosen(client, westminster):
    from tests.factories import MeasureFactory

    w = westminster
    foreign = MeasureFactory(authority=w["camden"], name="Camden's turnover")
    client.force_login(w["lead"])
    response = _upload(client)
    columns = _columns(response)
    token = response.context["mapping_form"].initial["token"]
    checked = client.post(
        "/benchmarks/check/",
        {"token": token, "year_end": "09-30", columns["turnover_rate_fte"]: str(foreign.pk), "save": "1"},
    )
    assert checked.status_code == 400
    assert "Choose one of your council" in checked.content.decode()
    assert not MeasureValue.objects.filter(measure=foreign).exists()


def test_the_command_maps_saves_and_reports_row_errors(westminster, tmp_path):
    w = westminster
    good = tmp_path / "csww.csv"
    good.write_bytes(table())
    out = StringIO()
    call_command(
        "import_benchmarks",
        str(good),
        "--council",
        "westminster",
        "--map",
        "turnover_rate_fte=Social worker turnover",
        "--year-end",
        "09-30",
        stdout=out,
    )
    assert "Saved 2 value(s)." in out.getvalue()
    assert MeasureValue.objects.get(measure=w["turnover"], date=dt.date(2025, 9, 30)).region == Decimal("18.20")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(table([*ROWS, "2025,Reporting year,Local authority,,,,,E09000999,999,Atlantis,1,2,3"]))
    with pytest.raises(CommandError, match="1 row error"):
        call_command("import_benchmarks", str(bad), "--council", "westminster", stdout=StringIO(), stderr=StringIO())


SN = "old_la_code,la_name,region_ind,region_name," + ",".join(f"SN_{k},SN_{k}P" for k in range(1, 11))


def test_a_superuser_previews_then_saves_the_statistical_neighbour_model(client, db):
    ours = AuthorityFactory(name="Westminster City Council", slug="westminster", old_la_code="213")
    AuthorityFactory(name="Camden Council", slug="camden")
    row = "213,Westminster,1,London,Camden,Extremely close,Kensington and Chelsea,Very close" + ",," * 8
    data = (SN + "\n" + row + "\n").encode()
    root = UserFactory(authority=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    preview = client.post("/statistical-neighbours/", {"file": SimpleUploadedFile("sn_model_2025_wide.csv", data)})
    assert preview.status_code == 200 and "Check what sn_model_2025_wide.csv changes" in preview.content.decode()
    assert not StatisticalNeighbour.objects.exists()
    saved = client.post("/statistical-neighbours/confirm/", {"token": preview.context["token"]})
    assert "Statistical neighbours saved" in saved.content.decode()
    assert list(StatisticalNeighbour.objects.filter(authority=ours).values_list("neighbour_name", "closeness")) == [
        ("Camden", "Extremely close"),
        ("Kensington and Chelsea", "Very close"),
    ]
    renamed = client.post(
        "/statistical-neighbours/",
        {"file": SimpleUploadedFile("sn.csv", data.replace(b"SN_1P", b"SN_1_band"))},
    )
    assert renamed.status_code == 400 and "SN_1P" in renamed.content.decode()


def test_only_a_superuser_imports_the_neighbour_model(client, westminster):
    client.force_login(westminster["lead"])
    assert client.get("/statistical-neighbours/").status_code == 403
    assert client.post("/statistical-neighbours/confirm/", {"token": "x"}).status_code == 403


def test_the_committee_pack_shows_the_benchmarks_beside_new_values(client, westminster, monkeypatch, tmp_path):
    from django.utils import timezone

    w = westminster
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2025, 11, 1))
    client.force_login(w["lead"])
    path = tmp_path / "csww.csv"
    path.write_bytes(table())
    call_command(
        "import_benchmarks",
        "--council",
        "westminster",
        "--map",
        "agency_rate_fte=Agency social workers",
        "--year-end",
        "09-30",
        str(path),
        stdout=StringIO(),
    )
    html = client.get("/pack/").content.decode()
    assert "Not published (c)" in html and "England 17.6%" in html and "Region 20.1%" in html
