from django.urls import path

from paritas.web.projects.views import people, projects, results

app_name = "projects"
urlpatterns = [
    path("projects/", projects.projects, name="projects"),
    path("projects/new/", projects.new, name="new"),
    path("projects/<slug:slug>/", projects.project, name="project"),
    path("projects/<slug:slug>/share/", projects.share, name="share"),
    path("projects/<slug:slug>/organisations/<int:pk>/", projects.partner, name="partner"),
    path("projects/<slug:slug>/activities/", people.activities, name="activities"),
    path("projects/<slug:slug>/activities/<int:pk>/", people.activity, name="activity"),
    path("projects/<slug:slug>/participants/", people.participants, name="participants"),
    path("projects/<slug:slug>/participants/template.csv", people.template_csv, name="template"),
    path("projects/<slug:slug>/participants/<int:pk>/", people.participant, name="participant"),
    path("projects/<slug:slug>/reports/", results.monthly, name="monthly"),
    path("projects/<slug:slug>/reports/<int:pk>.xlsx", results.monthly_file, name="monthly_file"),
    path("projects/<slug:slug>/outcome/", results.outcome_page, name="outcome"),
    path("projects/<slug:slug>/final-report.pdf", results.final_report, name="final_report"),
]
