"""Consultations (remiss), under /dialog/remisser/."""

from django.urls import path

from . import views_consultations as views

urlpatterns = [
    path("remisser/", views.index, name="consultations"),
    path("remisser/ny/<slug:slug>/", views.create, name="consultation_create"),
    path("remisser/<int:pk>/", views.consultation, name="consultation"),
    path("remisser/<int:pk>/andra/", views.edit, name="consultation_edit"),
    path("remisser/<int:pk>/mottagare/", views.recipients, name="consultation_recipients"),
    path("remisser/<int:pk>/dokument/", views.add_document, name="consultation_add_document"),
    path("remisser/<int:pk>/skicka/", views.send_out, name="consultation_send"),
    path("remisser/<int:pk>/svarstid/", views.deadline, name="consultation_deadline"),
    path("remisser/<int:pk>/stang/", views.close, name="consultation_close"),
    path("remisser/<int:pk>/sammanstallning/", views.report, name="consultation_report"),
    path("remisser/dokument/<int:pk>/", views.document, name="consultation_document"),
    path("remisser/dokument/<int:pk>/ta-bort/", views.remove_document, name="consultation_remove_document"),
    path("remisser/svar/<int:pk>/", views.answer, name="consultation_answer"),
    path("remisser/svar/<int:pk>/skicka/", views.send_answer, name="consultation_send_answer"),
]
