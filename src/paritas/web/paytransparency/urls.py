from django.urls import path

from paritas.web.paytransparency import requests_views, views

app_name = "paytransparency"
urlpatterns = [
    path("o/<slug:slug>/jobs/", views.jobs_page, name="jobs"),
    path("o/<slug:slug>/jobs/plan/", views.plan_page, name="plan"),
    path("o/<slug:slug>/jobs/<int:pk>/", views.job_page, name="job"),
    path("o/<slug:slug>/pay-requests/", requests_views.requests_page, name="requests"),
    path("o/<slug:slug>/pay-requests/<int:pk>/", requests_views.request_page, name="request"),
    path("o/<slug:slug>/pay-requests/<int:pk>/letter.pdf", requests_views.letter_pdf, name="letter"),
]
