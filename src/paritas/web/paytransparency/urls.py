from django.urls import path

from paritas.web.paytransparency import views

app_name = "paytransparency"
urlpatterns = [
    path("o/<slug:slug>/jobs/", views.jobs_page, name="jobs"),
    path("o/<slug:slug>/jobs/plan/", views.plan_page, name="plan"),
    path("o/<slug:slug>/jobs/<int:pk>/", views.job_page, name="job"),
]
