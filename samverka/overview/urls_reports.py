"""The reports' addresses (under /oversikt/rapporter/), part of the overview namespace."""

from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("rapporter/", views.index, name="reports"),
    path("rapporter/<int:pk>/", views.detail, name="report"),
    path("rapporter/<int:pk>/forsok-igen/", views.retry, name="retry_report"),
    path("rapporter/<int:pk>/pdf/", views.pdf, name="report_pdf"),
    path("rapporter/<int:pk>/csv/", views.csv, name="report_csv"),
]
