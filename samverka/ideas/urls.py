"""The idea lab's addresses (/idelabbet/)."""

from django.urls import path

from . import views

app_name = "ideas"
urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("ny/", views.new, name="new"),
    path("mina/", views.mine, name="mine"),
    path("coacher/", views.board, name="board"),
    path("ide/<str:token>/", views.private, name="private"),
    # The receipt e-mail's confirmation link (a signed value, not the private link's token).
    path("bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("ide/<str:token>/galleri/", views.publicity, name="publicity"),
    path("<int:pk>/", views.idea, name="idea"),
    path("<int:pk>/ta/", views.take, name="take"),
    path("<int:pk>/kvitto/", views.resend_receipt, name="resend_receipt"),
    path("<int:pk>/framat/", views.forward, name="forward"),
    path("<int:pk>/tillbaka/", views.back, name="back"),
    path("<int:pk>/stod/", views.support, name="support"),
    path("<int:pk>/koppla/", views.link, name="link"),
    path("<int:pk>/behov/", views.need, name="need"),
]
