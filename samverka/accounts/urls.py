from django.urls import path

from . import views

# Included by samverka.portal.urls under /konto/, in the `accounts` namespace, next to My pages.
urlpatterns = [
    path("uppgifter/", views.profile, name="profile"),
    path("om-mig/", views.about_me, name="about_me"),
    path("telefon/", views.phone, name="phone"),
    path("vardnadshavare/<str:token>/", views.guardian, name="guardian"),
]
