from django.urls import path

from . import views

app_name = "crisis"
urlpatterns = [
    path("", views.index, name="index"),
    path("jag-kan-hjalpa/", views.offer, name="offer"),
    path("jag-kan-hjalpa/tack/", views.offer_received, name="offer_received"),
    path("jag-kan-hjalpa/tack/<str:ref>/", views.offer_thanks, name="offer_thanks"),
    path("bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("jag-behover-hjalp/", views.request_help, name="request"),
    path("jag-behover-hjalp/tack/", views.request_received, name="request_received"),
    path("jag-behover-hjalp/tack/<str:ref>/", views.request_thanks, name="request_thanks"),
    path("starta/", views.start, name="start"),
    path("<int:pk>/avsluta/", views.close, name="close"),
    path("forfragningar/", views.requests, name="requests"),
    path("<int:pk>/forfragningar/", views.requests, name="requests"),
    path("oversikt/", views.overview, name="overview"),
    path("<int:pk>/oversikt/", views.overview, name="overview"),
    path("telefon/", views.desk_request, name="desk_request"),
    path("forfragan/<int:pk>/", views.request_detail, name="request_detail"),
    path("forfragan/<int:pk>/triage/", views.triage, name="triage"),
    path("forfragan/<int:pk>/matcha/", views.match, name="match"),
    path("forfragan/<int:pk>/avsluta/", views.close_request, name="close_request"),
    path("uppdrag/<int:pk>/avbryt/", views.cancel_task, name="cancel_task"),
    path("uppdrag/<str:token>/", views.task_answer, name="task_answer"),
    path("sms/", views.sms_inbound, name="sms_inbound"),
]
urlpatterns += [
    path("hjalpgivare/anmal/", views.provider_join, name="provider_join"),
    path("hjalpgivare/<int:pk>/", views.provider, name="provider"),
    path("hjalpgivare/<int:pk>/pausa/", views.provider_pause, name="provider_pause"),
    path("<int:pk>/hjalpgivare/", views.providers, name="providers"),
    path("<int:pk>/inte-behovda/", views.release, name="release_volunteers"),
    path("forfragan/<int:pk>/lamna/", views.hand, name="hand"),
    path("hjalpgivare/uppdrag/<int:pk>/ta/", views.provider_accept, name="provider_accept"),
    path("hjalpgivare/uppdrag/<int:pk>/hjalpare/", views.provider_helpers, name="provider_helpers"),
    path("hjalpgivare/uppdrag/<int:pk>/klar/", views.provider_done, name="provider_done"),
    path("hjalpgivare/uppdrag/<int:pk>/tillbaka/", views.provider_return, name="provider_return"),
    path("tack-for-din-anmalan/<str:token>/", views.release_choice, name="release"),
]
