from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("", views.index, name="index"),
    path("punkter/", views.my_points, name="my_points"),
    path("punkter/<int:pk>/", views.point, name="point"),
    path("punkter/<int:pk>/klar/", views.point_done, name="point_done"),
    path("punkter/<int:pk>/oppna-igen/", views.point_reopen, name="point_reopen"),
    path("punkter/<int:pk>/behov/", views.point_need, name="point_need"),
    path("moten/<int:pk>/", views.meeting, name="meeting"),
    path("moten/<int:pk>/dokument/", views.add_document, name="add_document"),
    path("moten/dokument/<int:pk>/", views.document, name="document"),
    path("moten/dokument/<int:pk>/ta-bort/", views.remove_document, name="remove_document"),
    path("moten/<int:pk>/flytta/", views.move, name="move"),
    path("moten/<int:pk>/dagordning/", views.propose, name="propose"),
    path("moten/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("moten/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("moten/<int:pk>/protokoll/justera/", views.approve, name="approve"),
    path("moten/<int:pk>/protokoll/rattelse/", views.correct, name="correct"),
    path("moten/<int:pk>/punkter/", views.add_point, name="add_point"),
    path("<slug:slug>/", views.group, name="group"),
    path("<slug:slug>/kalender.ics", views.feed, name="feed"),
    path("<slug:slug>/ga-med/", views.join, name="join"),
    path("<slug:slug>/ga-med/angra/", views.withdraw, name="withdraw"),
    path("<slug:slug>/lamna/", views.leave, name="leave"),
    path("<slug:slug>/utskick/", views.announce, name="announce"),
    path("<slug:slug>/utskick/installning/", views.announcements, name="announcements"),
    path("<slug:slug>/utskick/<int:pk>/", views.announcement, name="announcement"),
    path("<slug:slug>/skede/", views.stage, name="stage"),
    path("<slug:slug>/medlemmar/", views.members, name="members"),
    path("<slug:slug>/medlemmar/<int:pk>/", views.member, name="member"),
    path("<slug:slug>/platser/ny/", views.seat, name="add_seat"),
    path("<slug:slug>/platser/<int:pk>/", views.seat, name="seat"),
    path("<slug:slug>/moten/nytt/", views.plan, name="plan"),
    path("<slug:slug>/punkter/", views.group_points, name="points"),
]
