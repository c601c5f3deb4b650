"""The REST API as its OpenAPI schema says (issue 13, item 8): schemathesis generates requests for every
operation from the live schema — valid and invalid, authenticated as an owner — and checks every answer
against the schema: no server error, only documented status codes, bodies of the documented shape."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from paritas.web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def token(orgs):
    """An owner's token. The WSGI handler closes the database connection after each request, which
    would end the test's transaction: as Django's test client does, that is switched off meanwhile."""
    from django.core import signals
    from django.db import close_old_connections

    from paritas.web.accounts.models import ApiToken

    _t, key = ApiToken.issue(orgs["alpha"]["owner"], "schemathesis")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield key
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, token, orgs):
    headers = {"Authorization": f"Bearer {token}"}
    case.call_and_validate(headers=headers)
    if case.path_parameters and "slug" in case.path_parameters:  # and once inside the owner's organisation
        case.path_parameters["slug"] = "alpha"
        if "snapshot_id" in case.path_parameters and case.path_parameters["snapshot_id"] == 0:
            case.path_parameters["snapshot_id"] = orgs["alpha"]["snapshot"].pk
        # An upload whose bytes are no HR export is answered 422 with its problems, as documented: that a
        # schema cannot tell a PNG from a CSV is no failure of the API.
        uploads = case.method == "POST" and case.path.endswith("/snapshots")
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance] if uploads else None)


def test_the_schema_documents_every_refusal_and_the_required_fields():
    from django.test import Client

    document = Client().get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "401" in codes, (method, path)
            if "{slug}" in path:
                assert {"403", "404", "422"} <= codes, (method, path)
    upload = document["paths"]["/api/organisations/{slug}/snapshots"]["post"]["requestBody"]["content"]
    form = next(iter(upload.values()))["schema"]
    if "$ref" in form:
        form = document["components"]["schemas"][form["$ref"].rsplit("/", 1)[1]]
    assert set(form["required"]) >= {"file", "reference_date"}
    problems = document["components"]["schemas"]["Problems"]
    assert set(problems["required"]) == {"errors", "warnings", "problems"}
