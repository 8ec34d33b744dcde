"""The news app's addresses."""

from django.urls import path  # noqa: F401

app_name = "news"
urlpatterns = []
