from django.urls import path

from . import views

app_name = "volunteers"
urlpatterns = [
    path("", views.index, name="index"),
    path("profil/", views.profile, name="profile"),
    path("status/", views.status, name="status"),
    path("uppdrag/<int:pk>/", views.assignment, name="assignment"),
    path("uppdrag/<int:pk>/timmar/", views.log_hours, name="log_hours"),
    path("uppdrag/<int:pk>/status/", views.assignment_status, name="assignment_status"),
]
