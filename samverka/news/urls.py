"""The news app's addresses (/nyheter/)."""

from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("rss/", views.rss, name="rss"),
    path("atom/", views.atom, name="atom"),
    path("ny/", views.new_post, name="new"),
    path("nyhetsbrev/", views.subscribe, name="subscribe"),
    path("nyhetsbrev/tack/", views.subscribe_sent, name="subscribe_sent"),
    path("nyhetsbrev/bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("nyhetsbrev/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("nyhetsbrev/utskick/", views.newsletters, name="newsletters"),
    path("nyhetsbrev/utskick/nytt/", views.new_newsletter, name="new_newsletter"),
    path("nyhetsbrev/utskick/<int:pk>/", views.newsletter, name="newsletter"),
    path("nyhetsbrev/utskick/<int:pk>/skicka/", views.send, name="send"),
    path("<slug:slug>/", views.post, name="post"),
    path("<slug:slug>/andra/", views.edit_post, name="edit"),
]
