"""The knowledge bank's addresses (/kunskapsbank/)."""

from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.index, name="index"),
    path("sok/", views.search, name="search"),
    path("ny/", views.new, name="new"),
    path("amne/<slug:topic>/", views.topic, name="topic"),
    path("<slug:slug>/", views.guide, name="guide"),
    path("<slug:slug>/andra/", views.edit, name="edit"),
    path("<slug:slug>/publicera/", views.publish, name="publish"),
    path("<slug:slug>/historik/", views.history, name="history"),
    path("<slug:slug>/historik/<int:number>/aterstall/", views.restore, name="restore"),
]
