from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("uppgifter/", views.profile, name="profile"),
    path("mina-data/", views.my_data, name="my_data"),
    path("radera/", views.delete_account, name="delete"),
]
