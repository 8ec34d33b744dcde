"""The plans app's addresses (under /handlingsplaner/)."""

from django.urls import path

from . import views, views_points

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.create, name="create"),
    path("fran-punkt/<int:pk>/", views_points.from_point, name="from_point"),
    path("samverkansomraden/", views.inventory, name="inventory"),
    path("samverkansomraden/rad/<int:pk>/andra/", views.edit_inventory, name="edit_inventory"),
    path("samverkansomraden/rad/<int:pk>/ta-bort/", views.delete_inventory, name="delete_inventory"),
    path("samverkansomraden/<slug:office>/", views.inventory_office, name="inventory_office"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/andra/", views.edit, name="edit"),
    path("<slug:slug>/publicera/", views.publish, name="publish"),
    path("<slug:slug>/arkivera/", views.archive, name="archive"),
    path("<slug:slug>/mal/nytt/", views.add_goal, name="add_goal"),
    path("<slug:slug>/mal/<int:pk>/andra/", views.edit_goal, name="edit_goal"),
    path("<slug:slug>/mal/<int:pk>/indikatorer/ny/", views.add_indicator, name="add_indicator"),
    path("<slug:slug>/indikatorer/<int:pk>/andra/", views.edit_indicator, name="edit_indicator"),
    path("<slug:slug>/indikatorer/<int:pk>/varden/", views.values, name="values"),
    path("<slug:slug>/atgarder/ny/", views.add_action, name="add_action"),
    path("<slug:slug>/atgarder/<int:pk>/andra/", views.edit_action, name="edit_action"),
    path("<slug:slug>/atgarder/<int:pk>/status/", views.action_status, name="action_status"),
]
