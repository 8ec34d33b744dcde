"""The reports' addresses (under /oversikt/rapporter/), part of the overview namespace."""

from django.urls import path  # noqa: F401

urlpatterns = []
