from django.urls import path

from paritas.web.awards import views

app_name = "awards"
urlpatterns = [
    path("register/", views.register_page, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("register.json", views.register_json, name="register_json"),
    path("register/badge/<int:pk>.svg", views.badge, name="badge"),
]
