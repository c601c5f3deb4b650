from django.urls import path

from paritas.web.network import views
from paritas.web.network.organiser import campaigns as organise_campaigns
from paritas.web.network.organiser import events as organise_events

app_name = "network"
urlpatterns = [
    path("campaigns/<slug:slug>/", views.campaign, name="campaign"),
    path("campaigns/<slug:slug>/events.ics", views.campaign_ics, name="campaign_ics"),
    path("campaigns/<slug:slug>/slots/<int:pk>/", views.slot_request, name="slot_request"),
    path("events/<int:pk>/", views.event, name="event"),
    path("events/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/flyer.pdf", views.flyer, name="flyer"),
    path("events/<int:pk>/files/<int:file_pk>/", views.public_file, name="public_file"),
    path("registrations/<str:token>/", views.registration, name="registration"),
    path("network/", organise_campaigns.campaigns, name="organise"),
    path("network/c/<slug:slug>/", organise_campaigns.campaign, name="organise_campaign"),
    path("network/c/<slug:slug>/figures.csv", organise_campaigns.figures_csv, name="figures"),
    path("network/e/<int:pk>/", organise_events.event, name="organise_event"),
    path("network/e/<int:pk>/participants.csv", organise_events.participants_csv, name="participants"),
    path("network/e/<int:pk>/<str:kind>.pdf", organise_events.participants_pdf, name="participants_pdf"),
    path("network/e/<int:pk>/files/<int:file_pk>/", organise_events.organiser_file, name="organiser_file"),
]
