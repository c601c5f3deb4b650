"""The REST API (django-ninja): organisations and snapshots, scoped by membership, token authentication.

OpenAPI schema at /api/openapi.json, interactive docs at /api/docs. Send ``Authorization: Bearer <token>``
with a token made on the account page.

Every operation documents every answer it gives: 401 without a valid token, 403 where the role does not
allow it, 404 for an organisation one does not belong to or an id that does not exist (or is not a
number), 409 where an upload meets a snapshot of the same date, and 422 with :class:`Problems` — the
same shape for a refused HR file and for a malformed request. schemathesis checks the schema against the
running API in the test suite (tests/web/test_api_schema.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
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


class ParitasAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """ninja's schema, with what it cannot say itself: an uploaded file is at least one byte (an empty
        part is no file; Django's parser drops it)."""
        document = super().get_openapi_schema(*args, **kwargs)
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                for content in operation.get("requestBody", {}).get("content", {}).values():
                    for prop in content.get("schema", {}).get("properties", {}).values():
                        if prop.get("format") == "binary":
                            prop["minLength"] = 1
        return document


api = ParitasAPI(title="Paritas API", version="1", auth=TokenAuth(), urls_namespace="api",
                 description="Organisations and workforce snapshots of the organisations you belong to.")


class Message(Schema):
    """Why a request was refused (401, 403, 404)."""

    detail: str


class Problem(Schema):
    """One problem: of an HR file (row and column as in the file) or of the request (the field in column)."""

    severity: str
    code: str
    row: int | None
    column: str | None
    value: str | None
    params: dict[str, str]


class Problems(Schema):
    errors: int
    warnings: int
    problems: list[Problem]


def _request_problems(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """ninja's validation errors as :class:`Problems`: one per field."""
    problems = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())[1:]]  # without the source: body, form, file, query
        code = "missing_field" if error.get("type") == "missing" else "invalid_field"
        problems.append({"severity": "error", "code": code, "row": None, "column": loc[-1] if loc else None,
                         "value": None, "params": {"message": str(error.get("msg", ""))[:200]}})
    return {"errors": len(problems), "warnings": 0, "problems": problems}


#: The role an operation needs, by method (reading: viewer), for refusals before the operation runs.
ROLE_BY_METHOD = {"POST": Membership.Role.ANALYST, "DELETE": Membership.Role.OWNER}


