from django.urls import path

from paritas.web.network import views

app_name = "network"
urlpatterns = [
    path("campaigns/<slug:slug>/", views.campaign, name="campaign"),
    path("events/<int:pk>/", views.event, name="event"),
    path("events/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("registrations/<str:token>/", views.registration, name="registration"),
]
