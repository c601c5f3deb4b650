from django.urls import path

from paritas.web.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("o/<slug:slug>/members/", views.members, name="members"),
    path("o/<slug:slug>/settings/", views.settings_view, name="settings"),
    path("o/<slug:slug>/audit/", views.audit_log, name="audit"),
]
