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
