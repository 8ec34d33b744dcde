from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("ny/", views.create, name="create"),
    path("kalender.ics", views.feed, name="feed"),
    path("oppna-data/aktiviteter.csv", views.export_csv, name="export_csv"),
    path("oppna-data/aktiviteter.json", views.export_json, name="export_json"),
    path("anmalan/<str:token>/", views.registration, name="registration"),
    path("anmalan/<str:token>/bekrafta/", views.confirm_registration, name="confirm_registration"),
    path("mina-anmalningar/", views.my_registrations, name="my_registrations"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.activity_feed, name="activity_feed"),
    path("<slug:slug>/andra/", views.edit, name="edit"),
    path("<slug:slug>/publicera/", views.publish, name="publish"),
    path("<slug:slug>/stall-in/", views.cancel, name="cancel"),
    path("<slug:slug>/tillfallen/<int:pk>/anmal/", views.register, name="register"),
    path("<slug:slug>/tillfallen/<int:pk>/anmal/skickad/", views.registration_sent, name="registration_sent"),
    path("<slug:slug>/tillfallen/<int:pk>/stall-in/", views.cancel_occurrence, name="cancel_occurrence"),
    path("<slug:slug>/tillfallen/<int:pk>/flytta/", views.move_occurrence, name="move_occurrence"),
    path("<slug:slug>/deltagare/", views.participants, name="participants"),
    path("<slug:slug>/deltagare.csv", views.participants_csv, name="participants_csv"),
    path("<slug:slug>/lyft-fram/", views.feature, name="feature"),
    path("<slug:slug>/lyft-fram/<int:pk>/ta-bort/", views.unfeature, name="unfeature"),
]
