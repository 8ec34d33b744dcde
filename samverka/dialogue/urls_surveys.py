"""Surveys (enkäter), under /dialog/enkater/."""

from django.urls import path

from . import views_surveys as views

urlpatterns = [
    path("enkater/", views.index, name="surveys"),
    path("enkater/ny/<slug:slug>/", views.create, name="survey_create"),
    path("enkater/<int:pk>/", views.survey, name="survey"),
    path("enkater/<int:pk>/andra/", views.edit, name="survey_edit"),
    path("enkater/<int:pk>/oppna/", views.open_survey, name="survey_open"),
    path("enkater/<int:pk>/stang/", views.close_survey, name="survey_close"),
    path("enkater/<int:pk>/svara/", views.answer, name="survey_answer"),
    path("enkater/<int:pk>/resultat/", views.results, name="survey_results"),
    path("enkater/<int:pk>/svar.csv", views.results_csv, name="survey_csv"),
    path("enkater/<int:survey_pk>/fragor/ny/", views.question, name="survey_question_add"),
    path("enkater/fragor/<int:pk>/", views.question, name="survey_question"),
    path("enkater/fragor/<int:pk>/ta-bort/", views.question_remove, name="survey_question_remove"),
    path("enkater/fragor/<int:pk>/flytta/", views.question_move, name="survey_question_move"),
]
