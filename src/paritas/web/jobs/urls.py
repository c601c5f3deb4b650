from django.urls import path

from paritas.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("o/<slug:slug>/documents/<uuid:job>/", views.document, name="document"),
    path("o/<slug:slug>/documents/<uuid:job>/download/", views.download, name="download"),
    path("documents/<uuid:job>/", views.personal_document, name="personal_document"),
    path("documents/<uuid:job>/download/", views.personal_download, name="personal_download"),
]
