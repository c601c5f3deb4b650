"""The REST API (django-ninja): organisations and snapshots, scoped by membership, token authentication.

OpenAPI schema at /api/openapi.json, interactive docs at /api/docs. Send ``Authorization: Bearer <token>``
with a token made on the account page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from paritas.web.accounts.models import ApiToken
from paritas.web.organisations.models import Membership
from paritas.web.organisations.permissions import organisations_of
from paritas.web.workforce import services
from paritas.web.workforce.models import Snapshot


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


api = NinjaAPI(title="Paritas API", version="1", auth=TokenAuth(), urls_namespace="api",
               description="Organisations and workforce snapshots of the organisations you belong to.")


class OrganisationOut(Schema):
    slug: str
    name: str
    type: str
    sector: str
    region: str | None
    size: int | None
    role: str


class SnapshotOut(Schema):
    id: int
    reference_date: date
    source_name: str
    rows: int
    created_at: Any


class SnapshotResults(SnapshotOut):
    structure: dict[str, Any]
    paygap: dict[str, Any] | None


class Problems(Schema):
    errors: int
    warnings: int
    problems: list[dict[str, Any]]


def _membership(request: HttpRequest, slug: str, role: str = Membership.Role.VIEWER) -> Membership:
    membership = (Membership.objects.select_related("organisation")
                  .filter(user=request.auth, organisation__slug=slug).first())
    if membership is None:
        raise HttpError(404, "Not found")
    if not membership.allows(role):
        raise HttpError(403, "Your role does not allow this.")
    return membership


def _snapshot_out(s: Snapshot) -> dict[str, Any]:
    return {"id": s.pk, "reference_date": s.reference_date, "source_name": s.source_name, "rows": s.rows,
            "created_at": s.created_at}


@api.get("/organisations", response=list[OrganisationOut])
def list_organisations(request: HttpRequest) -> list[dict[str, Any]]:
    roles = dict(Membership.objects.filter(user=request.auth).values_list("organisation_id", "role"))
    return [{"slug": o.slug, "name": o.name, "type": o.type, "sector": o.sector,
             "region": str(o.region) if o.region else None, "size": o.size, "role": roles[o.pk]}
            for o in organisations_of(request.auth).select_related("region")]


@api.get("/organisations/{slug}/snapshots", response=list[SnapshotOut])
def list_snapshots(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    membership = _membership(request, slug)
    return [_snapshot_out(s) for s in membership.organisation.snapshots.all()]


@api.post("/organisations/{slug}/snapshots", response={201: SnapshotOut, 413: Problems, 422: Problems})
def upload_snapshot(request: HttpRequest, slug: str, file: UploadedFile | None = File(None),  # noqa: B008
                    reference_date: date | None = Form(None),  # noqa: B008
                    accept_warnings: bool = Form(False)) -> Any:
    """Upload an HR export (multipart: ``file``, ``reference_date``, optional ``accept_warnings``).

    Errors: 422 with every problem (row, column, value, code). Warnings: 422 unless ``accept_warnings``.
    Membership is checked before anything else is looked at.
    """
    membership = _membership(request, slug, Membership.Role.ANALYST)
    if file is None or reference_date is None:
        missing = [name for name, value in (("file", file), ("reference_date", reference_date)) if value is None]
        return Status(422, {"errors": len(missing), "warnings": 0,
                            "problems": [{"severity": "error", "code": "missing_field", "row": None, "column": name,
                                          "value": None, "params": {}} for name in missing]})
    too_big = services.size_problem(file.size or 0)
    if too_big is not None:
        return Status(413, too_big.to_dict())
    check = services.check_upload(membership.organisation, request.auth, file.name or "upload.csv", file.read(),
                                  reference_date)
    if check.pending is None or (check.report.warnings and not accept_warnings):
        if check.pending is not None:
            check.pending.delete()
        return Status(422, check.report.to_dict())
    snapshot = services.accept(check.pending, request.auth)
    return Status(201, _snapshot_out(snapshot))


@api.get("/organisations/{slug}/snapshots/{snapshot_id}", response=SnapshotResults)
def snapshot_results(request: HttpRequest, slug: str, snapshot_id: int) -> dict[str, Any]:
    from paritas.web.accounts import audit

    membership = _membership(request, slug)
    s = membership.organisation.snapshots.filter(pk=snapshot_id).first()
    if s is None:
        raise HttpError(404, "Not found")
    audit.record_view(membership.organisation, request.auth, s.pk, via="api")
    return {**_snapshot_out(s), "structure": s.structure, "paygap": s.paygap}


@api.delete("/organisations/{slug}/snapshots/{snapshot_id}", response={204: None})
def delete_snapshot(request: HttpRequest, slug: str, snapshot_id: int) -> Any:
    membership = _membership(request, slug, Membership.Role.OWNER)
    s = membership.organisation.snapshots.filter(pk=snapshot_id).first()
    if s is None:
        raise HttpError(404, "Not found")
    services.delete_snapshot(s, request.auth, via="api")
    return Status(204, None)
