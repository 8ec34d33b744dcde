from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.new, name="new"),
    path("arende/<str:token>/", views.status, name="status"),
    path("arende/<str:token>/skriv/", views.reply, name="reply"),
    path("mina/", views.mine, name="mine"),
    path("inkorg/", views.inbox, name="inbox"),
    path("inkorg/<str:reference>/", views.case, name="case"),
    path("inkorg/<str:reference>/ta/", views.assign, name="assign"),
    path("inkorg/<str:reference>/skicka-vidare/", views.reroute, name="reroute"),
    path("inkorg/<str:reference>/anteckning/", views.note, name="note"),
    path("inkorg/<str:reference>/svara/", views.answer, name="answer"),
    path("inkorg/<str:reference>/stang/", views.close, name="close"),
    path("inkorg/<str:reference>/oppna/", views.reopen, name="reopen"),
]
