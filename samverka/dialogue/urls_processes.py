from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("aterkoppling/<int:pk>/", views.feedback, name="feedback"),
    path("<slug:slug>/", views.process, name="process"),
]
