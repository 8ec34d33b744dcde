from django.urls import path

from . import views

app_name = "actors"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("ny/", views.create, name="create"),
    path("oppna-data/aktorer.csv", views.export_csv, name="export_csv"),
    path("oppna-data/aktorer.json", views.export_json, name="export_json"),
    path("inbjudan/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/andra/", views.edit, name="edit"),
    path("<slug:slug>/bekrafta/", views.confirm, name="confirm"),
    path("<slug:slug>/arkivera/", views.archive, name="archive"),
    path("<slug:slug>/verifiera/", views.verify, name="verify"),
    path("<slug:slug>/be-om-uppdatering/", views.request_update, name="request_update"),
    path("<slug:slug>/historik/", views.history, name="history"),
    path("<slug:slug>/personer/", views.people, name="people"),
    path("<slug:slug>/personer/<int:pk>/roll/", views.change_role, name="change_role"),
    path("<slug:slug>/personer/<int:pk>/ta-bort/", views.remove_person, name="remove_person"),
    path("<slug:slug>/inbjudningar/<int:pk>/aterkalla/", views.revoke_invitation, name="revoke_invitation"),
]
