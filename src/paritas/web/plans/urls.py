from django.urls import path

from paritas.web.plans import views

app_name = "plans"
urlpatterns = [
    path("o/<slug:slug>/plans/", views.plans, name="plans"),
    path("o/<slug:slug>/plans/<int:pk>/", views.plan_latest, name="plan"),
    path("o/<slug:slug>/plans/checklists/<int:programme>/", views.checklist, name="checklist"),
    path("o/<slug:slug>/plans/v/<int:pk>/", views.version, name="version"),
    path("o/<slug:slug>/plans/v/<int:pk>/action/", views.action, name="action"),
    path("o/<slug:slug>/plans/v/<int:pk>/targets/new/", views.target_form, name="target_new"),
    path("o/<slug:slug>/plans/v/<int:pk>/targets/<int:target>/", views.target_form, name="target"),
    path("o/<slug:slug>/plans/v/<int:pk>/measures/new/", views.measure_form, name="measure_new"),
    path("o/<slug:slug>/plans/v/<int:pk>/measures/<int:measure>/", views.measure_form, name="measure"),
    path("o/<slug:slug>/plans/v/<int:pk>/import/", views.import_measures, name="import"),
    path("o/<slug:slug>/plans/v/<int:pk>/plan.pdf", views.version_pdf, name="pdf"),
    path("o/<slug:slug>/plans/v/<int:pk>/plan.xlsx", views.version_xlsx, name="xlsx"),
]
