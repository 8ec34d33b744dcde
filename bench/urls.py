from django.urls import path

from . import views

urlpatterns = [path("_floor", views.floor), path("_floor/write", views.floor_write)]
