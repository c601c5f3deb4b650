from django.urls import path

from paritas.web.paytransparency.views import desk, evaluation, ranges, reports, requests, survey

app_name = "paytransparency"
urlpatterns = [
    path("o/<slug:slug>/jobs/", evaluation.jobs_page, name="jobs"),
    path("o/<slug:slug>/jobs/plan/", evaluation.plan_page, name="plan"),
    path("o/<slug:slug>/jobs/<int:pk>/", evaluation.job_page, name="job"),
    path("o/<slug:slug>/pay-requests/", requests.requests_page, name="requests"),
    path("o/<slug:slug>/pay-requests/<int:pk>/", requests.request_page, name="request"),
    path("o/<slug:slug>/pay-requests/<int:pk>/letter.pdf", requests.letter_pdf, name="letter"),
    path("o/<slug:slug>/pay-desk/people/", desk.people, name="people"),
    path("o/<slug:slug>/my-pay/", desk.desk, name="desk"),
    path("o/<slug:slug>/my-pay/answers/<int:pk>/", desk.answer, name="desk_answer"),
    path("o/<slug:slug>/my-pay/answers/<int:pk>/letter.pdf", desk.answer_pdf, name="desk_answer_pdf"),
    path("o/<slug:slug>/my-pay/assessments/<int:pk>/", desk.assessment, name="desk_assessment"),
    path("o/<slug:slug>/my-pay/assessments/<int:pk>/assessment.pdf", desk.assessment_file,
         name="desk_assessment_pdf"),
    path("o/<slug:slug>/pay-reports/", reports.reports_page, name="reports"),
    path("o/<slug:slug>/pay-reports/<int:pk>/", reports.report_page, name="report"),
    path("o/<slug:slug>/pay-reports/<int:pk>/art9.pdf", reports.report_file, {"kind": "pdf"}, name="report_pdf"),
    path("o/<slug:slug>/pay-reports/<int:pk>/art9.json", reports.report_file, {"kind": "json"}, name="report_json"),
    path("o/<slug:slug>/pay-reports/<int:pk>/art9.csv", reports.report_file, {"kind": "csv"}, name="report_csv"),
    path("o/<slug:slug>/pay-reports/<int:pk>/assessment/", reports.assessment_page, name="assessment"),
    path("o/<slug:slug>/pay-reports/<int:pk>/assessment.pdf", reports.assessment_file, name="assessment_pdf"),
    path("o/<slug:slug>/pay-surveys/", survey.surveys_page, name="surveys"),
    path("o/<slug:slug>/pay-surveys/<int:pk>/", survey.survey_page, name="survey"),
    path("o/<slug:slug>/pay-surveys/<int:pk>/findings/<int:finding>/", survey.finding_page, name="finding"),
    path("o/<slug:slug>/pay-surveys/<int:pk>/report.pdf", survey.survey_pdf, name="survey_pdf"),
    path("o/<slug:slug>/pay-ranges/", ranges.ranges_page, name="ranges"),
    path("pay/<slug:slug>/", ranges.public_page, name="public"),
]
