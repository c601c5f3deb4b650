from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from paritas.web.api import api

urlpatterns = [
    path("", include("paritas.web.organisations.urls")),
    path("", include("paritas.web.workforce.urls")),
    path("", include("paritas.web.awards.urls")),
    path("", include("paritas.web.plans.urls")),
    path("", include("paritas.web.network.urls")),
    path("", include("paritas.web.library.urls")),
    path("", include("paritas.web.projects.urls")),
    path("", include("paritas.web.paytransparency.urls")),
    path("", include("paritas.web.jobs.urls")),
    path("accounts/", include("paritas.web.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
