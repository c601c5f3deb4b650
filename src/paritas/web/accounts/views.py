from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from paritas.web.accounts import throttle, totp
from paritas.web.accounts.forms import CodeForm, LanguageForm, LoginForm, PasswordResetForm, TokenForm
from paritas.web.accounts.models import ApiToken
from paritas.web.ids import parse_id

PENDING = "paritas_pending_user"
#: Set in the session once the second factor was checked at sign-in; the admin requires it.
VERIFIED = "paritas_second_factor"
ENROL = "paritas_totp_enrol"
BLOCKED = _lazy("Too many failed sign-ins. Please wait 15 minutes, or reset your password.")


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _finish(request: HttpRequest, user: object, second_factor: bool = False) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    request.session[VERIFIED] = second_factor
    language = getattr(user, "language", "")
    response = redirect(_next(request))
    if language:
        from django.conf import settings

        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


def login_view(request: HttpRequest) -> HttpResponse:
    """The one way in (the admin's sign-in leads here too): password, then the second factor where the
    account has one; platform staff must have one and set it up here on their first sign-in."""
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email, client = form.cleaned_data["email"], throttle.client_of(request)
        if throttle.blocked(email, client):
            form.add_error(None, BLOCKED)
            status = 429
        else:
            user = authenticate(request, username=email.lower(), password=form.cleaned_data["password"])
            if user is None:
                throttle.failed(email, client)
                form.add_error(None, _("The e-mail address or the password is wrong."))
                status = 401
            else:
                throttle.succeeded(email, client)
                request.session.cycle_key()
                if user.has_totp:  # type: ignore[attr-defined]
                    request.session[PENDING] = user.pk
                    return redirect(f"/accounts/login/code/?next={quote(_next(request))}")
                if user.is_staff:  # staff may not work without a second factor: set it up now
                    request.session[PENDING] = user.pk
                    request.session[ENROL] = totp.new_secret()
                    return redirect(f"/accounts/login/setup/?next={quote(_next(request))}")
                return _finish(request, user)
    return render(request, "accounts/login.html", {"form": form, "next": _next(request)}, status=status)


def _checked_code(request: HttpRequest, user: Any, form: CodeForm, secret: str | None) -> int:
    """Check a posted second-factor code against ``secret``, within the sign-in throttle: 200 when it is
    right, 429 while throttled, 401 when wrong (counted as a failed sign-in)."""
    client = throttle.client_of(request)
    if throttle.blocked(user.email, client):
        form.add_error(None, BLOCKED)
        return 429
    if secret and totp.verify(secret, form.cleaned_data["code"]):
        return 200
    throttle.failed(user.email, client)
    form.add_error("code", _("This code is not valid. Use the current code of your authenticator app."))
    return 401


def code_view(request: HttpRequest) -> HttpResponse:
    pk = request.session.get(PENDING)
    if pk is None:
        return redirect("accounts:login")
    user = get_object_or_404(get_user_model(), pk=pk)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        status = _checked_code(request, user, form, totp.secret_of(user) if user.has_totp else None)
        if status == 200:
            del request.session[PENDING]
            return _finish(request, user, second_factor=True)
    return render(request, "accounts/code.html", {"form": form, "next": _next(request)}, status=status)


def setup_view(request: HttpRequest) -> HttpResponse:
    """First sign-in of a staff account without a second factor: it is set up before the session starts."""
    pk, secret = request.session.get(PENDING), request.session.get(ENROL)
    if pk is None or secret is None:
        return redirect("accounts:login")
    user = get_object_or_404(get_user_model(), pk=pk)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        status = _checked_code(request, user, form, secret)
        if status == 200:
            user.totp_secret = totp.store(secret)
            user.save(update_fields=["totp_secret"])
            del request.session[PENDING], request.session[ENROL]
            messages.success(request, _("Two-factor sign-in is on."))
            return _finish(request, user, second_factor=True)
    return render(request, "accounts/setup.html", {"form": form, "next": _next(request), "secret": secret,
                                                   "uri": totp.uri(secret, user.email)}, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, throttled per client and per account (docs/security.md). An account over its limit
    gets no further mail, but the page says the same as always (it must not tell which addresses exist).
    The mail goes through the outbox (forms.PasswordResetForm)."""

    form_class = PasswordResetForm

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        client_ok, account_ok = throttle.reset_allowed(form.cleaned_data["email"], throttle.client_of(self.request))
        if not client_ok:
            form.add_error(None, _("Too many password-reset requests from your network. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not account_ok:
            return redirect(self.get_success_url())
        return super().form_valid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    language_form = LanguageForm(initial={"language": user.language or "de"})  # type: ignore[union-attr]
    token_form = TokenForm()
    new_token = None
    setup_secret = request.session.get("paritas_totp_setup")
    code_form = CodeForm()
    password_form = PasswordChangeForm(user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "password":
            password_form = PasswordChangeForm(user, request.POST)
            if password_form.is_valid():
                password_form.save()
                update_session_auth_hash(request, password_form.user)  # this session stays signed in
                messages.success(request, _("Your password was changed."))
                return redirect("accounts:account")
        elif action == "language":
            language_form = LanguageForm(request.POST)
            if language_form.is_valid():
                user.language = language_form.cleaned_data["language"]  # type: ignore[union-attr]
                user.save(update_fields=["language"])  # type: ignore[union-attr]
                response = redirect("accounts:account")
                from django.conf import settings

                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")  # type: ignore
                return response
        elif action == "token":
            token_form = TokenForm(request.POST)
            if token_form.is_valid():
                _token, new_token = ApiToken.issue(user, token_form.cleaned_data["name"])  # type: ignore[arg-type]
        elif action == "revoke":
            token = parse_id(request.POST.get("token"))
            if token is None:
                return HttpResponse(_("This token does not exist."), status=400, content_type="text/plain")
            ApiToken.objects.filter(user=user, pk=token).delete()
            messages.success(request, _("The token was revoked."))
            return redirect("accounts:account")
        elif action == "totp_start":
            setup_secret = totp.new_secret()
            request.session["paritas_totp_setup"] = setup_secret
        elif action == "totp_confirm" and setup_secret:
            code_form = CodeForm(request.POST)
            if code_form.is_valid() and totp.verify(setup_secret, code_form.cleaned_data["code"]):
                user.totp_secret = totp.store(setup_secret)  # type: ignore[union-attr]
                user.save(update_fields=["totp_secret"])  # type: ignore[union-attr]
                del request.session["paritas_totp_setup"]
                messages.success(request, _("Two-factor sign-in is on."))
                return redirect("accounts:account")
            code_form.add_error("code", _("This code is not valid. Use the current code of your authenticator app."))
        elif action == "totp_off" and user.is_staff:  # type: ignore[union-attr]
            messages.error(request, _("Platform staff must keep two-factor sign-in on."))
        elif action == "totp_off":
            if user.check_password(request.POST.get("password", "")):  # type: ignore[union-attr]
                user.totp_secret = ""  # type: ignore[union-attr]
                user.save(update_fields=["totp_secret"])  # type: ignore[union-attr]
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("accounts:account")
            messages.error(request, _("The password is wrong."))
    return render(request, "accounts/account.html", {
        "language_form": language_form, "token_form": token_form, "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user), "setup_secret": setup_secret,
        "setup_uri": totp.uri(setup_secret, user.email) if setup_secret else None,  # type: ignore[union-attr]
        "code_form": code_form, "password_form": password_form})
