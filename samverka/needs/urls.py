from django.urls import path

from . import views

app_name = "needs"
urlpatterns = [
    path("", views.index, name="index"),
    path("nytt/", views.create, name="create"),
    path("mina/", views.mine, name="mine"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/svara/", views.answer, name="answer"),
    path("<slug:slug>/andra/", views.edit, name="edit"),
    path("<slug:slug>/stang/", views.close, name="close"),
    path("<slug:slug>/oppna/", views.reopen, name="reopen"),
    path("<slug:slug>/svar/", views.answers, name="answers"),
    path("<slug:slug>/svar/<int:pk>/", views.handle, name="handle"),
]
