from __future__ import annotations

from datetime import date

import pytest

from paritas.analytics import io as hrio

REFERENCE = date(2024, 12, 31)
PASSWORD = "a-long-test-password"


@pytest.fixture
def orgs(db, small_csv):
    """Two organisations, each with an owner, an analyst and a viewer, and one snapshot each."""
    from paritas.web.accounts.models import User
    from paritas.web.organisations.models import Membership, Organisation
    from paritas.web.workforce import services

    out = {}
    for slug in ("alpha", "beta"):
        org = Organisation.objects.create(slug=slug, name=slug.title(), type="municipality")
        users = {}
        for role in ("owner", "analyst", "viewer"):
            users[role] = User.objects.create_user(f"{role}@{slug}.test", PASSWORD)
            Membership.objects.create(user=users[role], organisation=org, role=role)
        workforce = hrio.read(small_csv, hrio.ReadOptions(reference_date=REFERENCE))
        snapshot = services.create_snapshot(org, workforce, users["owner"], "personal.csv")
        out[slug] = {"org": org, "snapshot": snapshot, **users}
    return out


def sign_in(client, user) -> None:
    client.force_login(user)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-in throttling counts in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def joint(db, orgs):
    """An open round of the family-friendly programme with Alpha's application (Alpha and Beta sized to
    apply), its chair, and Gamma, an organisation with an owner of its own."""
    from datetime import timedelta

    from django.utils import timezone

    from paritas.web.accounts.models import User
    from paritas.web.awards import services
    from paritas.web.awards.models import Round
    from paritas.web.organisations.models import Membership, Organisation

    now = timezone.now()
    programme = services.install_template("family_friendly", "familienfreundlich")
    chair = User.objects.create_user("chair@jury.test", "chair-password-1")
    programme.administrators.add(chair)
    round_ = Round.objects.create(programme=programme, title="2027", opens_at=now - timedelta(days=1),
                                  closes_at=now + timedelta(days=30))
    for org in (orgs["alpha"]["org"], orgs["beta"]["org"]):
        org.size = 400
        org.save()
    application = services.start_application(round_, orgs["alpha"]["org"])
    gamma = Organisation.objects.create(slug="gamma", name="Gamma", type="municipality", size=50)
    stranger = User.objects.create_user("owner@gamma.test", "gamma-password-1")
    Membership.objects.create(user=stranger, organisation=gamma, role="owner")
    return {"round": round_, "application": application, "chair": chair, "stranger": stranger, "gamma": gamma}
