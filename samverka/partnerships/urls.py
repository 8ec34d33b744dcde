"""The partnerships app's addresses (under /partnerskap/)."""

from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("", views.index, name="index"),
    path("nytt/", views.create, name="create"),
    path("mina/", views.mine, name="mine"),
    path("overenskommelser/", views.compacts, name="compacts"),
    path("overenskommelser/ny/", views.create_compact, name="create_compact"),
    path("overenskommelser/<slug:slug>/", views.compact, name="compact"),
    path("overenskommelser/<slug:slug>/andra/", views.edit_compact, name="edit_compact"),
    path("overenskommelser/<slug:slug>/underteckna/", views.sign, name="sign"),
    path("overenskommelser/<slug:slug>/underskrifter/<int:pk>/aterkalla/", views.withdraw, name="withdraw"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/andra/", views.edit, name="edit"),
    path("<slug:slug>/parter/ny/", views.add_party, name="add_party"),
    path("<slug:slug>/parter/<int:pk>/ta-bort/", views.remove_party, name="remove_party"),
    path("<slug:slug>/parter/<int:pk>/avsluta/", views.end_party, name="end_party"),
    path("<slug:slug>/insatser/ny/", views.add_contribution, name="add_contribution"),
    path("<slug:slug>/insatser/<int:pk>/ta-bort/", views.remove_contribution, name="remove_contribution"),
    path("<slug:slug>/mal/nytt/", views.add_goal, name="add_goal"),
    path("<slug:slug>/mal/<int:pk>/ta-bort/", views.remove_goal, name="remove_goal"),
    path("<slug:slug>/delmal/nytt/", views.add_milestone, name="add_milestone"),
    path("<slug:slug>/delmal/<int:pk>/andra/", views.edit_milestone, name="edit_milestone"),
    path("<slug:slug>/delmal/<int:pk>/ta-bort/", views.remove_milestone, name="remove_milestone"),
    path("<slug:slug>/delmal/<int:pk>/klart/", views.report_milestone, name="report_milestone"),
    path("<slug:slug>/dokument/nytt/", views.add_document, name="add_document"),
    path("<slug:slug>/dokument/<int:pk>/", views.document_file, name="document"),
    path("<slug:slug>/dokument/<int:pk>/ta-bort/", views.remove_document, name="remove_document"),
]
