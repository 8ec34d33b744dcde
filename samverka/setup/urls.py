"""The setup app's addresses."""

from django.urls import path

from . import views

app_name = "setup"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/ny/", views.upload, name="upload"),
    path("import/<int:pk>/", views.import_job, name="import"),
    path("import/<int:pk>/avvisade-rader.csv", views.refused_rows, name="refused_rows"),
    path("kalendrar/", views.feeds, name="feeds"),
    path("kalendrar/<int:pk>/synka/", views.sync_feed, name="sync_feed"),
    path("kalendrar/<int:pk>/ta-bort/", views.remove_feed, name="remove_feed"),
    path("export/", views.export, name="export"),
    path("export/<int:pk>/", views.download_export, name="download_export"),
]
