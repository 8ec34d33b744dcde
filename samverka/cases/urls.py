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
    path("inkorg/<str:reference>/lamna-over/", views.hand_over, name="hand_over"),
    path("inkorg/<str:reference>/samtycke/", views.record_consent, name="record_consent"),
    path("arende/<str:token>/samtycke/<int:pk>/aterkalla/", views.withdraw_consent, name="withdraw_consent"),
    path("lank/inkorg/", views.link_inbox, name="link_inbox"),
    path("lank/inkorg/<str:reference>/", views.link_case, name="link_case"),
    path("lank/inkorg/<str:reference>/ta/", views.link_take, name="link_take"),
    path("lank/inkorg/<str:reference>/lamna-over/", views.link_hand_over, name="link_hand_over"),
    path("lank/inkorg/<str:reference>/svara/", views.link_answer, name="link_answer"),
    path("lank/part/<int:pk>/registrera-samtal/", views.link_register, name="link_register"),
    path("lank/<slug:slug>/", views.link, name="link"),
]
