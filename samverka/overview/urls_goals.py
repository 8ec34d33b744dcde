"""The Agenda 2030 goal pages (under /agenda-2030/)."""

from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("", views.goals, name="index"),
    path("<int:number>/", views.goal, name="goal"),
]
