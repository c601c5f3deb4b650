from django.urls import path

from paritas.web.workforce import views

app_name = "workforce"
urlpatterns = [
    path("o/<slug:slug>/", views.snapshots, name="snapshots"),
    path("o/<slug:slug>/upload/", views.upload, name="upload"),
    path("o/<slug:slug>/upload/<int:pk>/", views.pending, name="pending"),
    path("o/<slug:slug>/upload/job/<uuid:job>/", views.upload_job, name="upload_job"),
    path("o/<slug:slug>/s/<int:pk>/", views.dashboard, name="dashboard"),
    path("o/<slug:slug>/s/<int:pk>/report.pdf", views.report_pdf, name="pdf"),
    path("o/<slug:slug>/s/<int:pk>/report.xlsx", views.report_xlsx, name="xlsx"),
    path("o/<slug:slug>/s/<int:pk>/delete/", views.delete, name="delete"),
    path("o/<slug:slug>/s/<int:pk>/rows.csv", views.rows_csv, name="rows"),
]
