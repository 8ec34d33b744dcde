"""The overview's addresses (under /oversikt/); the reports' are in urls_reports.py."""

from django.urls import path  # noqa: F401

from . import urls_reports

app_name = "overview"
urlpatterns = [
    *urls_reports.urlpatterns,
]
