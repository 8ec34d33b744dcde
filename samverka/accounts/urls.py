from django.urls import path

from . import views

# Included by samverka.portal.urls under /konto/, in the `accounts` namespace, next to My pages.
urlpatterns = [
    path("uppgifter/", views.profile, name="profile"),
]
