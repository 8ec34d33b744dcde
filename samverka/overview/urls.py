"""The overview's addresses (under /oversikt/); the reports' are in urls_reports.py."""

from django.urls import path

from . import urls_reports, views, views_meetings

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
    path("mote/<int:pk>/", views_meetings.meeting, name="meeting"),
    *urls_reports.urlpatterns,
]
