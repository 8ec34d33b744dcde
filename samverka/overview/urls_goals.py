"""The Agenda 2030 goal pages (under /agenda-2030/)."""

from django.urls import path  # noqa: F401

app_name = "goals"
urlpatterns = []
