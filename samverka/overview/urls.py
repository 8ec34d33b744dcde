"""The overview's addresses (under /oversikt/); the reports' are in urls_reports.py."""

from django.urls import path

from . import urls_reports, views

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
    *urls_reports.urlpatterns,
]
