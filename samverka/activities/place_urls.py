"""Meeting places live at /motesplatser/ (namespace "places")."""

from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("", views.places, name="list"),
    path("ny/", views.place_create, name="create"),
    path("oppna-data/motesplatser.csv", views.places_csv, name="export_csv"),
    path("oppna-data/motesplatser.json", views.places_json, name="export_json"),
    path("<slug:slug>/", views.place_detail, name="detail"),
    path("<slug:slug>/andra/", views.place_edit, name="edit"),
    path("<slug:slug>/granska/", views.place_review, name="review"),
]