def _refused_first(request: HttpRequest) -> HttpResponse | None:
    """Membership and role come before anything about the request's shape: a stranger learns nothing."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if slug is not None and getattr(request, "auth", None) is not None:
        try:
            _membership(request, str(slug), ROLE_BY_METHOD.get(request.method or "", Membership.Role.VIEWER))
        except HttpError as refused:
            return api.create_response(request, {"detail": str(refused)}, status=refused.status_code)
    return None


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's 400 for a body it cannot parse (not JSON, not the form it claims) comes after membership and
    role; every other refusal as it is."""
    if exc.status_code == 400:
        refused = _refused_first(request)
        if refused is not None:
            return refused
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A malformed request: 422 with its problems — but membership and role come first (a stranger learns
    nothing from the shape of the answer), and an id that is not a number is simply not found."""
    refused = _refused_first(request)
    if refused is not None:
        return refused
    if any(str(e.get("loc", ("",))[0]) == "path" for e in exc.errors):  # /snapshots/abc: no such snapshot
        return api.create_response(request, {"detail": "Not found"}, status=404)
    return api.create_response(request, _request_problems(exc.errors), status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "A valid API token is required (Authorization: Bearer …)."},
                               status=401)


#: The answers every authenticated operation can give besides its own.
REFUSALS: dict[int, Any] = {400: Message, 401: Message, 403: Message, 404: Message, 422: Problems}


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
    created_at: datetime


class SnapshotResults(SnapshotOut):
    structure: dict[str, Any]
    paygap: dict[str, Any] | None


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


@api.get("/organisations", response={200: list[OrganisationOut], 401: Message})
def list_organisations(request: HttpRequest) -> list[dict[str, Any]]:
    roles = dict(Membership.objects.filter(user=request.auth).values_list("organisation_id", "role"))
    return [{"slug": o.slug, "name": o.name, "type": o.type, "sector": o.sector,
             "region": str(o.region) if o.region else None, "size": o.size, "role": roles[o.pk]}
            for o in organisations_of(request.auth).select_related("region")]


@api.get("/organisations/{slug}/snapshots", response={200: list[SnapshotOut], **REFUSALS})
def list_snapshots(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    membership = _membership(request, slug)
    return [_snapshot_out(s) for s in membership.organisation.snapshots.all()]


@api.post("/organisations/{slug}/snapshots",
          response={201: SnapshotOut, 409: Problems, 413: Problems, **REFUSALS})
def upload_snapshot(request: HttpRequest, slug: str, file: File[UploadedFile],
                    reference_date: Form[date], accept_warnings: Form[bool] = False,
                    replace: Form[bool] = False) -> Any:
    """Upload an HR export (multipart: ``file``, ``reference_date``, optional ``accept_warnings`` and
    ``replace``).

    Errors: 422 with every problem (row, column, value, code). Warnings: 422 unless ``accept_warnings``.
    A snapshot of the same reference date: 409 unless ``replace``. Membership is checked first.
    """
    membership = _membership(request, slug, Membership.Role.ANALYST)
    too_big = services.size_problem(file.size or 0)
    if too_big is not None:
        return Status(413, too_big.to_dict())
    check = services.check_upload(membership.organisation, request.auth, file.name or "upload.csv", file.read(),
                                  reference_date)
    if check.pending is None or (check.report.warnings and not accept_warnings):
        if check.pending is not None:
            check.pending.delete()
        return Status(422, check.report.to_dict())
    try:
        snapshot = services.accept(check.pending, request.auth, replace=replace)
    except (services.SnapshotExists, services.AlreadyDecided):
        check.pending.delete()
        return Status(409, {"errors": 1, "warnings": 0, "problems": [{
            "severity": "error", "code": "snapshot_exists", "row": None, "column": "reference_date",
            "value": reference_date.isoformat(), "params": {}}]})
    return Status(201, _snapshot_out(snapshot))


@api.get("/organisations/{slug}/snapshots/{snapshot_id}", response={200: SnapshotResults, **REFUSALS})
def snapshot_results(request: HttpRequest, slug: str, snapshot_id: int) -> dict[str, Any]:
    from paritas.web.accounts import audit

    membership = _membership(request, slug)
    s = membership.organisation.snapshots.filter(pk=snapshot_id).first()
    if s is None:
        raise HttpError(404, "Not found")
    audit.record_view(membership.organisation, request.auth, s.pk, via="api")
    return {**_snapshot_out(s), "structure": s.structure, "paygap": s.paygap}


@api.delete("/organisations/{slug}/snapshots/{snapshot_id}", response={204: None, **REFUSALS})
def delete_snapshot(request: HttpRequest, slug: str, snapshot_id: int) -> Any:
    membership = _membership(request, slug, Membership.Role.OWNER)
    s = membership.organisation.snapshots.filter(pk=snapshot_id).first()
    if s is None:
        raise HttpError(404, "Not found")
    services.delete_snapshot(s, request.auth, via="api")
    return Status(204, None)


# --- Plans (docs/plans.md): read for every member, write targets and measures for analysts ------------------

class TargetOut(Schema):
    id: int
    area: str
    group: str
    basis: str
    target_percent: float
    deadline: int
    interim: list[dict[str, Any]]
    baseline: float | None
    latest: float | None
    expected: float | None
    status: str
    still_needed: float | None


class MeasureOut(Schema):
    id: int
    title: str
    description: str
    owner: str
    target_group: str
    quantity: str
    start: date | None
    end: date | None
    budget: float | None
    status: str
    status_reason: str
    indicator: str
    targets: list[int]


class VersionOut(Schema):
    id: int
    number: int
    year: int
    status: str
    board: str
    decision_reference: str
    reference_dates: list[date]
    targets: list[TargetOut]
    measures: list[MeasureOut]


class PlanOut(Schema):
    id: int
    title: str
    kind: str
    legal_basis: str
    period_start: int
    period_end: int
    versions: list[dict[str, Any]]


class TargetIn(Schema):
    area: str
    group: str = ""
    basis: str = "heads"
    target_percent: float
    deadline: int
    interim: list[dict[str, Any]] = []
    note: str = ""


class MeasureIn(Schema):
    title: str
    description: str = ""
    owner: str = ""
    target_group: str = ""
    quantity: str = ""
    start: date | None = None
    end: date | None = None
    budget: float | None = None
    status: str = "planned"
    status_reason: str = ""
    indicator: str = ""


def _plan_version(request: HttpRequest, slug: str, version_id: int, role: str = Membership.Role.VIEWER) -> Any:
    from paritas.web.plans.models import PlanVersion

    membership = _membership(request, slug, role)
    version = PlanVersion.objects.select_related("plan").filter(pk=version_id,
                                                                plan__organisation=membership.organisation).first()
    if version is None:
        raise HttpError(404, "Not found")
    return version


def _version_out(version: Any) -> dict[str, Any]:
    from paritas.web.plans import services as plans

    points = plans.points(version)
    targets = []
    for t in version.targets.all():
        p = plans.target_progress(t, points)
        targets.append({"id": t.pk, "area": t.area, "group": t.group, "basis": t.basis,
                        "target_percent": float(t.target), "deadline": t.deadline, "interim": t.interim,
                        "baseline": p.baseline.value if p.baseline else None,
                        "latest": p.latest.value if p.latest else None, "expected": p.expected, "status": p.status,
                        "still_needed": p.needed})
    measures = [{"id": m.pk, "title": m.title, "description": m.description, "owner": m.owner,
                 "target_group": m.target_group, "quantity": m.quantity, "start": m.start, "end": m.end,
                 "budget": float(m.budget) if m.budget is not None else None, "status": m.status,
                 "status_reason": m.status_reason, "indicator": m.indicator,
                 "targets": [t.pk for t in m.targets.all()]} for m in version.measures.prefetch_related("targets")]
    return {"id": version.pk, "number": version.number, "year": version.year, "status": version.status,
            "board": version.board, "decision_reference": version.decision_reference,
            "reference_dates": [p.date for p in points], "targets": targets, "measures": measures}


def _refused(exc: Any) -> Any:
    messages = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    problems = [{"severity": "error", "code": "invalid_field", "row": None, "column": field, "value": None,
                 "params": {"message": message}} for field, texts in messages for message in texts]
    return Status(422, {"errors": len(problems), "warnings": 0, "problems": problems})


@api.get("/organisations/{slug}/plans", response={200: list[PlanOut], **REFUSALS})
def list_plans(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    membership = _membership(request, slug)
    return [{"id": p.pk, "title": p.title, "kind": p.kind, "legal_basis": p.legal_basis,
             "period_start": p.period_start, "period_end": p.period_end,
             "versions": [{"id": v.pk, "number": v.number, "year": v.year, "status": v.status}
                          for v in p.versions.order_by("number")]}
            for p in membership.organisation.plans.prefetch_related("versions")]


@api.get("/organisations/{slug}/plans/versions/{version_id}", response={200: VersionOut, **REFUSALS})
def plan_version(request: HttpRequest, slug: str, version_id: int) -> dict[str, Any]:
    """A version with its targets (and their progress computed from its snapshots) and measures."""
    return _version_out(_plan_version(request, slug, version_id))


@api.post("/organisations/{slug}/plans/versions/{version_id}/targets", response={201: TargetOut, **REFUSALS})
def add_target(request: HttpRequest, slug: str, version_id: int, payload: TargetIn) -> Any:
    from django.core.exceptions import ValidationError as Invalid

    from paritas.web.plans import services as plans

    version = _plan_version(request, slug, version_id, Membership.Role.ANALYST)
    try:
        target = plans.save_target(version, request.auth, {**payload.dict(), "target": payload.target_percent})
    except Invalid as exc:
        return _refused(exc)
    return Status(201, next(t for t in _version_out(version)["targets"] if t["id"] == target.pk))


@api.post("/organisations/{slug}/plans/versions/{version_id}/measures", response={201: MeasureOut, **REFUSALS})
def add_measure(request: HttpRequest, slug: str, version_id: int, payload: MeasureIn) -> Any:
    from django.core.exceptions import ValidationError as Invalid

    from paritas.web.plans import services as plans

    version = _plan_version(request, slug, version_id, Membership.Role.ANALYST)
    try:
        measure = plans.save_measure(version, request.auth, payload.dict())
    except Invalid as exc:
        return _refused(exc)
    return Status(201, next(m for m in _version_out(version)["measures"] if m["id"] == measure.pk))
