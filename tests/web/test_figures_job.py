"""The figures of a round's applicants as one Parquet table partitioned by organisation and year, made by
a job (workforce/figures.py, docs/batch.md): every figure equals the snapshot's stored one, the gaps by
category of workers stay out, drafts stay out, and only the round's administrators start or read it."""

from __future__ import annotations

import io
import zipfile

import polars as pl
from django.test import Client

from paritas import batch
from paritas.web.accounts.models import User
from paritas.web.jobs.models import Job
from tests.web.test_awards_stages import _english_services, staged  # noqa: F401 - fixtures


def _chair(staged) -> Client:  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staged["chair"])
    return client


def _attach(staged, orgs) -> None:  # noqa: F811
    for slug in ("alpha", "beta"):
        application = staged["applications"][slug]
        application.snapshot = orgs[slug]["snapshot"]
        application.save()


def test_the_table_holds_each_applicants_stored_figures_under_its_organisation_and_year(staged, orgs, tmp_path):  # noqa: F811
    _attach(staged, orgs)
    round_ = staged["round"]
    chair = _chair(staged)
    started = chair.post(f"/programmes/praedikat/rounds/{round_.pk}/figures/")
    assert started.status_code == 302
    page = chair.get(started["Location"])
    assert page.status_code == 200 and "of 2 organisations" in page.content.decode()
    download = chair.get(started["Location"] + "?download=1")
    assert download["Content-Type"] == "application/zip"
    assert f"praedikat-{round_.pk}-figures.zip" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path)
    assert names == ["organisation=alpha/year=2024/part-0.parquet", "organisation=beta/year=2024/part-0.parquet"]
    table = batch.read_partitioned(tmp_path)
    for slug in ("alpha", "beta"):
        snapshot = orgs[slug]["snapshot"]
        mine = table.filter(pl.col("organisation") == slug)
        values = dict(zip(mine["figure"], mine["value"], strict=True))
        assert values["structure.employees.total"] == snapshot.structure["employees"]["total"] == 400
        assert values["paygap.eu.mean_gap"] == snapshot.paygap["eu"]["mean_gap"]
        assert values["paygap.eu.quartiles[0].women"] == snapshot.paygap["eu"]["quartiles"][0]["women"]
        expected = dict((path, value) for path, value, _text in batch.flatten(snapshot.structure, "structure"))
        assert {k: v for k, v in values.items() if k.startswith("structure.")} == expected
        assert not any(".categories" in f or "flagged" in f or "withheld" in f for f in mine["figure"])
        assert set(mine["source"]) == {f"snapshot-{snapshot.pk}"}


def test_drafts_and_applications_without_a_snapshot_stay_out(staged, orgs):  # noqa: F811
    _attach(staged, orgs)
    beta = staged["applications"]["beta"]
    beta.status = "draft"
    beta.save()
    chair = _chair(staged)
    started = chair.post(f"/programmes/praedikat/rounds/{staged['round'].pk}/figures/")
    assert Job.objects.get().result == {"organisations": 1, "snapshots": 1,
                                        "rows": Job.objects.get().result["rows"]}
    assert "of 1 organisation," in chair.get(started["Location"]).content.decode()


def test_only_the_rounds_administrators_start_and_read_the_figures(staged, orgs):  # noqa: F811
    _attach(staged, orgs)
    round_ = staged["round"]
    started = _chair(staged).post(f"/programmes/praedikat/rounds/{round_.pk}/figures/")["Location"]
    other_admin = User.objects.create_user("other@jury.test", "other-password-1")
    round_.programme.administrators.add(other_admin)
    for user in (orgs["alpha"]["owner"], staged["jurors"][0], other_admin):
        client = Client()
        client.force_login(user)
        for suffix in ("", "?format=json", "?download=1"):
            assert client.get(started + suffix).status_code in (403, 404), (user, suffix)
    for user in (orgs["alpha"]["owner"], staged["jurors"][0]):
        client = Client()
        client.force_login(user)
        assert client.post(f"/programmes/praedikat/rounds/{round_.pk}/figures/").status_code in (403, 404)


def test_a_round_without_attached_snapshots_says_there_are_no_figures(staged):  # noqa: F811
    chair = _chair(staged)
    started = chair.post(f"/programmes/praedikat/rounds/{staged['round'].pk}/figures/")
    page = chair.get(started["Location"]).content.decode()
    assert "there are no figures to gather" in page and "?download=1" not in page
