from django.urls import path

from paritas.web.network import organiser, views

app_name = "network"
urlpatterns = [
    path("campaigns/<slug:slug>/", views.campaign, name="campaign"),
    path("campaigns/<slug:slug>/events.ics", views.campaign_ics, name="campaign_ics"),
    path("events/<int:pk>/", views.event, name="event"),
    path("events/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("registrations/<str:token>/", views.registration, name="registration"),
    path("network/", organiser.campaigns, name="organise"),
    path("network/c/<slug:slug>/", organiser.campaign, name="organise_campaign"),
    path("network/e/<int:pk>/", organiser.event, name="organise_event"),
    path("network/e/<int:pk>/participants.csv", organiser.participants_csv, name="participants"),
]
