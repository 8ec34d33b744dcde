"""My pages under /konto/. They keep the names they had when they lived in `accounts`
(`accounts:dashboard`, `accounts:my_data`, `accounts:delete`), next to the account's own
pages, which this list includes; the home page is `home` in samverka/urls.py."""

from django.urls import path

from samverka.accounts import urls as accounts_urls

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notiser/", views.notifications, name="notifications"),
    path("mina-data/", views.my_data, name="my_data"),
    path("radera/", views.delete_account, name="delete"),
    *accounts_urls.urlpatterns,
]
