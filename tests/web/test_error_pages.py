"""Error pages use the platform's layout, speak the reader's language and offer a way back."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.parametrize(("lang", "heading", "back"), [
    ("de", "Seite nicht gefunden", "Zur Startseite"),
    ("sv", "Sidan hittades inte", "Till startsidan"),
    ("en", "Page not found", "To the start page"),
])
def test_a_missing_page_is_shown_in_the_layout_and_the_language(client, db, lang, heading, back):
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in page and 'class="site-header"' in page
    assert heading in page and back in page and 'href="/"' in page


def test_a_page_of_another_organisation_is_a_404_in_the_layout(client, orgs):
    client.force_login(orgs["alpha"]["viewer"])
    response = client.get(f"/o/beta/s/{orgs['beta']['snapshot'].pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_a_server_error_shows_the_platform_page_not_a_traceback(db, settings):
    settings.ROOT_URLCONF = "tests.web.urls_failing"
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/fail/", HTTP_ACCEPT_LANGUAGE="de")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Bei uns ist etwas schiefgegangen" in page and "Zur Startseite" in page and "Traceback" not in page


def test_a_form_without_its_token_is_refused_with_a_page_that_explains(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"email": "a@b.c", "password": "x"},
                                                     HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Access denied" in page and "reload the page" in page and 'class="site-header"' in page
