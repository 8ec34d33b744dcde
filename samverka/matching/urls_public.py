"""The public and participants' addresses of matching programmes; `urls.py` adds them to
the coordinators' (`app_name = "matching"` there). The fixed words come before a
programme's slug, so no programme may be called "deltagare", "bekrafta" or "uppfoljning"."""

from django.urls import path

from . import views, views_regional

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("regionalt/flode/", views_regional.feed, name="regional_feed"),
    path("regionalt/nyckel/", views_regional.public_key, name="regional_key"),
    path("regionalt/meddelande/", views_regional.inbox, name="regional_inbox"),
    path("samtycke/<str:token>/", views_regional.consent, name="consent"),
    path("deltagare/<str:token>/", views.participant, name="participant"),
    path("deltagare/<str:token>/bekrafta/", views.confirm_email, name="confirm_email"),
    path("bekrafta/<str:token>/", views.match, name="match"),
    path("uppfoljning/<str:token>/", views.check_in, name="check_in"),
    path("<slug:slug>/", views.programme, name="programme"),
    path("<slug:slug>/anmal/<str:side>/", views.sign_up, name="sign_up"),
    path("<slug:slug>/anmal/<str:side>/skickad/", views.sign_up_sent, name="sign_up_sent"),
]
