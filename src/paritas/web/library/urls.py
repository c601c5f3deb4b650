from django.urls import path

from paritas.web.library import views

app_name = "library"
urlpatterns = [
    path("library/", views.entries, name="entries"),
    path("library/new/", views.new, name="new"),
    path("library/review/", views.reviews, name="reviews"),
    path("library/<slug:slug>/", views.entry, name="entry"),
    path("library/<slug:slug>/card.pdf", views.card, name="card"),
    path("library/<slug:slug>/edit/", views.edit, name="edit"),
    path("library/<slug:slug>/review/", views.review, name="review"),
]
