from django.urls import path

from paritas.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("o/<slug:slug>/documents/<uuid:job>/", views.document, name="document"),
    path("o/<slug:slug>/documents/<uuid:job>/download/", views.download, name="download"),
]
