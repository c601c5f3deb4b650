"""The public register: filters, region ranking, CSV and JSON of the same data, the badge."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from paritas.web.awards import services
from paritas.web.awards.models import Award
from paritas.web.organisations.models import Organisation, Region


@pytest.fixture
def holders(db):
    de = Region.objects.create(name="Deutschland", kind="country")
    nrw = Region.objects.create(name="Nordrhein-Westfalen", kind="state", parent=de)
    ruhr = Region.objects.create(name="Metropole Ruhr", kind="region", parent=nrw)
    rhein = Region.objects.create(name="Rheinland", kind="region", parent=nrw)
    programme = services.install_template("equal_opportunity", "eo")
    cities = [("Herne", ruhr, 2984, "public_administration", date(2019, 7, 1)),
              ("Dortmund", ruhr, 11000, "public_administration", date(2021, 7, 1)),
              ("Köln", rhein, 17000, "public_administration", date(2021, 7, 1)),
              ("Muster GmbH", ruhr, 120, "industry", date(2015, 7, 1))]
    for name, region, size, sector, day in cities:
        city = Region.objects.create(name=name, kind="city", parent=region)
        org = Organisation.objects.create(name=name, slug=name.lower().replace(" ", "-").replace("ö", "oe"),
                                          type="municipality", region=city, size=size, sector=sector)
        Award.objects.create(organisation=org, programme=programme, awarded_on=day, valid_from=date(day.year, 1, 1),
                             valid_until=date(day.year + 3, day.month, day.day), number=1)
    return {"ruhr": ruhr, "rhein": rhein}


def test_register_filters_and_ranking(client, holders):
    text = client.get("/register/?year=2021", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Herne" in text and "Dortmund" in text and "Köln" in text
    assert "Muster GmbH" not in text  # valid 2015–2018
    data = client.get("/register.json?year=2021").json()
    assert [r["region"] for r in data["regions"]] == ["Metropole Ruhr", "Rheinland"]
    assert data["regions"][0] == {"rank": 1, "region": "Metropole Ruhr", "holders": 2}
    ruhr = client.get(f"/register.json?year=2021&region={holders['ruhr'].pk}").json()
    assert {h["organisation"] for h in ruhr["holders"]} == {"Herne", "Dortmund"}
    big = client.get("/register.json?year=2021&size=10000-").json()
    assert {h["organisation"] for h in big["holders"]} == {"Dortmund", "Köln"}
    assert client.get("/register.json?year=2016&sector=industry").json()["holders"][0]["validity"] == "2015–2018"
    by_state = client.get("/register.json?year=2021&level=state").json()["regions"]
    assert by_state == [{"rank": 1, "region": "Nordrhein-Westfalen", "holders": 3}]
    assert "Nordrhein-Westfalen" in client.get("/register/?year=2021&level=state").content.decode()


def test_csv_holds_the_same_rows_as_json(client, holders):
    json_rows = client.get("/register.json?year=2021").json()["holders"]
    text = client.get("/register.csv?year=2021").content.decode("utf-8-sig")
    csv_rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["organisation"] for r in csv_rows] == [r["organisation"] for r in json_rows]


def test_badge_is_an_accessible_svg(client, holders):
    award = Award.objects.get(organisation__name="Herne")
    response = client.get(f"/register/badge/{award.pk}.svg")
    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml" and 'role="img"' in svg and "2019–2022" in svg
    assert client.get("/register/badge/999999.svg").status_code == 404


def test_a_long_register_is_paged_while_counts_and_downloads_cover_every_holder(client, holders):
    programme = services.install_template("family_friendly", "ff")
    for i in range(230):
        org = Organisation.objects.create(name=f"Betrieb {i:03d}", slug=f"b{i}", type="company",
                                          region=holders["rhein"], size=50)
        Award.objects.create(organisation=org, programme=programme, awarded_on=date(2021, 3, 1),
                             valid_from=date(2021, 1, 1), valid_until=date(2023, 12, 31), number=1)
    page = client.get("/register/?year=2021&page=3", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "233 award holders" in page and "201–233 shown" in page and "Page 3 of 3" in page
    assert page.count('<th scope="row">') == 33 + 2  # 33 holders, 2 regions in the ranking
    assert 'page=2" rel="prev"' in page and 'rel="next"' not in page
    assert "Betrieb 229" not in client.get("/register/?year=2021").content.decode()  # sorted by name: page 1
    data = client.get("/register.json?year=2021").json()
    assert len(data["holders"]) == 233
    assert data["regions"][0] == {"rank": 1, "region": "Rheinland", "holders": 231}
    text = client.get("/register.csv?year=2021").content.decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == 233
    assert client.get("/register/?year=2021&page=99").status_code == 200  # clamped to the last page


def test_an_organisation_holding_two_programmes_awards_counts_once(client, holders):
    herne = Organisation.objects.get(name="Herne")
    local = services.install_template("family_friendly", "ff")
    Award.objects.create(organisation=herne, programme=local, awarded_on=date(2021, 5, 1),
                         valid_from=date(2021, 1, 1), valid_until=date(2023, 12, 31), number=1)
    data = client.get("/register.json?year=2021").json()
    assert [h["organisation"] for h in data["holders"]].count("Herne") == 2  # both awards are listed
    assert data["regions"][0] == {"rank": 1, "region": "Metropole Ruhr", "holders": 2}  # Herne and Dortmund
    page = client.get("/register/?year=2021", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 award holders" in page
