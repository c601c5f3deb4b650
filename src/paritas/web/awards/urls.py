from django.urls import path

from paritas.web.awards import views, views_applicant, views_jury, views_programme

app_name = "awards"
urlpatterns = [
    # Public
    path("register/", views.register_page, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("register.json", views.register_json, name="register_json"),
    path("register/badge/<int:pk>.svg", views.badge, name="badge"),
    # Applicants, inside their organisation
    path("o/<slug:slug>/awards/", views_applicant.overview, name="applications"),
    path("o/<slug:slug>/awards/a/<int:application_id>/", views_applicant.application, name="application"),
    path("o/<slug:slug>/awards/a/<int:application_id>.pdf", views_applicant.application_pdf, name="application_pdf"),
    path("o/<slug:slug>/awards/a/<int:application_id>/answer/<int:question_id>/", views_applicant.answer,
         name="answer"),
    path("o/<slug:slug>/awards/a/<int:application_id>/missing/", views_applicant.missing, name="missing"),
    path("o/<slug:slug>/awards/a/<int:application_id>/snapshot/", views_applicant.attach_snapshot,
         name="attach_snapshot"),
    path("o/<slug:slug>/awards/a/<int:application_id>/plan/", views_applicant.attach_plan, name="attach_plan"),
    path("o/<slug:slug>/awards/a/<int:application_id>/submit/", views_applicant.submit, name="submit"),
    path("o/<slug:slug>/awards/a/<int:application_id>/withdraw/", views_applicant.withdraw, name="withdraw"),
    path("o/<slug:slug>/awards/a/<int:application_id>/file/<int:attachment_id>/", views_applicant.attachment,
         name="attachment"),
    path("o/<slug:slug>/awards/certificate/<int:award_id>.pdf", views_applicant.certificate, name="certificate"),
    # Jurors
    path("jury/", views_jury.home, name="jury"),
    path("jury/<int:assignment_id>/", views_jury.review, name="review"),
    path("jury/<int:assignment_id>.pdf", views_jury.application_pdf, name="review_pdf"),
    path("jury/<int:assignment_id>/score/<int:criterion_id>/", views_jury.score, name="score"),
    path("jury/<int:assignment_id>/conflict/", views_jury.conflict, name="conflict"),
    path("jury/<int:assignment_id>/submit/", views_jury.submit_review, name="submit_review"),
    path("jury/<int:assignment_id>/file/<int:attachment_id>/", views_jury.attachment, name="jury_attachment"),
    # Programme administrators
    path("programmes/", views_programme.programmes, name="programmes"),
    path("programmes/<slug:programme>/", views_programme.programme, name="programme"),
    path("programmes/<slug:programme>/catalogue/", views_programme.catalogue, name="catalogue"),
    path("programmes/<slug:programme>/rounds/<int:round_id>/", views_programme.round_detail, name="round"),
    path("programmes/<slug:programme>/rounds/<int:round_id>/meeting/", views_programme.meeting, name="meeting"),
    path("programmes/<slug:programme>/rounds/<int:round_id>/meeting.csv", views_programme.meeting_csv,
         name="meeting_csv"),
    path("programmes/<slug:programme>/applications/<int:application_id>/", views_programme.application,
         name="application_admin"),
    path("programmes/<slug:programme>/applications/<int:application_id>.pdf", views_programme.application_pdf,
         name="application_admin_pdf"),
    path("programmes/<slug:programme>/applications/<int:application_id>/file/<int:attachment_id>/",
         views_programme.attachment, name="admin_attachment"),
    path("programmes/<slug:programme>/certificate/<int:award_id>.pdf", views_programme.certificate,
         name="admin_certificate"),
]
