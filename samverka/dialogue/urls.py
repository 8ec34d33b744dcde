"""The dialogue app's addresses, under /dialog/. Each part keeps its own views module:
processes, proposals, comments, moderation and feedback (`views`), consultations
(`views_consultations`), surveys (`views_surveys`)."""

from django.urls import path

from . import views

app_name = "dialogue"
urlpatterns = [
    path("", views.index, name="index"),
    path("aterkoppling/<int:pk>/", views.feedback, name="feedback"),
    path("<slug:slug>/", views.process, name="process"),
]
