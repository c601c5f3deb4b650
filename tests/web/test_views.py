"""Pages as a browser client uses them: sign-in (throttled, optional TOTP), password reset, upload with
its problem report or preview, dashboard with charts and tables, PDF and XLSX, language switch."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date

import fastexcel
import pyotp
import pytest
from django.core import mail

from paritas.analytics import io as hrio
from paritas.web.accounts import totp
from paritas.web.accounts.models import AuditEvent
from paritas.web.jobs.models import Job
from paritas.web.workforce.models import Snapshot
from tests.web.conftest import PASSWORD, sign_in


def test_sign_in_and_out(client, orgs):
    response = client.post("/accounts/login/", {"email": "owner@alpha.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code in (200, 302)
    client.post("/accounts/logout/")
    assert client.get("/o/alpha/").status_code == 302


def test_sign_in_is_throttled_after_five_failures(client, orgs):
    for _ in range(5):
        assert client.post("/accounts/login/", {"email": "owner@alpha.test", "password": "wrong"}).status_code == 401
    response = client.post("/accounts/login/", {"email": "owner@alpha.test", "password": PASSWORD})
    assert response.status_code == 429  # even the right password waits now
    assert "15" in response.content.decode()


def test_totp_second_factor(client, orgs):
    user = orgs["alpha"]["owner"]
    secret = totp.new_secret()
    user.totp_secret = totp.store(secret)
    user.save()
    response = client.post("/accounts/login/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and "/accounts/login/code/" in response["Location"]
    assert client.get("/o/alpha/").status_code == 302  # not signed in yet
    assert client.post("/accounts/login/code/", {"code": "000000"}).status_code == 401
    response = client.post("/accounts/login/code/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get("/o/alpha/").status_code == 200


def test_password_reset_sends_a_link_that_works(client, orgs):
    client.post("/accounts/password-reset/", {"email": "viewer@alpha.test"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_url, {"new_password1": "another-long-pass-42", "new_password2": "another-long-pass-42"})
    assert response.status_code == 302
    assert client.login(email="viewer@alpha.test", password="another-long-pass-42")


def test_upload_shows_every_problem_with_row_and_column(client, orgs):
    client.force_login(orgs["alpha"]["analyst"])
    content = "Personalnummer;Geschlecht;Grundentgelt\n1;w;-5\n2;q;30000\n".encode("cp1252")
    response = client.post("/o/alpha/upload/", {"file": _file("bad.csv", content), "reference_date": "2024-12-31"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    text = response.content.decode()
    assert "pay cannot be negative" in text and "unknown gender code" in text
    assert "Grundentgelt" in text and "Geschlecht" in text
    assert Snapshot.objects.filter(organisation=orgs["alpha"]["org"]).count() == 1


def test_upload_problems_in_german(client, orgs):
    client.force_login(orgs["alpha"]["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("bad.csv", b"Geschlecht;Grundentgelt\nw;-5\n"),
                                                "reference_date": "2024-12-31"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Entgelt kann nicht negativ sein" in response.content.decode() or "negativ" in response.content.decode()


def test_upload_preview_then_accept(client, orgs, small_csv):
    client.force_login(orgs["alpha"]["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("personal.csv", small_csv.read_bytes()),
                                                "reference_date": "2023-12-31"})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and "Geschlecht" in preview.content.decode()
    response = client.post(response["Location"], {"action": "accept"})
    assert response.status_code == 302
    assert Snapshot.objects.filter(organisation=orgs["alpha"]["org"]).count() == 2


def test_upload_over_the_limit(client, orgs, settings):
    settings.MAX_UPLOAD_MB = 1
    client.force_login(orgs["alpha"]["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("big.csv", b"x" * (1024 * 1024 + 10)),
                                                "reference_date": "2024-12-31"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413 and "the limit is 1 MB" in response.content.decode()


def test_dashboard_has_charts_with_data_tables_and_logs_the_view(client, orgs):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    response = client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/", HTTP_ACCEPT_LANGUAGE="de")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<figure") >= 2 and text.count("<svg") >= 2
    assert text.count("<figure") <= text.count("<table")  # every chart has its table
    assert "Die Verwaltung hat 400 Mitarbeitende" in text
    assert 'href="#main"' in text and '<main id="main"' in text  # skip link and landmark
    assert AuditEvent.objects.filter(action="viewed", user=alpha["viewer"]).exists()


@pytest.mark.parametrize("lang", ["de", "sv", "en"])
def test_pdf_report_is_tagged_and_in_the_language(client, orgs, lang):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    response = client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/report.pdf?lang={lang}", follow=True)
    # Rendered by a job (run at once in the tests): its page, then its download.
    (page, _), (ready, _) = response.redirect_chain
    assert f"/o/alpha/documents/{Job.objects.get().pk}/" == page and ready == page + "download/"
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = _inflate(response.content)
    assert response.content.startswith(b"%PDF") and b"/StructTreeRoot" in pdf  # tagged PDF (PDF/UA)
    assert f"/Lang ({lang})".encode() in pdf
    assert AuditEvent.objects.filter(action="exported", detail=f"pdf {lang}").exists()


def test_xlsx_report(client, orgs, tmp_path):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    response = client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/report.xlsx?lang=sv")
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    sheets = fastexcel.read_excel(path).sheet_names
    assert "Översikt" in sheets and "EU 2023-970" in sheets


def test_language_switch(client, orgs):
    client.force_login(orgs["alpha"]["viewer"])
    client.post("/i18n/setlang/", {"language": "sv", "next": "/o/alpha/"})
    assert 'lang="sv"' in client.get("/o/alpha/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/o/alpha/"})
    assert "Snapshots" in client.get("/o/alpha/").content.decode()


def test_owner_sees_the_audit_log(client, orgs):
    alpha = orgs["alpha"]
    client.force_login(alpha["viewer"])
    client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/report.xlsx?lang=de")
    client.force_login(alpha["owner"])
    text = client.get("/o/alpha/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "viewer@alpha.test" in text and "exported" in text


def _inflate(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to search its structure."""
    import re
    import zlib

    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"\n".join(parts)


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_api_schema_and_token_scope(client, orgs, small_csv):
    from paritas.web.accounts.models import ApiToken

    schema = client.get("/api/openapi.json").json()
    assert "/api/organisations/{slug}/snapshots" in schema["paths"]
    _t, key = ApiToken.issue(orgs["alpha"]["analyst"], "ci")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/organisations").status_code == 401
    orgs_listed = client.get("/api/organisations", **auth).json()
    assert [o["slug"] for o in orgs_listed] == ["alpha"]
    snapshot = orgs["alpha"]["snapshot"]
    result = client.get(f"/api/organisations/alpha/snapshots/{snapshot.pk}", **auth).json()
    assert result["structure"]["employees"]["total"] == 400
    assert client.get(f"/api/organisations/beta/snapshots/{orgs['beta']['snapshot'].pk}", **auth).status_code == 404
    response = client.post("/api/organisations/alpha/snapshots",
                           {"file": io.BytesIO(small_csv.read_bytes()), "reference_date": "2022-12-31",
                            "accept_warnings": "true"}, **auth)
    assert response.status_code == 201, response.content
    bad = client.post("/api/organisations/alpha/snapshots",
                      {"file": _file("bad.csv", b"Geschlecht;Grundentgelt\nq;-1\n"), "reference_date": "2022-12-31"},
                      **auth)
    assert bad.status_code == 422 and bad.json()["errors"] == 2
    # An analyst may not delete; the owner may.
    assert client.delete(f"/api/organisations/alpha/snapshots/{snapshot.pk}", **auth).status_code == 403


