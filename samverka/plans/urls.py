"""The plans app's addresses (under /handlingsplaner/)."""

from django.urls import path

from . import views, views_points

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.create, name="create"),
    path("kommande-beslut/", views.forward_look, name="forward_look"),
    path("kommande-beslut/ny/", views.add_forward_item, name="add_forward_item"),
    path("kommande-beslut/folj/", views.follow, name="follow"),
    path("kommande-beslut/bevakningar/", views.my_follows, name="my_follows"),
    path("kommande-beslut/bevakningar/<int:pk>/sluta-folja/", views.unfollow, name="unfollow"),
    path("kommande-beslut/<int:pk>/", views.forward_item, name="forward_item"),
    path("kommande-beslut/<int:pk>/andra/", views.edit_forward_item, name="edit_forward_item"),
    path("kommande-beslut/<int:pk>/publicera/", views.publish_forward_item, name="publish_forward_item"),
    path("kommande-beslut/<int:pk>/flytta/", views.move_forward_item, name="move_forward_item"),
    path("kommande-beslut/<int:pk>/dra-tillbaka/", views.withdraw_forward_item, name="withdraw_forward_item"),
    path("kommande-beslut/<int:pk>/beslutad/", views.decide_forward_item, name="decide_forward_item"),
    path("kommande-beslut/<int:pk>/delta/", views.ask_to_take_part, name="ask_to_take_part"),
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