def test_the_preview_groups_low_pay_warnings_with_the_rate_in_force_on_the_reference_date(client, orgs):
    rows = "".join(f"{i};w;39;{'9000' if i % 3 == 0 else '50000'}\n" for i in range(1, 91))
    content = ("Personalnummer;Geschlecht;Wochenstunden;Grundentgelt\n" + rows).encode()
    client.force_login(orgs["alpha"]["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("low.csv", content), "reference_date": "2019-12-31"},
                           HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert ("30 Zeilen unter dem am 31. Dezember 2019 geltenden Mindestlohn von 9,19\u00a0€ "
            "(Spalte „Grundentgelt“)</strong>: Zeilen 4, 7, 10,") in page
    assert "(10 weitere nicht aufgeführt)" in page


INTERNAL_IDS = None


def _internal_ids() -> set[str]:
    from paritas.analytics.schema import COLUMNS
    from paritas.reports.labels import STATISTIC_LABELS

    return {c.name for c in COLUMNS if "_" in c.name} | {"hourly_pay", "paid_hours", "trainee"} | \
        {s for s in STATISTIC_LABELS if "_" in s}


def _visible_text(html: str) -> str:
    import re

    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return html


@pytest.mark.parametrize("lang", ["de", "sv", "en"])
def test_no_internal_column_id_appears_in_the_dashboard_or_the_preview(client, orgs, small_csv, lang):
    import re

    client.force_login(orgs["alpha"]["analyst"])
    snapshot = orgs["alpha"]["snapshot"]
    pages = [client.get(f"/o/alpha/s/{snapshot.pk}/?lang={lang}", HTTP_ACCEPT_LANGUAGE=lang).content.decode()]
    response = client.post("/o/alpha/upload/", {"file": _file("personal.csv", small_csv.read_bytes()),
                                                "reference_date": "2023-12-31"}, HTTP_ACCEPT_LANGUAGE=lang)
    pages.append(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=lang).content.decode())
    for page in pages:
        words = set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", _visible_text(page)))
        assert not words & _internal_ids(), words & _internal_ids()


def test_the_overview_shows_the_womens_share_of_all_employees_and_the_eu_figures_in_article_order(client, orgs):
    import re

    client.force_login(orgs["alpha"]["viewer"])
    snapshot = orgs["alpha"]["snapshot"]
    text = _visible_text(client.get(f"/o/alpha/s/{snapshot.pk}/?lang=de").content.decode())
    share = snapshot.structure["women_share"]
    row = re.search(r"Alle Beschäftigten\s+([\d.]+)\s+(\d+)\s+(\d+)\s+\S+\s+(\S+\s%)", text)
    assert row is not None, text[:2000]
    assert row.group(4) == f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"
    positions = [text.index(f"({letter})") for letter in "abcdefg"]
    assert positions == sorted(positions)


def test_the_snapshot_list_and_trend_chart_write_numbers_and_dates_as_the_language_does(client, orgs, small_csv):
    from paritas.analytics import io as hrio
    from paritas.web.workforce import services
    from tests.web.conftest import REFERENCE

    org = orgs["alpha"]["org"]
    big = hrio.read(small_csv, hrio.ReadOptions(reference_date=REFERENCE.replace(year=2019)))
    services.create_snapshot(org, big, orgs["alpha"]["owner"], "personal-2019.csv")
    client.force_login(orgs["alpha"]["viewer"])
    german = client.get("/o/alpha/?lang=de", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "31.12.2019" in german and "31.12.2024" in german  # the trend chart's ticks
    assert "July" not in german and "Juli" not in german
    swedish = client.get("/o/alpha/?lang=sv", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "2019-12-31" in swedish


def test_large_counts_carry_thousands_separators_in_the_snapshot_list(client, orgs):
    from paritas.web.workforce.models import Snapshot

    Snapshot.objects.filter(pk=orgs["alpha"]["snapshot"].pk).update(rows=2984)
    client.force_login(orgs["alpha"]["viewer"])
    assert "<td>2.984</td>" in client.get("/o/alpha/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<td>2\u00a0984</td>" in client.get("/o/alpha/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page of a PDF (pypdf), to read what a reader sees."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize(("lang", "cover", "method", "page_word", "of"), [
    ("de", "Stichtag 31. Dezember 2024", "Methode und Rechtsgrundlagen", "Seite", "von"),
    ("sv", "Referensdatum 31 december 2024", "Metod och rättsliga källor", "Sida", "av"),
    ("en", "Reference date 31 December 2024", "Method and legal sources", "Page", "of"),
])
def test_the_report_pdf_has_a_cover_contents_method_notes_and_numbered_pages(client, orgs, lang, cover, method,
                                                                             page_word, of):
    alpha = orgs["alpha"]
    alpha["owner"].first_name, alpha["owner"].last_name = "Olivia", "Owner"
    alpha["owner"].save()
    client.force_login(alpha["owner"])
    response = client.get(f"/o/alpha/s/{alpha['snapshot'].pk}/report.pdf?lang={lang}", follow=True)
    filename = response["Content-Disposition"]
    assert "alpha-" in filename and "2024-12-31" in filename and filename.rstrip('"').endswith(f"-{lang}.pdf")
    pages = pdf_pages(response.content)
    first = pages[0]
    assert "Alpha" in first and cover in first and "personal.csv" in first and "Olivia Owner" in first
    assert method in first  # the contents line names every part
    rest = " ".join(" ".join(pages[1:]).split())
    assert method in rest
    assert {"de": "Art. 9 Abs. 1 Buchst. b", "sv": "art. 9.1 b", "en": "art. 9(1)(b)"}[lang] in rest  # a source
    for number, text in enumerate(pages, start=1):
        assert f"{page_word} {number} {of} {len(pages)}" in text
        if number > 1:  # no near-empty page after the cover
            assert len(text.split()) > 60, f"page {number} is almost empty: {text[:200]!r}"


def test_the_certificate_names_programme_holder_period_place_date_and_signatory(client, orgs):
    from datetime import date

    from paritas.web.awards import outcome, services
    from paritas.web.awards.models import Award

    programme = services.install_template("equal_opportunity", "eo")
    programme.place = "Essen"
    programme.save()
    start, end = services.validity(2025, 3)
    award = Award.objects.create(organisation=orgs["alpha"]["org"], programme=programme, awarded_on=date(2025, 7, 15),
                                 valid_from=start, valid_until=end, number=2)
    (text,) = pdf_pages(outcome.certificate_pdf(award, "de"))
    for expected in (programme.name, "Alpha", "für die Jahre 2025–2027", "die zweite Auszeichnung",
                     "Essen, 15. Juli 2025", "Vorsitz der Jury"):
        assert expected in text, (expected, text)
    assert outcome.certificate_filename(award, "de") == "alpha-urkunde-2025-07-15-de.pdf"


def test_a_second_snapshot_for_the_same_reference_date_asks_whether_to_replace_the_first(client, orgs, small_csv):
    alpha = orgs["alpha"]
    first = alpha["snapshot"]
    client.force_login(alpha["analyst"])
    response = client.post("/o/alpha/upload/", {"file": _file("personal-neu.csv", small_csv.read_bytes()),
                                                "reference_date": first.reference_date.isoformat()},
                           HTTP_ACCEPT_LANGUAGE="en")
    pending = response["Location"]
    page = client.get(pending, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "There is a snapshot for this reference date" in page and "Replace the existing snapshot" in page
    # accepting without saying "replace" changes nothing
    client.post(pending, {"action": "accept"})
    assert list(Snapshot.objects.filter(organisation=alpha["org"]).values_list("pk", flat=True)) == [first.pk]
    client.post(pending, {"action": "accept", "replace": "yes"})
    snapshots = Snapshot.objects.filter(organisation=alpha["org"])
    assert snapshots.count() == 1 and snapshots.get().source_name == "personal-neu.csv"
    assert AuditEvent.objects.filter(action="deleted", snapshot_id=first.pk).exists()


def test_the_account_page_changes_the_password(client, orgs):
    user = orgs["alpha"]["viewer"]
    client.force_login(user)
    page = client.get("/accounts/settings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="old_password"' in page and "Change the password" in page
    wrong = client.post("/accounts/settings/", {"action": "password", "old_password": "not-it",
                                               "new_password1": "a-new-long-password", "new_password2":
                                               "a-new-long-password"}, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200 and "old password was entered incorrectly" in wrong.content.decode()
    client.post("/accounts/settings/", {"action": "password", "old_password": PASSWORD,
                                       "new_password1": "a-new-long-password", "new_password2": "a-new-long-password"})
    user.refresh_from_db()
    assert user.check_password("a-new-long-password")
    assert client.get("/accounts/settings/").status_code == 200  # still signed in


def test_the_german_date_field_keeps_its_default_in_the_format_the_browser_needs(client, orgs):
    import re
    from datetime import date

    client.force_login(orgs["alpha"]["analyst"])
    page = client.get("/o/alpha/upload/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    field = re.search(r'<input type="date" name="reference_date" value="([^"]*)"', page)
    assert field is not None and field.group(1) == f"{date.today().year - 1}-12-31"


def test_the_api_docs_load_nothing_from_another_host(client, db):
    import re

    page = client.get("/api/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert any("swagger-ui-bundle.js" in s for s in sources)
    for s in sources:
        assert client.get(s).status_code == 200, s


def test_breakdowns_keep_their_order_whatever_order_the_database_stores_them_in(client, orgs):
    """PostgreSQL's jsonb reorders object keys; pages and PDFs must not follow it."""
    snapshot = orgs["alpha"]["snapshot"]
    structure = dict(snapshot.structure)
    structure["breakdowns"] = dict(reversed(list(structure["breakdowns"].items())))
    Snapshot.objects.filter(pk=snapshot.pk).update(structure=structure)
    client.force_login(orgs["alpha"]["viewer"])
    page = client.get(f"/o/alpha/s/{snapshot.pk}/?lang=en").content.decode()
    titles = ["By pay grade", "By leadership level", "By department", "By age band"]
    positions = [page.index(f"<caption>{title}</caption>") for title in titles]
    assert positions == sorted(positions)


def test_withheld_art_10_gaps_are_shown_to_owners_and_analysts_and_to_no_one_else(client, orgs, tmp_path):
    # Category "Klein" (3 women, 3 men, gap 10 %) is flagged under art. 10 but too small to publish.
    from paritas.web.organisations.models import Organisation
    from paritas.web.workforce import services

    rows = ["Personalnummer;Geschlecht;Grundentgelt;Wochenstunden;Tätigkeitsgruppe"]
    rows += [f"{i};w;37440;40;Klein" for i in range(3)] + [f"{i + 3};m;41600;40;Klein" for i in range(3)]
    rows += [f"{i + 10};{'w' if i % 2 else 'm'};41600;40;Groß" for i in range(20)]
    path = tmp_path / "klein.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    org = Organisation.objects.get(slug="alpha")
    workforce = hrio.read(path, hrio.ReadOptions(reference_date=date(2023, 12, 31), minimum_hourly_pay=None))
    snapshot = services.create_snapshot(org, workforce, orgs["alpha"]["owner"], "klein.csv")
    assert snapshot.paygap["eu"]["withheld_categories"] == ["Klein"]
    assert "0.1" not in json.dumps(snapshot.paygap["eu"]["categories"][1])  # the published figures hide the gap
    url = f"/o/alpha/s/{snapshot.pk}/"  # a German organisation: the page is in German
    for role, sees in (("owner", True), ("analyst", True), ("viewer", False)):
        sign_in(client, orgs["alpha"][role])
        page = client.get(url).content.decode()
        assert "gemeinsame Entgeltbewertung erforderlich; Zahlen zum Schutz einzelner Personen zurückgehalten" in page
        assert ("Lücken für die gemeinsame Entgeltbewertung" in page) is sees, role
        assert ("10,0\u00a0%" in page or "10,0 %" in page) is sees, role
    # Nor in the PDF and XLSX, which leave the system.
    sign_in(client, orgs["alpha"]["owner"])
    from pypdf import PdfReader

    pdf = client.get(f"/o/alpha/s/{snapshot.pk}/report.pdf?lang=en", follow=True).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "figures withheld" in text and "Gaps for the joint pay assessment" not in text


def test_a_request_too_large_is_refused_from_its_headers_before_its_body_is_read(client, orgs, settings):
    """Content-Length beyond the limit and its margin: 413 at once, the body never read (the test sends
    a small body that claims to be 300 MB; reading it would fail or find a valid form)."""
    settings.MAX_UPLOAD_MB = 50
    client.force_login(orgs["alpha"]["analyst"])
    response = client.post("/o/alpha/upload/", {"reference_date": "2024-12-31"}, HTTP_ACCEPT_LANGUAGE="en",
                           CONTENT_LENGTH=str(300 * 1024 * 1024))
    body = response.content.decode()
    assert response.status_code == 413 and "up to 50 MB" in body and "about 300 MB" in body
    from paritas.web.workforce.models import PendingUpload

    assert not PendingUpload.objects.exists()
    # Within the limit the request goes on to the view (and its own checks).
    assert client.post("/o/alpha/upload/", {"reference_date": "2024-12-31"}).status_code in (200, 400)
